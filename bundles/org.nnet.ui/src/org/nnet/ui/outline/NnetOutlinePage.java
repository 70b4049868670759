package org.nnet.ui.outline;

import java.util.List;
import java.util.function.BiConsumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.lang.ide.outline.NnetOutline;
import org.nnet.lang.ide.outline.OutlineEntry;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.SourceCache;
import org.nnet.ui.editor.NnetEditors;
import org.nnet.ui.markers.NnetReconcilingStrategy;

/**
 * The Outline view's page for a .nnet editor: package, networks with their input → output shapes and
 * parameter totals, each node with its inferred shape and parameter count, composites, datasets and
 * trainings. Refreshed after each reconcile; selecting an entry selects its name in the editor.
 */
public class NnetOutlinePage extends ContentOutlinePage {

	private final ITextEditor editor;
	private final IDocument document;
	private final BiConsumer<IDocument, XtextResource> onReconcile = (doc, resource) -> show(compute(resource));
	private volatile List<OutlineEntry> entries = List.of();

	public NnetOutlinePage(ITextEditor editor) {
		this.editor = editor;
		this.document = NnetEditors.document(editor);
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		TreeViewer viewer = getTreeViewer();
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return ((List<?>) input).toArray();
			}

			@Override
			public Object[] getChildren(Object parent) {
				return ((OutlineEntry) parent).children().toArray();
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return !((OutlineEntry) element).children().isEmpty();
			}
		});
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				return ((OutlineEntry) element).label();
			}
		});
		viewer.setUseHashlookup(false);
		viewer.setInput(entries);
		viewer.addSelectionChangedListener(event -> {
			if (event.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof OutlineEntry e) {
				editor.selectAndReveal(e.nameOffset(), e.nameLength());
			}
		});
		NnetReconcilingStrategy.addListener(document, onReconcile);
		Job initial = Job.create("NNet outline", (IProgressMonitor monitor) -> {
			refreshNow();
			return Status.OK_STATUS;
		});
		initial.setSystem(true);
		initial.schedule();
	}

	/** Recomputes the outline from the document's current text (called off the UI thread). */
	public IStatus refreshNow() {
		IFile file = NnetEditors.fileOf(editor);
		show(SourceCache.withText(file, document.get(), this::compute));
		return Status.OK_STATUS;
	}

	/** The tree showing the entries. */
	public TreeViewer viewer() {
		return getTreeViewer();
	}

	/** The entries shown (or about to be shown). */
	public List<OutlineEntry> entries() {
		return entries;
	}

	private List<OutlineEntry> compute(XtextResource resource) {
		return NnetLanguage.injector().getInstance(NnetOutline.class).entries(resource);
	}

	private void show(List<OutlineEntry> computed) {
		if (computed.equals(entries) && getControl() != null) {
			return; // same entries (records compare by value): nothing to redraw
		}
		boolean first = entries.isEmpty();
		entries = computed;
		Control control = getControl();
		if (control == null || control.isDisposed()) {
			return;
		}
		control.getDisplay().asyncExec(() -> {
			if (!control.isDisposed()) {
				control.setRedraw(false);
				try {
					java.util.Set<String> expanded = new java.util.HashSet<>();
					for (Object e : getTreeViewer().getExpandedElements()) {
						expanded.add(key((OutlineEntry) e));
					}
					getTreeViewer().setInput(computed);
					if (first) {
						getTreeViewer().expandToLevel(3);
					} else {
						// an entry of the same kind and name as an expanded one (its place may have moved) stays expanded
						List<OutlineEntry> again = new java.util.ArrayList<>();
						collectExpanded(computed, expanded, again);
						getTreeViewer().setExpandedElements(again.toArray());
					}
				} finally {
					control.setRedraw(true);
				}
			}
		});
	}

	private static String key(OutlineEntry e) {
		return e.kind() + ":" + e.name();
	}

	private static void collectExpanded(List<OutlineEntry> entries, java.util.Set<String> keys, List<OutlineEntry> out) {
		for (OutlineEntry e : entries) {
			if (!e.children().isEmpty() && keys.contains(key(e))) {
				out.add(e);
				collectExpanded(e.children(), keys, out);
			}
		}
	}

	@Override
	public void dispose() {
		NnetReconcilingStrategy.removeListener(document, onReconcile);
		super.dispose();
	}
}
