package org.nnet.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ResourceListSelectionDialog;

/** The Training tab: .nnet file, training, epochs override, samples, JVM options, data cache folder. */
public final class TrainingTab extends AbstractLaunchConfigurationTab {

	private Text file, training, epochs, take, jvm, cache;

	@Override
	public void createControl(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		c.setLayout(new GridLayout(3, false));
		file = field(c, "&File:");
		Button browse = new Button(c, SWT.PUSH);
		browse.setText("Browse...");
		browse.addListener(SWT.Selection, e -> {
			ResourceListSelectionDialog d = new ResourceListSelectionDialog(getShell(), ResourcesPlugin.getWorkspace().getRoot(), IResource.FILE);
			d.setTitle("Choose a .nnet file");
			if (d.open() == Window.OK && d.getResult().length > 0 && d.getResult()[0] instanceof IFile f) {
				file.setText(f.getFullPath().toString());
			}
		});
		training = field(c, "&Training (empty: the file's only one):");
		new Label(c, SWT.NONE);
		epochs = field(c, "&Epochs (empty: the file's):");
		new Label(c, SWT.NONE);
		take = field(c, "&Samples (empty: all; a number trains on the first N):");
		new Label(c, SWT.NONE);
		jvm = field(c, "&JVM options (empty: the preference's):");
		new Label(c, SWT.NONE);
		cache = field(c, "&Data cache folder (empty: the preference's):");
		Button folder = new Button(c, SWT.PUSH);
		folder.setText("Browse...");
		folder.addListener(SWT.Selection, e -> {
			String d = new DirectoryDialog(getShell()).open();
			if (d != null) {
				cache.setText(d);
			}
		});
		setControl(c);
	}

	private Text field(Composite c, String label) {
		new Label(c, SWT.NONE).setText(label);
		Text t = new Text(c, SWT.BORDER);
		t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		t.addModifyListener(e -> {
			setDirty(true);
			updateLaunchConfigurationDialog();
		});
		return t;
	}

	@Override
	public void setDefaults(ILaunchConfigurationWorkingCopy config) {
		config.setAttribute(TrainingLaunchConfiguration.FILE, "");
	}

	@Override
	public void initializeFrom(ILaunchConfiguration config) {
		try {
			file.setText(config.getAttribute(TrainingLaunchConfiguration.FILE, ""));
			training.setText(config.getAttribute(TrainingLaunchConfiguration.TRAINING, ""));
			epochs.setText(config.getAttribute(TrainingLaunchConfiguration.EPOCHS, ""));
			take.setText(config.getAttribute(TrainingLaunchConfiguration.TAKE, ""));
			jvm.setText(config.getAttribute(TrainingLaunchConfiguration.JVM_OPTIONS, ""));
			cache.setText(config.getAttribute(TrainingLaunchConfiguration.DATA_CACHE, ""));
		} catch (CoreException e) {
			setErrorMessage(e.getMessage());
		}
	}

	@Override
	public void performApply(ILaunchConfigurationWorkingCopy config) {
		config.setAttribute(TrainingLaunchConfiguration.FILE, file.getText().trim());
		config.setAttribute(TrainingLaunchConfiguration.TRAINING, training.getText().trim());
		config.setAttribute(TrainingLaunchConfiguration.EPOCHS, epochs.getText().trim());
		config.setAttribute(TrainingLaunchConfiguration.TAKE, take.getText().trim());
		config.setAttribute(TrainingLaunchConfiguration.JVM_OPTIONS, jvm.getText().trim());
		config.setAttribute(TrainingLaunchConfiguration.DATA_CACHE, cache.getText().trim());
	}

	@Override
	public boolean isValid(ILaunchConfiguration config) {
		setErrorMessage(null);
		IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(file.getText().trim());
		if (!(r instanceof IFile f) || !"nnet".equals(f.getFileExtension())) {
			setErrorMessage("Choose a .nnet file of the workspace.");
			return false;
		}
		for (Text t : new Text[] { epochs, take }) {
			if (!t.getText().isBlank() && !t.getText().trim().matches("[1-9][0-9]*")) {
				setErrorMessage("Epochs and samples are positive whole numbers (or empty).");
				return false;
			}
		}
		return true;
	}

	@Override
	public String getName() {
		return "Training";
	}
}
