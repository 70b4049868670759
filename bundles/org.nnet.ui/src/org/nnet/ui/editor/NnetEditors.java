package org.nnet.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.nnet.ui.NnetLanguage;

/** The .nnet editors of the workbench: which editor shows a .nnet file, its document, opening a place. */
public final class NnetEditors {

	/** The Generic Editor's id, the editor of .nnet files. */
	public static final String EDITOR_ID = "org.eclipse.ui.genericeditor.GenericEditor";

	private NnetEditors() {
	}

	/** The .nnet file a part edits, or {@code null} when it is not a text editor on a .nnet file. */
	public static IFile fileOf(IEditorPart part) {
		if (!(part instanceof ITextEditor) || part.getEditorInput() == null) {
			return null;
		}
		IFile file = part.getEditorInput().getAdapter(IFile.class);
		return file != null && NnetLanguage.FILE_EXTENSION.equals(file.getFileExtension()) ? file : null;
	}

	/** The editor's document. */
	public static IDocument document(ITextEditor editor) {
		return editor.getDocumentProvider().getDocument(editor.getEditorInput());
	}

	/** The caret's offset (the start of the selection). */
	public static int caret(ITextEditor editor) {
		return ((ITextSelection) editor.getSelectionProvider().getSelection()).getOffset();
	}

	/** Opens the file in its editor (or brings it to front) and selects the region. */
	public static ITextEditor open(IFile file, int offset, int length) throws CoreException {
		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		IEditorPart part = IDE.openEditor(page, file, EDITOR_ID);
		if (part instanceof ITextEditor editor) {
			editor.selectAndReveal(offset, length);
			return editor;
		}
		return null;
	}

	/** Shows a message in the editor's status line, as an error when {@code error}. */
	public static void status(IEditorPart editor, String message, boolean error) {
		var line = editor.getEditorSite().getActionBars().getStatusLineManager();
		if (error) {
			line.setErrorMessage(message);
		} else {
			line.setErrorMessage(null);
			line.setMessage(message);
		}
	}
}
