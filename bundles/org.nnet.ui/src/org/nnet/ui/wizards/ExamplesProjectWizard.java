package org.nnet.ui.wizards;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.dialogs.WizardNewProjectCreationPage;
import org.nnet.ui.builder.NnetNature;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * File → New → NNet Examples: a project holding the example models the bundle ships (the build copies
 * the checkout's {@code examples/} into the bundle), checked by the NNet builder.
 */
public final class ExamplesProjectWizard extends Wizard implements INewWizard {

	private WizardNewProjectCreationPage page;

	@Override
	public void init(IWorkbench workbench, IStructuredSelection selection) {
		setWindowTitle("NNet Examples");
		setNeedsProgressMonitor(true);
	}

	@Override
	public void addPages() {
		page = new WizardNewProjectCreationPage("nnetExamples");
		page.setTitle("NNet Examples");
		page.setDescription("A project with the NNet example models: MNIST, Fashion-MNIST, autoencoders, a GAN, text models.");
		page.setInitialProjectName("nnet-examples");
		addPage(page);
	}

	@Override
	public boolean performFinish() {
		try {
			create(page.getProjectHandle(), null);
			return true;
		} catch (CoreException | IOException e) {
			MessageDialog.openError(getShell(), "NNet Examples", "The project could not be created: " + e.getMessage());
			return false;
		}
	}

	/** Creates the project (if needed) and copies every shipped example into it. */
	public static void create(IProject project, IProgressMonitor monitor) throws CoreException, IOException {
		if (!project.exists()) {
			project.create(monitor);
		}
		project.open(monitor);
		Bundle bundle = FrameworkUtil.getBundle(ExamplesProjectWizard.class);
		Enumeration<URL> entries = bundle.findEntries("examples", "*", true);
		if (entries == null) {
			throw new IOException("this NNet Studio was built without its examples (the bundle has no examples/ folder)");
		}
		while (entries.hasMoreElements()) {
			URL url = entries.nextElement();
			String path = url.getPath();
			if (path.endsWith("/")) {
				continue;
			}
			IFile file = project.getFile(IPath.fromPortableString(path.substring(path.indexOf("examples/") + "examples/".length())));
			mkdirs(file.getParent(), monitor);
			try (InputStream in = url.openStream()) {
				if (file.exists()) {
					file.setContents(in, IResource.FORCE, monitor);
				} else {
					file.create(in, IResource.FORCE, monitor);
				}
			}
		}
		NnetNature.addTo(project, monitor);
	}

	private static void mkdirs(IContainer c, IProgressMonitor monitor) throws CoreException {
		if (c instanceof IFolder f && !f.exists()) {
			mkdirs(f.getParent(), monitor);
			f.create(true, true, monitor);
		}
	}
}
