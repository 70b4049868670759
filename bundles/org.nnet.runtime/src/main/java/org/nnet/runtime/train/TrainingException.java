package org.nnet.runtime.train;

/**
 * A training run stopped for a reason the user must see: a non-finite loss or gradient (the
 * message names the epoch, the batch and the layer and variable where it first appeared), or data
 * that does not fit the model. The message is one sentence with the fix where there is one.
 */
public class TrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A stop explained by a sentence. */
    public TrainingException(String message) {
        super(message);
    }

    /** A stop explained by a sentence, caused by a lower-level exception. */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
