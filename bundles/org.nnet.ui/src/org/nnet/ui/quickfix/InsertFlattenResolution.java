package org.nnet.ui.quickfix;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.xtext.resource.XtextResource;

/** Fix of {@code org.nnet.core.insertFlatten}: inserts {@code flatten() -> } before the step. */
public class InsertFlattenResolution extends NnetResolution {

	@Override
	public String getLabel() {
		return "Insert flatten() before this layer";
	}

	@Override
	public String getDescription() {
		return "Flattens the image-like input into one axis so that the layer gets the flat input it needs.";
	}

	@Override
	void apply(IDocument document, XtextResource parsed, int offset, String[] data) throws BadLocationException {
		insertBeforeStep(document, parsed, offset, "flatten() -> ");
	}
}
