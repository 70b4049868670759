package org.nnet.ui.markers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

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
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.SourceCache;

/**
 * Errors and warnings as you type: the Generic Editor's reconciler calls this, off the UI thread,
 * a moment after each change. It parses and validates the document's current text (the project's
 * other .nnet files come from {@link SourceCache}, parsed again only when they change), replaces the
 * file's problem markers, and tells the document's listeners (the outline) about the new model.
 */
public class NnetReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

	private static final Map<IDocument, List<BiConsumer<IDocument, XtextResource>>> LISTENERS = new ConcurrentHashMap<>();

	private IDocument document;

	/**
	 * Registers a listener called after each reconcile of the document, in the reconciler's thread,
	 * with the freshly parsed resource (valid only during the call).
	 */
	public static void addListener(IDocument document, BiConsumer<IDocument, XtextResource> listener) {
		LISTENERS.computeIfAbsent(document, d -> new CopyOnWriteArrayList<>()).add(listener);
	}

	/** Removes a listener added with {@link #addListener}. */
	public static void removeListener(IDocument document, BiConsumer<IDocument, XtextResource> listener) {
		List<BiConsumer<IDocument, XtextResource>> list = LISTENERS.get(document);
		if (list != null) {
			list.remove(listener);
			if (list.isEmpty()) {
				LISTENERS.remove(document);
			}
		}
	}

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

	/** Checks the document's current text; returns the issues found (also scheduled as markers). */
	public List<Issue> validate() {
		IDocument doc = document;
		IFile file = ProjectSources.fileOf(doc);
		if (file == null) {
			return List.of();
		}
		String text = doc.get();
		return SourceCache.withText(file, text, resource -> {
			List<Issue> issues = NnetLanguage.injector().getInstance(IResourceValidator.class).validate(resource,
					CheckMode.ALL, CancelIndicator.NullImpl);
			scheduleMarkers(doc, file, text, issues);
			// then the outline: the markers are not kept waiting for it
			for (BiConsumer<IDocument, XtextResource> listener : LISTENERS.getOrDefault(doc, List.of())) {
				listener.accept(doc, resource);
			}
			return issues;
		});
	}

	private static void scheduleMarkers(IDocument doc, IFile file, String text, List<Issue> issues) {
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
