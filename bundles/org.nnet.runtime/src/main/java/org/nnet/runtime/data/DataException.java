package org.nnet.runtime.data;

import java.nio.file.Path;

/**
 * A problem with a data set's input that the user can fix: a missing file, a malformed row, a
 * missing column, sizes that do not fit. The message is one sentence naming the file, and the
 * line where there is one, in the form {@code file:line: what is wrong and how to fix it}.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by a complete sentence. */
    public DataException(String message) {
        super(message);
    }

    /** A problem described by a complete sentence, caused by a lower-level exception. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a line of a file (lines count from 1). */
    public static DataException at(Path file, long line, String problem) {
        return new DataException(file + ":" + line + ": " + problem);
    }

    /** A problem with a whole file. */
    public static DataException in(Path file, String problem) {
        return new DataException(file + ": " + problem);
    }

    /** A problem with a whole file, caused by a lower-level exception. */
    public static DataException in(Path file, String problem, Throwable cause) {
        return new DataException(file + ": " + problem, cause);
    }
}
