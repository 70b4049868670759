package org.nnet.ui.quickfix;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.ui.ProjectSources;

/**
 * Edits a .nnet file through its document: the very document an open editor shows (so the change
 * is undoable and unsaved text is kept), or a buffer that is saved afterwards when no editor has it.
 */
final class FileDocument {

	/** A change of a document, given the document and its parsed, linked text. */
	interface Change {
		void apply(IDocument document, XtextResource parsed) throws BadLocationException;
	}

	private FileDocument() {
	}

	static void edit(IFile file, Change change) throws CoreException, BadLocationException {
		ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
		IPath path = file.getFullPath();
		boolean openElsewhere = manager.getTextFileBuffer(path, LocationKind.IFILE) != null;
		manager.connect(path, LocationKind.IFILE, null);
		try {
			ITextFileBuffer buffer = manager.getTextFileBuffer(path, LocationKind.IFILE);
			IDocument document = buffer.getDocument();
			XtextResource parsed = ProjectSources.withText(file, document.get()).resource(file);
			change.apply(document, parsed);
			if (!openElsewhere) {
				buffer.commit(null, true);
			}
		} finally {
			manager.disconnect(path, LocationKind.IFILE, null);
		}
	}
}
