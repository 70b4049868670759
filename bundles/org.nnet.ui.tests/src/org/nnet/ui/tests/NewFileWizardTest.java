package org.nnet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.PlatformUI;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.wizards.ExamplesProjectWizard;
import org.nnet.ui.wizards.ModelTemplates;
import org.nnet.ui.wizards.NewNnetFileWizard;

/** The new-file wizard creates files that validate, for every template; the examples wizard copies the examples. */
@ExtendWith(KeepWorkspaceLogOnFailure.class)
class NewFileWizardTest {

	@Test
	void everyTemplateCreatesAFileWithoutErrors() throws Exception {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("wizard");
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		for (ModelTemplates.Kind kind : ModelTemplates.Kind.values()) {
			NewNnetFileWizard wizard = new NewNnetFileWizard();
			wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project));
			WizardDialog dialog = new WizardDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), wizard);
			dialog.setBlockOnOpen(false);
			dialog.open();
			String name = "new-" + kind.name().toLowerCase() + ".nnet";
			wizard.page().setFileName(name);
			wizard.page().setKind(kind);
			TestWorkbench.processEvents(100);
			if (kind == ModelTemplates.Kind.GAN) {
				TestWorkbench.screenshot("new-file-wizard");
			}
			assertTrue(wizard.performFinish());
			dialog.close();
			IFile file = project.getFile(name);
			assertTrue(file.exists(), name);
			List<Issue> errors = ProjectSources.of(project).validate(file).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
			assertEquals(List.of(), errors.stream().map(Issue::getMessage).toList(), kind + ":\n" + TestWorkbench.contents(file));
			assertTrue(TestWorkbench.contents(file).startsWith("package wizard\n\n"), "the file's package: " + TestWorkbench.contents(file));
		}
		TestWorkbench.page().closeAllEditors(false);
	}

	@Test
	void aNewFilesPackageIsItsFolderBelowTheProject() {
		assertEquals("wizard", ModelTemplates.packageName(new org.eclipse.core.runtime.Path("/wizard")));
		assertEquals("mnist.conv_nets", ModelTemplates.packageName(new org.eclipse.core.runtime.Path("/wizard/mnist/conv-nets")));
		assertEquals("my_project", ModelTemplates.packageName(new org.eclipse.core.runtime.Path("/My Project")));
		assertEquals("p2d", ModelTemplates.packageName(new org.eclipse.core.runtime.Path("/My Project/2d")));
	}

	@Test
	void theExamplesProjectHoldsEveryExample() throws Exception {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("nnet-examples");
		ExamplesProjectWizard.create(project, null);
		assertTrue(project.getFile("mnist/mlp.nnet").exists());
		assertTrue(project.getFile("generative/gan.nnet").exists());
		assertTrue(ProjectSources.nnetFiles(project).size() >= 7);
	}
}
