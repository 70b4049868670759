package org.nnet.lang.ide;

/** An edit (format, rename) that is refused before anything changes; the message is one sentence for the user. */
public final class RefusedException extends Exception {
	private static final long serialVersionUID = 1L;

	public RefusedException(String message) {
		super(message);
	}
}
