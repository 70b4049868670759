package org.nnet.ui.navigation;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.statushandlers.StatusManager;
import org.nnet.ui.editor.NnetEditors;

/**
 * The NNet References view: what Find References (Ctrl+Shift+G) found, one row per reference with
 * its file, line and the line's text; double-click opens the file at the reference. (The platform's
 * Search view is in org.eclipse.search, which is not on Maven Central.)
 */
public class ReferencesView extends ViewPart {

	/** The view's id. */
	public static final String ID = "org.nnet.ui.navigation.ReferencesView";

	/** One reference: where it is and the text of its line. */
	public record Match(IFile file, int offset, int length, int line, String lineText) {
	}

	private Label title;
	private TableViewer table;
	private List<Match> matches = List.of();

	@Override
	public void createPartControl(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		title = new Label(parent, SWT.NONE);
		title.setText("Find References (Ctrl+Shift+G) on a name in a .nnet editor lists its uses here.");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
		table = new TableViewer(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		table.getTable().setHeaderVisible(true);
		table.getTable().setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
		column("File", 260, m -> m.file().getFullPath().makeRelative().toString());
		column("Line", 60, m -> Integer.toString(m.line()));
		column("Text", 600, m -> m.lineText().strip());
		table.setContentProvider(ArrayContentProvider.getInstance());
		table.setInput(matches);
		table.addDoubleClickListener(e -> {
			if (e.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof Match m) {
				open(m);
			}
		});
	}

	private void column(String name, int width, java.util.function.Function<Match, String> text) {
		TableViewerColumn c = new TableViewerColumn(table, SWT.NONE);
		c.getColumn().setText(name);
		c.getColumn().setWidth(width);
		c.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((Match) element);
			}
		});
	}

	/** Shows the references found for a name. */
	public void show(String name, List<Match> found) {
		matches = List.copyOf(found);
		int files = (int) found.stream().map(Match::file).distinct().count();
		title.setText("'" + name + "' — " + found.size() + " reference" + (found.size() == 1 ? "" : "s") + " in " + files
				+ " file" + (files == 1 ? "" : "s"));
		table.setInput(matches);
	}

	/** The references shown. */
	public List<Match> matches() {
		return matches;
	}

	/** The title line (the name and the counts). */
	public String titleText() {
		return title.getText();
	}

	/** Opens a reference in its editor, selecting it (what a double-click does). */
	public void open(Match match) {
		try {
			NnetEditors.open(match.file(), match.offset(), match.length());
		} catch (CoreException e) {
			StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
		}
	}

	@Override
	public void setFocus() {
		table.getControl().setFocus();
	}
}
