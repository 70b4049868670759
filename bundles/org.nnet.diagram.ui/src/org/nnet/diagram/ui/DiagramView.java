package org.nnet.diagram.ui;

import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.IPostSelectionProvider;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * The diagram of the active .nnet text editor, beside it: follows the editor that was active last, shows its
 * text as a diagram, selects a node's text on a click and highlights the node under the caret.
 */
public final class DiagramView extends ViewPart {

	/** The view's id. */
	public static final String ID = "org.nnet.diagram.ui.view";

	private DiagramPanel panel;
	private ITextEditor editor;
	private final ISelectionChangedListener caretListener = event -> {
		if (event.getSelection() instanceof ITextSelection s && panel != null && !panel.isDisposed()) {
			panel.highlightAt(s.getOffset());
		}
	};
	private final IPartListener2 partListener = new IPartListener2() {
		@Override
		public void partActivated(IWorkbenchPartReference ref) {
			follow(ref.getPart(false));
		}

		@Override
		public void partBroughtToTop(IWorkbenchPartReference ref) {
			follow(ref.getPart(false));
		}

		@Override
		public void partClosed(IWorkbenchPartReference ref) {
			if (ref.getPart(false) == editor) {
				bind(null);
			}
		}
	};

	@Override
	public void createPartControl(Composite parent) {
		panel = new DiagramPanel(parent, SWT.NONE);
		getSite().getPage().addPartListener(partListener);
		follow(getSite().getPage().getActiveEditor());
	}

	private void follow(IWorkbenchPart part) {
		if (part instanceof IEditorPart && TextEditorTarget.accepts(part) && part != editor) {
			bind((ITextEditor) part);
		}
	}

	private void bind(ITextEditor newEditor) {
		if (editor != null) {
			provider(editor).ifPresent(p -> p.removePostSelectionChangedListener(caretListener));
		}
		editor = newEditor;
		if (panel == null || panel.isDisposed()) {
			return;
		}
		panel.bind(editor == null ? null : new TextEditorTarget(editor));
		setContentDescription(editor == null ? "Open a .nnet file to see its diagram." : editor.getTitle());
		if (editor != null) {
			provider(editor).ifPresent(p -> p.addPostSelectionChangedListener(caretListener));
		}
	}

	private static java.util.Optional<IPostSelectionProvider> provider(ITextEditor editor) {
		ISelectionProvider p = editor.getSelectionProvider();
		return p instanceof IPostSelectionProvider post ? java.util.Optional.of(post) : java.util.Optional.empty();
	}

	/** The text editor the diagram shows, or {@code null}. */
	public ITextEditor editor() {
		return editor;
	}

	/** The diagram. */
	public DiagramPanel panel() {
		return panel;
	}

	@Override
	public void setFocus() {
		panel.setFocus();
	}

	@Override
	public void dispose() {
		getSite().getPage().removePartListener(partListener);
		bind(null);
		super.dispose();
	}
}
