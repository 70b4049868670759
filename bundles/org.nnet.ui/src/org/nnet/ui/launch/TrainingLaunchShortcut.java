package org.nnet.ui.launch;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;

/** Run As → NNet Training on a .nnet file or its editor: reuses the file's configuration, or creates one. */
public final class TrainingLaunchShortcut implements ILaunchShortcut {

	@Override
	public void launch(ISelection selection, String mode) {
		if (selection instanceof IStructuredSelection s && !s.isEmpty()) {
			IFile file = Adapters.adapt(s.getFirstElement(), IFile.class);
			if (file != null) {
				launch(file, mode);
			}
		}
	}

	@Override
	public void launch(IEditorPart editor, String mode) {
		IFile file = Adapters.adapt(editor.getEditorInput(), IFile.class);
		if (file != null) {
			launch(file, mode);
		}
	}

	private static void launch(IFile file, String mode) {
		Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		List<String> names = TrainingLaunchDelegate.trainingNames(file);
		String training;
		if (names.isEmpty()) {
			MessageDialog.openError(shell, "NNet Training", file.getName() + " declares no training: add a training block to run it.");
			return;
		} else if (names.size() == 1) {
			training = names.get(0);
		} else {
			ElementListSelectionDialog d = new ElementListSelectionDialog(shell, new LabelProvider());
			d.setTitle("NNet Training");
			d.setMessage(file.getName() + " has several trainings: choose one to run");
			d.setElements(names.toArray());
			if (d.open() != Window.OK) {
				return;
			}
			training = (String) d.getFirstResult();
		}
		try {
			DebugUITools.launch(configurationFor(file, training), mode);
		} catch (CoreException e) {
			MessageDialog.openError(shell, "NNet Training", e.getStatus().getMessage());
		}
	}

	/** The saved configuration of a file's training; created (and saved) on first use. */
	public static ILaunchConfiguration configurationFor(IFile file, String training) throws CoreException {
		ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
		ILaunchConfigurationType type = manager.getLaunchConfigurationType(TrainingLaunchConfiguration.TYPE);
		String path = file.getFullPath().toString();
		for (ILaunchConfiguration c : manager.getLaunchConfigurations(type)) {
			if (path.equals(c.getAttribute(TrainingLaunchConfiguration.FILE, ""))
					&& training.equals(c.getAttribute(TrainingLaunchConfiguration.TRAINING, ""))) {
				return c;
			}
		}
		ILaunchConfigurationWorkingCopy wc = type.newInstance(null, manager.generateLaunchConfigurationName(training));
		wc.setAttribute(TrainingLaunchConfiguration.FILE, path);
		wc.setAttribute(TrainingLaunchConfiguration.TRAINING, training);
		wc.setMappedResources(new IResource[] { file });
		return wc.doSave();
	}
}
