package org.nnet.ui.builder;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/** Project ▸ Configure ▸ Check .nnet files: adds the NNet nature, whose builder checks every file. */
public class EnableNnetBuilderHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection) {
			for (Object element : selection) {
				IResource resource = Adapters.adapt(element, IResource.class);
				if (resource == null) {
					continue;
				}
				IProject project = resource.getProject();
				try {
					NnetNature.addTo(project, null);
				} catch (CoreException e) {
					throw new ExecutionException("Could not add the NNet nature to " + project.getName(), e);
				}
			}
		}
		return null;
	}
}
