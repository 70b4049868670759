package org.nnet.diagram.ui;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.texteditor.ITextEditor;

/** A .nnet text editor as what a diagram shows: its document, and clicks in the diagram select its text. */
record TextEditorTarget(ITextEditor editor) implements DiagramTarget {

	/** Whether the editor holds a .nnet file. */
	static boolean accepts(Object part) {
		return part instanceof ITextEditor e && e.getEditorInput() instanceof IFileEditorInput in
				&& "nnet".equals(in.getFile().getFileExtension());
	}

	@Override
	public IDocument document() {
		return editor.getDocumentProvider().getDocument(editor.getEditorInput());
	}

	@Override
	public IFile file() {
		return ((IFileEditorInput) editor.getEditorInput()).getFile();
	}

	@Override
	public void selectText(int offset, int length) {
		editor.selectAndReveal(offset, length);
	}
}
