package org.nnet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnet.ui.tests.TestWorkbench.item;
import static org.nnet.ui.tests.TestWorkbench.processEvents;
import static org.nnet.ui.tests.TestWorkbench.showMenu;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.commands.Command;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.bindings.keys.KeySequence;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.keys.IBindingService;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.ui.NnetPerspective;
import org.nnet.ui.training.TrainingView;

/**
 * Where an Eclipse user looks for running a training: the NNet perspective (NNet Studio's default) has the
 * Problems, Training and Console views and the Run menu; the Project Explorer's context menu of a .nnet
 * file has Run As ▸ NNet Training; Alt+Shift+X N runs it there and in the editor.
 */
@ExtendWith(KeepWorkspaceLogOnFailure.class)
class RunFromExplorerTest {

	static final String RUN_COMMAND = "org.nnet.ui.runTraining";
	private static IProject project;

	@BeforeAll
	static void createProject() throws Exception {
		project = TestWorkbench.project("runas");
		TestWorkbench.write(project, "net.nnet", "network Net {\n    input x: [4]\n    x -> dense(2) as y\n    output y\n}\n");
		TestWorkbench.write(project, "notes.txt", "not a model\n");
	}

	static IWorkbenchPage nnetPerspective() {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		window.getShell().setBounds(0, 0, 1600, 1000);
		try {
			PlatformUI.getWorkbench().showPerspective(NnetPerspective.ID, window);
		} catch (org.eclipse.ui.WorkbenchException e) {
			throw new AssertionError(e);
		}
		processEvents(300);
		return window.getActivePage();
	}

	@Test
	void theNnetPerspectiveHasProblemsTrainingConsoleAndTheRunMenu() {
		IWorkbenchPage page = nnetPerspective();
		page.resetPerspective(); // as a fresh workspace has it
		processEvents(300);
		assertEquals(NnetPerspective.ID, page.getPerspective().getId());
		for (String view : List.of(IPageLayout.ID_PROBLEM_VIEW, TrainingView.ID, org.eclipse.ui.console.IConsoleConstants.ID_CONSOLE_VIEW,
				IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.ID_OUTLINE)) {
			assertNotNull(page.findViewReference(view), view + " is in the perspective");
		}
		assertTrue(page.isPartVisible(page.findView(IPageLayout.ID_PROBLEM_VIEW)), "Problems is on top of its stack");
		List<String> menus = Arrays.stream(page.getWorkbenchWindow().getShell().getMenuBar().getItems()).map(MenuItem::getText)
				.map(t -> t.replace("&", "")).toList();
		assertTrue(menus.contains("Run"), "the Run menu (launch action set) is in the menu bar: " + menus);
	}

	@Test
	void runAsNnetTrainingIsInTheProjectExplorersContextMenuOfANnetFile() throws Exception {
		assertEquals(List.of("NNet Training"), runAsEntries(project.getFile("net.nnet")));
		assertTrue(!runAsEntries(project.getFile("notes.txt")).contains("NNet Training"), "not on other files");
		TestWorkbench.screenshot("project-explorer-run-as");
	}

	/** The entries of Run As in the Project Explorer's context menu with the file selected (empty when there is no Run As). */
	static List<String> runAsEntries(IFile file) throws Exception {
		MenuItem nnet = runAsItem(file, null);
		List<MenuItem> items = nnet == null ? List.of() : List.of(nnet.getParent().getItems());
		return items.stream().map(TestWorkbench::label).filter(l -> !l.isEmpty() && !l.startsWith("Run Configurations")
				&& !l.startsWith("(none")).toList();
	}

	/** The Run As submenu's item with that label (or, with null, its first item) in the Project Explorer's menu of the file. */
	static MenuItem runAsItem(IFile file, String label) throws Exception {
		IWorkbenchPage page = nnetPerspective();
		CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
		explorer.selectReveal(new StructuredSelection(file));
		processEvents(300);
		assertEquals(file, ((StructuredSelection) explorer.getCommonViewer().getSelection()).getFirstElement());
		List<MenuItem> menu = showMenu(explorer.getCommonViewer().getControl().getMenu());
		MenuItem runAs = item(menu, "Run As");
		if (runAs == null) {
			return null;
		}
		List<MenuItem> sub = showMenu(runAs.getMenu());
		return label == null ? sub.get(0) : item(sub, label);
	}

	@Test
	void altShiftXNRunsTheTrainingOfTheSelectedNnetFile() throws Exception {
		IBindingService bindings = PlatformUI.getWorkbench().getService(IBindingService.class);
		var keys = Arrays.asList(bindings.getActiveBindingsFor(RUN_COMMAND));
		assertTrue(keys.contains(KeySequence.getInstance("ALT+SHIFT+X N")), keys.toString());
		Command command = PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(RUN_COMMAND);
		assertTrue(enabledWith(project.getFile("net.nnet"), command), "enabled on a .nnet file in the Project Explorer");
		assertFalse(enabledWith(project.getFile("notes.txt"), command), "not on other files");
	}

	private static boolean enabledWith(IFile file, Command command) throws Exception {
		IWorkbenchPage page = nnetPerspective();
		CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
		page.activate(explorer);
		explorer.selectReveal(new StructuredSelection(file));
		processEvents(300);
		return command.isHandled() && command.isEnabled();
	}
}
