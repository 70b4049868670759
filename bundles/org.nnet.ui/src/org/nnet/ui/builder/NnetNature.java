package org.nnet.ui.builder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

/** Marks a project as holding .nnet files: it gets the {@link NnetBuilder}. */
public class NnetNature implements IProjectNature {

	/** The nature's id, as declared in plugin.xml. */
	public static final String ID = "org.nnet.ui.nature";

	private IProject project;

	/** Adds the nature (and so the builder) to a project, if it does not have it yet. */
	public static void addTo(IProject project, IProgressMonitor monitor) throws CoreException {
		if (project.hasNature(ID)) {
			return;
		}
		IProjectDescription description = project.getDescription();
		List<String> natures = new ArrayList<>(Arrays.asList(description.getNatureIds()));
		natures.add(ID);
		description.setNatureIds(natures.toArray(String[]::new));
		project.setDescription(description, monitor);
	}

	@Override
	public void configure() throws CoreException {
		IProjectDescription description = project.getDescription();
		for (ICommand command : description.getBuildSpec()) {
			if (NnetBuilder.ID.equals(command.getBuilderName())) {
				return;
			}
		}
		List<ICommand> commands = new ArrayList<>(Arrays.asList(description.getBuildSpec()));
		ICommand command = description.newCommand();
		command.setBuilderName(NnetBuilder.ID);
		commands.add(command);
		description.setBuildSpec(commands.toArray(ICommand[]::new));
		project.setDescription(description, null);
	}

	@Override
	public void deconfigure() throws CoreException {
		IProjectDescription description = project.getDescription();
		description.setBuildSpec(Arrays.stream(description.getBuildSpec())
				.filter(c -> !NnetBuilder.ID.equals(c.getBuilderName())).toArray(ICommand[]::new));
		project.setDescription(description, null);
		project.deleteMarkers(org.nnet.ui.markers.ProblemMarkerUpdater.MARKER_TYPE, true, IProject.DEPTH_INFINITE);
	}

	@Override
	public IProject getProject() {
		return project;
	}

	@Override
	public void setProject(IProject project) {
		this.project = project;
	}
}
