package org.nnet.diagram.edit;

/** A diagram edit that cannot be made; the message says why and what to do, and the text is unchanged. */
public final class EditRefusedException extends Exception {

	private static final long serialVersionUID = 1L;

	/** An edit refused for the reason given. */
	public EditRefusedException(String message) {
		super(message);
	}
}
