package org.nnet.diagram.ui;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Shows the diagram of the active .nnet editor in the {@link DiagramView} beside it, leaving the editor active. */
public final class ShowDiagramHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
		try {
			show(page);
		} catch (PartInitException e) {
			throw new ExecutionException("Could not open the NNet diagram view", e);
		}
		return null;
	}

	/** Opens the diagram view for the page's active editor and returns it. */
	public static DiagramView show(IWorkbenchPage page) throws PartInitException {
		IEditorPart editor = page.getActiveEditor();
		DiagramView view = (DiagramView) page.showView(DiagramView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
		if (editor != null) {
			page.activate(editor);
		}
		return view;
	}
}
