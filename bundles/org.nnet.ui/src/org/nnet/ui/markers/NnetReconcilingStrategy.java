package org.nnet.ui.markers;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.xtext.validation.Issue;
import org.nnet.ui.ProjectSources;

/**
 * Errors and warnings as you type: the Generic Editor's reconciler calls this, off the UI thread,
 * a moment after each change. It parses and validates the document's current text together with
 * the project's other .nnet files and replaces the file's problem markers.
 */
public class NnetReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

	private IDocument document;

	@Override
	public void setDocument(IDocument document) {
		this.document = document;
	}

	@Override
	public void setProgressMonitor(IProgressMonitor monitor) {
		// validation of one file is short; it is not interrupted
	}

	@Override
	public void initialReconcile() {
		validate();
	}

	@Override
	public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
		validate();
	}

	@Override
	public void reconcile(IRegion partition) {
		validate();
	}

	private void validate() {
		IDocument doc = document;
		IFile file = ProjectSources.fileOf(doc);
		if (file == null) {
			return;
		}
		String text = doc.get();
		List<Issue> issues = ProjectSources.withText(file, text).validate(file);
		WorkspaceJob update = new WorkspaceJob("Updating NNet problems of " + file.getName()) {
			@Override
			public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
				if (!text.equals(doc.get())) {
					return Status.OK_STATUS; // typed on: the next reconcile brings fresh markers
				}
				ProblemMarkerUpdater.replace(file, issues);
				return Status.OK_STATUS;
			}
		};
		update.setRule(file.getWorkspace().getRuleFactory().markerRule(file));
		update.setSystem(true);
		update.setPriority(WorkspaceJob.SHORT);
		update.schedule();
	}
}
