package org.nnet.diagram.ui;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;

/**
 * The text a diagram shows and edits: the document of a .nnet text editor, or of the file buffer the
 * diagram editor opened. Diagram edits are applied to this document, so undo and redo are the text's.
 */
public interface DiagramTarget {

	/** The document holding the .nnet text. */
	IDocument document();

	/** The workspace file, or {@code null} for text without one (names of other files then do not resolve). */
	IFile file();

	/** Selects and reveals a range of the text (a node clicked in the diagram); may do nothing. */
	void selectText(int offset, int length);
}
