package org.nnet.ui.launch;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Alt+Shift+X N (Run NNet Training): Run As ▸ NNet Training on the .nnet file of the active editor, or on the
 * .nnet file selected in a view such as the Project Explorer.
 */
public final class RunTrainingHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		IWorkbenchPart part = HandlerUtil.getActivePart(event);
		TrainingLaunchShortcut shortcut = new TrainingLaunchShortcut();
		if (part instanceof IEditorPart editor) {
			shortcut.launch(editor, ILaunchManager.RUN_MODE);
		} else {
			ISelection selection = HandlerUtil.getCurrentSelection(event);
			if (selection != null) {
				shortcut.launch(selection, ILaunchManager.RUN_MODE);
			}
		}
		return null;
	}
}
