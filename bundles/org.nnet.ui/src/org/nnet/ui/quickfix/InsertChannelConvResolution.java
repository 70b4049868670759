package org.nnet.ui.quickfix;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Fix of {@code org.nnet.core.channelMismatch} (data: expected, actual channels): inserts a 1×1
 * convolution {@code conv2d(expected, kernel: 1) -> } that maps the channels before the step.
 */
public class InsertChannelConvResolution extends NnetResolution {

	private final String expected;

	/** A fix producing {@code expected} channels. */
	public InsertChannelConvResolution(String expected) {
		this.expected = expected;
	}

	@Override
	public String getLabel() {
		return "Insert conv2d(" + expected + ", kernel: 1) to map the channels";
	}

	@Override
	public String getDescription() {
		return "A 1×1 convolution changes the number of channels and keeps height and width.";
	}

	@Override
	void apply(IDocument document, XtextResource parsed, int offset, String[] data) throws BadLocationException {
		insertBeforeStep(document, parsed, offset, "conv2d(" + expected + ", kernel: 1) -> ");
	}
}
