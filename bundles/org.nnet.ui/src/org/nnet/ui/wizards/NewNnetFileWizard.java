package org.nnet.ui.wizards;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.WizardNewFileCreationPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;

/** File → New → NNet File: a .nnet file started from a template of the chosen model kind. */
public final class NewNnetFileWizard extends BasicNewResourceWizard {

	/** The page: folder, file name, model kind. */
	public static final class Page extends WizardNewFileCreationPage {
		private Combo kind;

		Page(IStructuredSelection selection) {
			super("newNnetFile", selection);
			setTitle("NNet File");
			setDescription("Create a .nnet file from a template.");
			setFileExtension("nnet");
			setFileName("model.nnet");
		}

		@Override
		protected void createAdvancedControls(Composite parent) {
			Composite c = new Composite(parent, SWT.NONE);
			c.setLayout(new GridLayout(2, false));
			c.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
			new Label(c, SWT.NONE).setText("&Template:");
			kind = new Combo(c, SWT.READ_ONLY);
			for (ModelTemplates.Kind k : ModelTemplates.Kind.values()) {
				kind.add(k.label());
			}
			kind.select(ModelTemplates.Kind.TRAINING.ordinal());
		}

		/** Chooses the template. */
		public void setKind(ModelTemplates.Kind k) {
			kind.select(k.ordinal());
		}

		@Override
		protected InputStream getInitialContents() {
			ModelTemplates.Kind k = ModelTemplates.Kind.values()[Math.max(0, kind.getSelectionIndex())];
			String text = ModelTemplates.text(k, getFileName(), ModelTemplates.packageName(getContainerFullPath()));
			return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		protected org.eclipse.core.runtime.IStatus validateLinkedResource() {
			return org.eclipse.core.runtime.Status.OK_STATUS;
		}

		@Override
		protected void createLinkTarget() {
			// no linked files
		}
	}

	private Page page;

	@Override
	public void init(IWorkbench workbench, IStructuredSelection currentSelection) {
		super.init(workbench, currentSelection);
		setWindowTitle("New NNet File");
		setNeedsProgressMonitor(true);
	}

	@Override
	public void addPages() {
		page = new Page(getSelection());
		addPage(page);
	}

	/** The wizard's page (for driving the wizard from code). */
	public Page page() {
		return page;
	}

	@Override
	public boolean performFinish() {
		IFile file = page.createNewFile();
		if (file == null) {
			return false;
		}
		selectAndReveal(file);
		if (getWorkbench().getActiveWorkbenchWindow() != null) {
			try {
				IDE.openEditor(getWorkbench().getActiveWorkbenchWindow().getActivePage(), file);
			} catch (PartInitException e) {
				// created; it just did not open
			}
		}
		return true;
	}
}
