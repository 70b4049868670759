package org.nnet.ui;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;
import org.nnet.ui.training.TrainingView;

/**
 * The NNet perspective, NNet Studio's default: Project Explorer on the left, the editor with the diagram
 * beside it (the diagram bundle places its view right of the editors in every perspective), Outline on the
 * right, and below the editor Problems with the Training view in one stack and the Console in a stack of its
 * own, so that a training's output never hides its live chart. The Run menu and the tool bar's Run As come
 * with the launch action set.
 */
public final class NnetPerspective implements IPerspectiveFactory {

	/** The perspective's id. */
	public static final String ID = "org.nnet.ui.perspective";
	static final String DIAGRAM_VIEW = "org.nnet.diagram.ui.view";
	static final String NEW_FILE_WIZARD = "org.nnet.ui.wizards.newFile";
	static final String EXAMPLES_WIZARD = "org.nnet.ui.wizards.examples";

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editors = layout.getEditorArea();
		IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.18f, editors);
		left.addView(IPageLayout.ID_PROJECT_EXPLORER);
		IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.68f, editors);
		bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
		bottom.addView(TrainingView.ID);
		bottom.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);
		bottom.addPlaceholder("org.nnet.ui.navigation.ReferencesView");
		IFolderLayout console = layout.createFolder("console", IPageLayout.RIGHT, 0.62f, "bottom");
		console.addView(IConsoleConstants.ID_CONSOLE_VIEW);
		IFolderLayout right = layout.createFolder("right", IPageLayout.RIGHT, 0.8f, editors);
		right.addView(IPageLayout.ID_OUTLINE);

		layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
		layout.addNewWizardShortcut(NEW_FILE_WIZARD);
		layout.addNewWizardShortcut(EXAMPLES_WIZARD);
		layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.folder");
		layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.file");
		for (String view : new String[] { TrainingView.ID, DIAGRAM_VIEW, IPageLayout.ID_PROBLEM_VIEW, IConsoleConstants.ID_CONSOLE_VIEW,
				IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.ID_OUTLINE }) {
			layout.addShowViewShortcut(view);
		}
		layout.addPerspectiveShortcut(ID);
		layout.addPerspectiveShortcut("org.eclipse.ui.resourcePerspective");
	}
}
