package org.nnet.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code nnet}: the .nnet language, generator and runtime from a terminal. Each sub-command is its own
 * class; exit codes: 0 success, 1 the user's input has errors, 2 the command could not run.
 */
@Command(name = "nnet", mixinStandardHelpOptions = true, version = "nnet 0.1.0",
		description = "Check, generate and train neural networks written in .nnet files.",
		subcommands = { CheckCommand.class, GenerateCommand.class, TrainCommand.class, ExportCommand.class, DiffCommand.class,
				ImportCommand.class, StudioCommand.class, PredictCommand.class })
public final class Main implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(System.out);
	}

	/**
	 * Runs a command line and returns its exit code (tests call this instead of {@link #main}). What the
	 * commands print goes through {@link TerminalText}: no control character from a file reaches the terminal.
	 */
	public static int run(String... args) {
		PrintStream oldOut = System.out;
		PrintStream oldErr = System.err;
		PrintStream out = TerminalText.filtered(oldOut);
		PrintStream err = TerminalText.filtered(oldErr);
		try {
			System.setOut(out);
			System.setErr(err);
			CommandLine commandLine = new CommandLine(new Main());
			commandLine.setOut(new PrintWriter(out, true));
			commandLine.setErr(new PrintWriter(err, true));
			commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
				cl.getErr().println("nnet: " + e.getMessage() + " (an internal error; please report it)");
				return 2;
			});
			return onBigStack(() -> commandLine.execute(args));
		} finally {
			out.flush();
			err.flush();
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
	}

	/** The stack of the thread that runs a command: parsing, linking, checking and laying out recurse per level of a model. */
	static final long STACK_BYTES = 1L << 30;

	/** Runs {@code command} on a thread with a {@value #STACK_BYTES}-byte stack (reserved, used only as deep as needed). */
	private static int onBigStack(java.util.function.IntSupplier command) {
		int[] exit = { 2 };
		Throwable[] failure = { null };
		Thread t = new Thread(null, () -> {
			try {
				exit[0] = command.getAsInt();
			} catch (Throwable e) {
				failure[0] = e;
			}
		}, "nnet", STACK_BYTES);
		t.start();
		try {
			t.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 2;
		}
		if (failure[0] instanceof RuntimeException r) {
			throw r;
		}
		if (failure[0] instanceof Error e) {
			throw e;
		}
		return exit[0];
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}
}
