package org.nnet.runtime.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock of a run folder ({@value #FILE}, an OS file lock): the training that writes a run folder
 * holds it, so a second one ({@code --resume} while the first still runs) is refused instead of
 * writing checkpoints and metrics beside it. The operating system releases it when the process dies.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file in a run folder. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir}.
     *
     * @throws TrainingException when another process holds it
     * @throws IOException       when the lock file cannot be written
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new TrainingException("Another training is still writing to " + runDir
                    + ": wait for it to end or stop it before resuming.");
        }
        return new RunLock(ch, l);
    }

    /** Whether a training holds the lock of {@code runDir} now (false when it has no lock file). */
    public static boolean isHeld(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process ends soon; the OS drops the lock with it
        }
    }
}
