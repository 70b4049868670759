package org.nnet.diagram.ui;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.text.undo.DocumentUndoManagerRegistry;
import org.eclipse.text.undo.IDocumentUndoManager;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.operations.UndoRedoActionGroup;
import org.eclipse.ui.part.EditorPart;

/**
 * "Open With → NNet Diagram": a .nnet file as a diagram only. It edits the file's shared text buffer (the
 * same document a text editor of the file shows), so undo/redo act on the text and saving writes the text.
 * Clicking a node selects it; the Show Diagram command of the text editor shows text and diagram side by side.
 */
public final class DiagramEditorPart extends EditorPart {

	/** The editor's id. */
	public static final String ID = "org.nnet.diagram.ui.editor";

	private IFile file;
	private ITextFileBuffer buffer;
	private DiagramPanel panel;
	private boolean dirty;
	private final IDocumentListener dirtyListener = new IDocumentListener() {
		@Override
		public void documentAboutToBeChanged(DocumentEvent event) {
		}

		@Override
		public void documentChanged(DocumentEvent event) {
			updateDirty();
		}
	};

	@Override
	public void init(IEditorSite site, IEditorInput input) throws PartInitException {
		if (!(input instanceof IFileEditorInput in)) {
			throw new PartInitException("The NNet diagram opens .nnet files of the workspace.");
		}
		setSite(site);
		setInput(input);
		file = in.getFile();
		setPartName(file.getName());
		ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
		try {
			manager.connect(file.getFullPath(), LocationKind.IFILE, null);
		} catch (CoreException e) {
			throw new PartInitException(e.getStatus());
		}
		buffer = manager.getTextFileBuffer(file.getFullPath(), LocationKind.IFILE);
		DocumentUndoManagerRegistry.connect(buffer.getDocument());
		buffer.getDocument().addDocumentListener(dirtyListener);
		IDocumentUndoManager undo = DocumentUndoManagerRegistry.getDocumentUndoManager(buffer.getDocument());
		new UndoRedoActionGroup(site, undo.getUndoContext(), true).fillActionBars(site.getActionBars());
	}

	@Override
	public void createPartControl(Composite parent) {
		panel = new DiagramPanel(parent, SWT.NONE);
		panel.bind(new DiagramTarget() {
			@Override
			public IDocument document() {
				return buffer.getDocument();
			}

			@Override
			public IFile file() {
				return file;
			}

			@Override
			public void selectText(int offset, int length) {
				// no text here; the node stays selected in the diagram
			}
		});
		updateDirty();
	}

	private void updateDirty() {
		boolean now = buffer != null && buffer.isDirty();
		if (now != dirty) {
			dirty = now;
			firePropertyChange(PROP_DIRTY);
		}
	}

	/** The diagram. */
	public DiagramPanel panel() {
		return panel;
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		try {
			buffer.commit(monitor, true);
		} catch (CoreException e) {
			org.eclipse.jface.dialogs.ErrorDialog.openError(getSite().getShell(), "Save", "Could not save " + file.getName(), e.getStatus());
		}
		updateDirty();
	}

	@Override
	public void doSaveAs() {
	}

	@Override
	public boolean isDirty() {
		return buffer != null && buffer.isDirty();
	}

	@Override
	public boolean isSaveAsAllowed() {
		return false;
	}

	@Override
	public void setFocus() {
		panel.setFocus();
	}

	@Override
	public void dispose() {
		if (panel != null && !panel.isDisposed()) {
			panel.bind(null);
		}
		if (buffer != null) {
			IDocument document = buffer.getDocument();
			document.removeDocumentListener(dirtyListener);
			DocumentUndoManagerRegistry.disconnect(document);
			try {
				FileBuffers.getTextFileBufferManager().disconnect(file.getFullPath(), LocationKind.IFILE, null);
			} catch (CoreException e) {
				// nothing to save here: the buffer was the text editor's or is dropped unsaved on purpose
			}
			buffer = null;
		}
		super.dispose();
	}
}
