package org.nnet.ui.builder;

import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.markers.ProblemMarkerUpdater;

/**
 * Validates every .nnet file of the project together, so that names used across files resolve and
 * a change in one file re-checks the files that use it, and puts the problems in the Problems view.
 */
public class NnetBuilder extends IncrementalProjectBuilder {

	/** The builder's id, as declared in plugin.xml. */
	public static final String ID = "org.nnet.ui.builder";

	@Override
	protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
		IResourceDelta delta = kind == FULL_BUILD ? null : getDelta(getProject());
		if (delta != null && !touchesNnetFile(delta)) {
			return null;
		}
		validateProject(getProject(), monitor);
		return null;
	}

	@Override
	protected void clean(IProgressMonitor monitor) throws CoreException {
		getProject().deleteMarkers(ProblemMarkerUpdater.MARKER_TYPE, true, IProject.DEPTH_INFINITE);
	}

	/** Validates every .nnet file of the project and replaces their markers. */
	public static void validateProject(IProject project, IProgressMonitor monitor) throws CoreException {
		ProjectSources sources = ProjectSources.of(project);
		SubMonitor progress = SubMonitor.convert(monitor, "Checking .nnet files", sources.resources().size());
		for (IFile file : sources.resources().keySet()) {
			progress.subTask(file.getName());
			ProblemMarkerUpdater.replace(file, sources.validate(file));
			progress.worked(1);
		}
	}

	private static boolean touchesNnetFile(IResourceDelta delta) throws CoreException {
		boolean[] found = {false};
		delta.accept(d -> {
			if (NnetLanguage.FILE_EXTENSION.equals(d.getResource().getFileExtension())) {
				found[0] = true;
			}
			return !found[0];
		});
		return found[0];
	}
}
