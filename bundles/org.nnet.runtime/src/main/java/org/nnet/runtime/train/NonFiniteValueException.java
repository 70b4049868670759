package org.nnet.runtime.train;

/** A gradient or loss became NaN or infinite; the {@link Trainer} adds epoch and batch to the message. */
public class NonFiniteValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Names where the value appeared, e.g. {@code "the gradient of layer dense_1 (variable dense_1/W)"}. */
    public NonFiniteValueException(String where) {
        super(where);
    }
}
