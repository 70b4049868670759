package org.nnet.runtime.train;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Makes a training program die with the process that started it ({@code nnet train}, the IDE) when that
 * process asks for it with the environment variable {@value #ENV}{@code =1}: a daemon thread checks the
 * parent every {@value #POLL_MILLIS} ms and exits when it is gone, even after a {@code kill -9} of the
 * parent, which no signal reports to the child. A program started by hand keeps running on its own.
 */
public final class ParentWatch {
    /** The environment variable that asks for the watch. */
    public static final String ENV = "NNET_EXIT_WITH_PARENT";
    /** The exit code of a program whose parent went away. */
    public static final int EXIT_CODE = 3;
    static final int POLL_MILLIS = 300;

    private ParentWatch() {
    }

    /** Starts the watch when {@value #ENV} is {@code 1}; does nothing otherwise or without a parent. */
    public static void startIfAsked() {
        if ("1".equals(System.getenv(ENV))) {
            ProcessHandle.current().parent().ifPresent(p -> start(() -> alive(p), () -> {
                System.err.println("The program that started this training went away: stopping (the last checkpoint is kept).");
                System.exit(EXIT_CODE);
            }));
        }
    }

    /** Runs {@code onGone} once {@code parentAlive} says false; returns the daemon thread that waits. */
    static Thread start(BooleanSupplier parentAlive, Runnable onGone) {
        Thread t = new Thread(() -> {
            try {
                while (parentAlive.getAsBoolean()) {
                    Thread.sleep(POLL_MILLIS);
                }
                onGone.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nnet-parent-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Whether the parent lives and is still this process's parent (after its death the child is re-parented). */
    private static boolean alive(ProcessHandle parent) {
        if (!parent.isAlive()) {
            return false;
        }
        Optional<ProcessHandle> now = ProcessHandle.current().parent();
        return now.isEmpty() || now.get().pid() == parent.pid();
    }
}
