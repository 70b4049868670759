package org.nnet.diagram.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.URL;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.browser.BrowserFunction;
import org.eclipse.swt.browser.ProgressAdapter;
import org.eclipse.swt.browser.ProgressEvent;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.text.undo.DocumentUndoManagerRegistry;
import org.eclipse.text.undo.IDocumentUndoManager;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramModel.Edge;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.PngExport;
import org.nnet.diagram.SvgExport;
import org.nnet.diagram.edit.DiagramEdit;
import org.nnet.diagram.edit.DiagramEditor;
import org.nnet.diagram.edit.EditRefusedException;
import org.nnet.ui.ProjectSources;
import org.nnet.diagram.glsp.GlspConnection;
import org.nnet.diagram.glsp.NnetModelState;
import org.nnet.diagram.glsp.NnetText;
import org.osgi.framework.FrameworkUtil;

/**
 * The diagram of one .nnet text in an SWT Browser (the page has the palette of layer kinds), with a tool bar;
 * shared by the {@link DiagramView} beside a text editor and the {@link DiagramEditorPart}.
 * <p>
 * The text is the source of truth: a change of the document (debounced) tells the GLSP server, which parses
 * it, builds the {@link DiagramModel}, lays it out with ELK and sends the graph to the page; what the server
 * shows ({@link NnetModelState#shown()}) is also what the tool bar, the caret highlight and the exports read,
 * so the text is parsed once per change. A gesture in the diagram becomes a {@link DiagramEdit} that
 * {@link DiagramEditor} turns into minimal text edits, applied to the document as one undoable change; the
 * diagram then refreshes from the text like after typing. Edits on text that does not parse are refused with
 * a message in the status line, and the text is left as it was.
 * <p>
 * The page is the Eclipse GLSP web client of org.nnet.diagram.glsp, connected without a port: its JSON-RPC
 * messages come through the {@code nnetGlspSend} browser function into a {@link GlspConnection}, and the
 * server's go back with {@code Browser.execute}. The server builds the graph from the same text (our diagram
 * model and ELK layout) and turns the page's gestures (palette drop on an edge, delete, rename, properties,
 * undo) into minimal text edits applied to the document here, as one undoable change each. The panel's own
 * methods (used by the tool bar and tests) make the same edits directly.
 */
public final class DiagramPanel extends Composite {

	private static final int DEBOUNCE_MILLIS = 250;

	private final IDocumentListener documentListener = new IDocumentListener() {
		@Override
		public void documentAboutToBeChanged(DocumentEvent event) {
		}

		@Override
		public void documentChanged(DocumentEvent event) {
			currentText = event.getDocument().get();
			scheduleRefresh(DEBOUNCE_MILLIS);
		}
	};
	private final Browser browser;
	private final Label status;
	private volatile DiagramTarget target;
	private volatile String currentText = "";
	private GlspConnection glsp;
	private final AtomicInteger modelsSent = new AtomicInteger();
	private boolean pageLoaded;
	private String pendingScript;
	private Runnable debounced;
	private String armedKind;
	private String highlightedNode;
	private double zoom = 1;

	/** Creates the panel; it shows nothing until {@link #bind(DiagramTarget)}. */
	public DiagramPanel(Composite parent, int style) {
		super(parent, style);
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		layout.verticalSpacing = 2;
		setLayout(layout);
		createToolBar();
		// the page (the GLSP client) has the palette; without a browser widget, a label says what is missing
		Browser b;
		try {
			b = new Browser(this, SWT.NONE);
			b.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		} catch (SWTError e) {
			b = null;
			Label missing = new Label(this, SWT.WRAP);
			missing.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
			missing.setText("The diagram needs a web browser widget (WebKitGTK: install libwebkit2gtk-4.1-0). " + e.getMessage());
		}
		browser = b;
		status = new Label(this, SWT.WRAP);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		if (browser != null) {
			installBrowser();
		}
		addDisposeListener(e -> unbind());
	}

	private void installBrowser() {
		browser.addProgressListener(new ProgressAdapter() {
			@Override
			public void completed(ProgressEvent event) {
				pageLoaded = true;
				if (pendingScript != null) {
					String script = pendingScript;
					pendingScript = null;
					browser.execute(script);
				}
			}
		});
		glsp = new GlspConnection(new PanelText(), json -> {
			if (json.contains("\"kind\":\"updateModel\"") || json.contains("\"kind\":\"setModel\"")) {
				modelsSent.incrementAndGet();
			}
			Display display = getDisplay();
			if (!display.isDisposed()) {
				display.asyncExec(() -> run("nnetGlspReceive(" + DiagramHtml.js(json) + ");"));
			}
		});
		new BrowserFunction(browser, "nnetGlspSend") {
			@Override
			public Object function(Object[] arguments) {
				glsp.fromClient(String.valueOf(arguments[0]));
				return null;
			}
		};
		addDisposeListener(e -> glsp.close());
		try {
			URL index = FileLocator.toFileURL(FileLocator.find(FrameworkUtil.getBundle(GlspConnection.class), new org.eclipse.core.runtime.Path("web/"), null));
			browser.setUrl(index.toString() + "index.html");
		} catch (IOException | RuntimeException e) {
			browser.setText("<p>The diagram's web client is missing from org.nnet.diagram.glsp (" + e + ").</p>");
		}
	}

	/** The text the GLSP server shows and edits: the bound document (as last seen on the UI thread). */
	private final class PanelText implements NnetText {
		@Override
		public URI uri() {
			DiagramTarget t = target;
			return t == null || t.file() == null ? URI.createURI("inmemory:/diagram.nnet")
					: URI.createPlatformResourceURI(t.file().getFullPath().toString(), true);
		}

		@Override
		public String text() {
			return currentText;
		}

		@Override
		public XtextResource parse(String text) {
			DiagramTarget t = target;
			return DiagramPanel.parse(t == null ? null : t.file(), text);
		}

		@Override
		public void apply(List<DiagramEditor.Result> steps) {
			getDisplay().syncExec(() -> {
				String failed = target == null ? "There is no text to edit." : replace(steps.stream().map(DiagramEditor.Result::edits).toList());
				if (failed != null) {
					message(failed);
				}
			});
		}

		private IDocumentUndoManager undoManager() {
			DiagramTarget t = target;
			return t == null ? null : DocumentUndoManagerRegistry.getDocumentUndoManager(t.document());
		}

		@Override
		public boolean canUndo() {
			boolean[] can = new boolean[1];
			getDisplay().syncExec(() -> can[0] = undoManager() != null && undoManager().undoable());
			return can[0];
		}

		@Override
		public boolean canRedo() {
			boolean[] can = new boolean[1];
			getDisplay().syncExec(() -> can[0] = undoManager() != null && undoManager().redoable());
			return can[0];
		}

		@Override
		public void undo() {
			getDisplay().syncExec(() -> {
				try {
					undoManager().undo();
				} catch (org.eclipse.core.commands.ExecutionException e) {
					message("Undo failed: " + e.getMessage());
				}
			});
		}

		@Override
		public void redo() {
			getDisplay().syncExec(() -> {
				try {
					undoManager().redo();
				} catch (org.eclipse.core.commands.ExecutionException e) {
					message("Redo failed: " + e.getMessage());
				}
			});
		}

		@Override
		public Path layoutFile() {
			return DiagramPanel.this.layoutFile();
		}

		@Override
		public void writeLayout(DiagramPins pins) throws IOException {
			NnetText.super.writeLayout(pins);
			DiagramTarget t = target;
			if (t != null && t.file() != null) {
				org.eclipse.core.resources.IContainer folder = t.file().getParent();
				org.eclipse.core.runtime.jobs.Job.create("Refresh " + folder.getFullPath(), monitor -> {
					folder.refreshLocal(org.eclipse.core.resources.IResource.DEPTH_ONE, monitor);
				}).schedule();
			}
		}

		@Override
		public void reveal(int offset, int length) {
			getDisplay().asyncExec(() -> {
				if (target != null) {
					target.selectText(offset, length);
				}
			});
		}
	}

	/** Parses a file's text with the rest of its project. */
	static XtextResource parse(IFile file, String text) {
		ProjectSources sources = ProjectSources.withText(file, text);
		XtextResource resource = sources.resource(file);
		return resource != null ? resource : sources.resources().values().iterator().next();
	}

	private void createToolBar() {
		ToolBar bar = new ToolBar(this, SWT.FLAT | SWT.RIGHT);
		bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		item(bar, "Delete", "Delete the selected layer (Delete key)", () -> delete(selectedNode()));
		item(bar, "Rename…", "Rename the selected node", () -> renameWithDialog(selectedNode()));
		item(bar, "Properties…", "Set an argument of the selected layer", () -> editArgumentWithDialog(selectedNode()));
		item(bar, "Expand all", "Show the layers of every network used as a step", () -> expandAll(true));
		item(bar, "Collapse all", "Show networks used as steps as single boxes", () -> expandAll(false));
		item(bar, "Zoom −", "Zoom out", () -> zoom(zoom / 1.25));
		item(bar, "Zoom +", "Zoom in", () -> zoom(zoom * 1.25));
		ToolItem export = new ToolItem(bar, SWT.DROP_DOWN);
		export.setText("Export");
		export.setToolTipText("Export the diagram as SVG or PNG");
		Menu menu = new Menu(getShell(), SWT.POP_UP);
		MenuItem svg = new MenuItem(menu, SWT.PUSH);
		svg.setText("Export as SVG…");
		svg.addListener(SWT.Selection, e -> exportWithDialog("svg"));
		MenuItem png = new MenuItem(menu, SWT.PUSH);
		png.setText("Export as PNG…");
		png.addListener(SWT.Selection, e -> exportWithDialog("png"));
		export.addListener(SWT.Selection, e -> {
			var p = bar.toDisplay(export.getBounds().x, export.getBounds().y + export.getBounds().height);
			menu.setLocation(p);
			menu.setVisible(true);
		});
		addDisposeListener(e -> menu.dispose());
	}

	private static void item(ToolBar bar, String text, String tip, Runnable action) {
		ToolItem item = new ToolItem(bar, SWT.PUSH);
		item.setText(text);
		item.setToolTipText(tip);
		item.addListener(SWT.Selection, e -> action.run());
	}

	/** Shows and edits the given text from now on (or nothing, for {@code null}). */
	public void bind(DiagramTarget newTarget) {
		unbind();
		target = newTarget;
		highlightedNode = null;
		if (target != null) {
			currentText = target.document().get();
			target.document().addDocumentListener(documentListener);
			scheduleRefresh(0);
		}
	}

	private void unbind() {
		if (target != null) {
			target.document().removeDocumentListener(documentListener);
			target = null;
		}
	}

	/** The text the diagram shows. */
	public DiagramTarget target() {
		return target;
	}

	/** Refreshes the diagram from the text after the given delay; later calls within it push the refresh back. */
	public void scheduleRefresh(int delayMillis) {
		if (isDisposed()) {
			return;
		}
		if (debounced != null) {
			getDisplay().timerExec(-1, debounced);
		}
		debounced = this::refresh;
		getDisplay().timerExec(delayMillis, debounced);
	}

	private void refresh() {
		debounced = null;
		if (isDisposed() || target == null) {
			return;
		}
		currentText = target.document().get();
		if (glsp != null) {
			glsp.textChanged();
		}
	}

	private void run(String script) {
		if (browser == null || browser.isDisposed()) {
			return;
		}
		if (pageLoaded) {
			browser.execute(script);
		} else {
			pendingScript = pendingScript == null ? script : pendingScript + script;
		}
	}

	// ---- gestures: what clicks and keys in the page do; public so that tests drive the same code path ----

	/** A click on a node: selects it and its text; a network used as a step also expands or collapses. */
	public void nodeClicked(String id) {
		Node node = node(id);
		if (node == null) {
			return;
		}
		select(id);
		int[] range = shown().ranges().get(id);
		if (range != null && target != null) {
			target.selectText(range[0], range[1]);
		}
		if (node.isGroup() && glsp != null) {
			glsp.toggleGroup(id);
		}
	}

	/**
	 * A click on an edge: with a layer kind chosen in the palette, inserts a layer of that kind there (with
	 * placeholder values for its required arguments, to be set in the properties).
	 *
	 * @return the message shown when the edit was refused or impossible, {@code null} when the text changed
	 */
	public String edgeClicked(String edgeId) {
		if (armedKind == null) {
			return message("Choose a layer kind in the palette first, then click an edge to insert it there.");
		}
		Edge edge = edge(edgeId);
		if (edge == null) {
			return message("That edge is no longer in the diagram.");
		}
		Node from = node(edge.source());
		Node to = node(edge.target());
		DiagramModel.Owner owner = owner(edge.target());
		if (from == null || to == null || owner == null) {
			return message("Layers are inserted between two layers of a network: edit a composite's members in their own networks.");
		}
		return apply(owner, to, new DiagramEdit.InsertLayer(owner.network(), from.name(), to.name(), armedKind, DiagramEdit.placeholders(armedKind), null));
	}

	/** Deletes a layer. @return the refusal message, or {@code null} when the text changed */
	public String delete(String id) {
		Node node = node(id);
		DiagramModel.Owner owner = owner(id);
		if (node == null || owner == null) {
			return message("Select a layer of a network first (click it), then delete it.");
		}
		return apply(owner, node, new DiagramEdit.DeleteNode(owner.network(), node.name()));
	}

	/** Renames a node. @return the refusal message, or {@code null} when the text changed */
	public String rename(String id, String newName) {
		Node node = node(id);
		DiagramModel.Owner owner = owner(id);
		if (node == null || owner == null) {
			return message("Select a node of a network first (click it), then rename it.");
		}
		return apply(owner, node, new DiagramEdit.RenameNode(owner.network(), node.name(), newName));
	}

	/**
	 * Sets ({@code value} non-null) or removes an argument of a layer.
	 *
	 * @param name the argument's name, or {@code null} for the main one
	 * @return the refusal message, or {@code null} when the text changed
	 */
	public String setArgument(String id, String name, String value) {
		Node node = node(id);
		DiagramModel.Owner owner = owner(id);
		if (node == null || owner == null) {
			return message("Select a layer of a network first (click it), then set its arguments.");
		}
		return apply(owner, node, new DiagramEdit.SetArgument(owner.network(), node.name(), name, value));
	}

	/** Chooses the layer kind that {@link #edgeClicked(String)} inserts ({@code null}: none). */
	public void arm(String kind) {
		armedKind = kind;
		message(kind == null ? "" : "Click an edge to insert " + kind + " there.");
	}

	/** Shows ({@code true}) or hides the layers of every network used as a step. */
	public void expandAll(boolean expand) {
		if (glsp != null) {
			glsp.expandAll(expand);
		}
	}

	/** Scales the diagram on screen (1 is the exported size). */
	public void zoom(double factor) {
		zoom = Math.max(0.2, Math.min(4, factor));
		run("window.nnet && window.nnet.zoom(" + zoom + ");");
	}

	/** Highlights the innermost node whose text contains the offset (the caret moved in the text). */
	public void highlightAt(int offset) {
		NnetModelState.Shown r = shown();
		if (r == null) {
			return;
		}
		String best = r.ranges().entrySet().stream()
				.filter(e -> e.getValue()[0] <= offset && offset <= e.getValue()[0] + e.getValue()[1])
				.min(Comparator.comparingInt(e -> e.getValue()[1])).map(Map.Entry::getKey).orElse(null);
		if (best != null ? !best.equals(highlightedNode) : highlightedNode != null) {
			highlightedNode = best;
			if (glsp != null) {
				glsp.caretMoved(offset);
			}
		}
	}

	/** The layout side file of the file shown ({@link DiagramPins}), or {@code null} when it is not a local file. */
	private Path layoutFile() {
		DiagramTarget t = target;
		return t == null || t.file() == null || t.file().getLocation() == null ? null
				: DiagramPins.fileOf(t.file().getLocation().toFile().toPath());
	}

	/** Writes the diagram on screen as SVG (the server's layout: nodes the user moved are where they were put). */
	public void exportSvg(Path file) throws IOException {
		new SvgExport().write(current().layout(), file);
	}

	/** Writes the diagram on screen as PNG. */
	public void exportPng(Path file) throws IOException {
		new PngExport().write(current().layout(), file);
	}

	private NnetModelState.Shown current() throws IOException {
		NnetModelState.Shown r = shown();
		if (r == null) {
			throw new IOException("The diagram has not been drawn yet.");
		}
		return r;
	}

	/** What the GLSP server shows now, or {@code null} before its first diagram (or without a browser). */
	private NnetModelState.Shown shown() {
		NnetModelState state = glsp == null ? null : glsp.state();
		return state == null ? null : state.shown();
	}

	// ---- what tests and the views read ----

	/** The browser showing the diagram, or {@code null} when none could be created. */
	public Browser browser() {
		return browser;
	}

	/** The text the diagram on screen was made from, or {@code null} before the first one. */
	public String renderedText() {
		NnetModelState.Shown r = shown();
		return r == null ? null : r.text();
	}

	/** The diagram on screen, or {@code null}. */
	public DiagramModel model() {
		NnetModelState.Shown r = shown();
		return r == null ? null : r.model();
	}

	/** The id of the node selected in the page (by a click or for the caret) when exactly one is, else {@code null}. */
	public String selectedNode() {
		NnetModelState state = glsp == null ? null : glsp.state();
		List<String> ids = state == null ? List.of() : state.selection();
		return ids.size() == 1 && node(ids.get(0)) != null ? ids.get(0) : null;
	}

	/** The id of the node highlighted for the caret, or {@code null}. */
	public String highlightedNode() {
		return highlightedNode;
	}

	/** The status line's text (the last message). */
	public String statusText() {
		return status.getText();
	}

	/** Selects a node in the diagram without touching the text. */
	public void select(String id) {
		if (glsp != null) {
			glsp.select(id);
		}
	}

	// ---- editing ----

	/**
	 * Makes an edit of a node of the network {@code owner}: refused when that network is defined in another
	 * file; for a node inside a group the status line then says that every use of the network changed.
	 */
	private String apply(DiagramModel.Owner owner, Node node, DiagramEdit edit) {
		String refusal = owner.refusal(node.name());
		if (refusal != null) {
			return message(refusal);
		}
		String failed = apply(edit);
		if (failed == null && owner.note() != null) {
			message(owner.note());
		}
		return failed;
	}

	private String apply(DiagramEdit edit) {
		if (target == null) {
			return message("There is no text to edit.");
		}
		IDocument document = target.document();
		String text = document.get();
		URI uri = target.file() == null ? URI.createURI("inmemory:/diagram.nnet")
				: URI.createPlatformResourceURI(target.file().getFullPath().toString(), true);
		DiagramEditor.Result result;
		try {
			result = new DiagramEditor().apply(uri, text, edit);
		} catch (EditRefusedException e) {
			return message(e.getMessage());
		} catch (RuntimeException e) {
			return message("The diagram edit failed (" + e + "); the text is unchanged.");
		}
		String failed = replace(List.of(result.edits()));
		if (failed != null) {
			return message(failed);
		}
		message("");
		return null;
	}

	/**
	 * Applies edits as one undoable change: each list's edits are on the text the previous list made. Returns a
	 * message when they did not fit.
	 */
	private String replace(List<List<DiagramEditor.TextEdit>> steps) {
		IDocument document = target.document();
		IDocumentUndoManager undo = DocumentUndoManagerRegistry.getDocumentUndoManager(document);
		if (undo != null) {
			undo.beginCompoundChange();
		}
		try {
			for (List<DiagramEditor.TextEdit> edits : steps) {
				for (int i = edits.size() - 1; i >= 0; i--) {
					DiagramEditor.TextEdit e = edits.get(i);
					document.replace(e.offset(), e.length(), e.text());
				}
			}
			return null;
		} catch (BadLocationException e) {
			return "The diagram edit did not fit the text (" + e.getMessage() + "); undo restores the text.";
		} finally {
			if (undo != null) {
				undo.endCompoundChange();
			}
		}
	}

	/** Whether the page has drawn the diagram of that text (the GLSP server made it and the client showed it). */
	public boolean pageShows(String text) {
		NnetModelState state = glsp == null ? null : glsp.state();
		if (state == null || state.shown() == null || !text.equals(state.shown().text()) || browser == null) {
			return false;
		}
		Object revision = browser.evaluate("return window.nnet ? window.nnet.revision : 0;");
		return revision instanceof Number n && n.intValue() >= modelsSent.get();
	}

	private String message(String text) {
		if (!status.isDisposed()) {
			status.setText(text == null ? "" : text);
			status.setForeground(text != null && !text.isEmpty() && !text.startsWith("Click")
					? getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
			layout(true);
		}
		return text;
	}

	private void renameWithDialog(String id) {
		Node node = node(id);
		if (node == null) {
			message("Select a node first (click it), then rename it.");
			return;
		}
		InputDialog dialog = new InputDialog(getShell(), "Rename", "New name of '" + node.name() + "':",
				node.generatedName() ? "" : node.name(), s -> s.isBlank() ? "Enter a name." : null);
		if (dialog.open() == Window.OK) {
			rename(id, dialog.getValue().trim());
		}
	}

	private void editArgumentWithDialog(String id) {
		Node node = node(id);
		if (node == null || node.role() != DiagramModel.Role.LAYER) {
			message("Select a layer first (click it), then set its arguments.");
			return;
		}
		ArgumentDialog dialog = new ArgumentDialog(getShell(), node);
		if (dialog.open() == Window.OK) {
			setArgument(id, dialog.argumentName(), dialog.value());
		}
	}

	private void exportWithDialog(String format) {
		FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
		dialog.setFilterExtensions(new String[] { "*." + format });
		String base = target != null && target.file() != null ? target.file().getName().replaceFirst("\\.nnet$", "") : "diagram";
		dialog.setFileName(base + "." + format);
		dialog.setOverwrite(true);
		String chosen = dialog.open();
		if (chosen == null) {
			return;
		}
		try {
			if (format.equals("svg")) {
				exportSvg(Path.of(chosen));
			} else {
				exportPng(Path.of(chosen));
			}
			message("Exported " + chosen);
		} catch (IOException | RuntimeException e) {
			message("Could not export " + chosen + ": " + e.getMessage());
		}
	}

	// ---- lookups in what is shown ----

	private Node node(String id) {
		DiagramModel m = model();
		return m == null ? null : m.node(id);
	}

	private Edge edge(String id) {
		DiagramModel m = model();
		return m == null ? null : m.edge(id);
	}

	/** The network whose own layer the node is ({@code Net/c1}), or {@code null} for nodes inside groups. */
	private DiagramModel.Owner owner(String id) {
		DiagramModel m = model();
		return m == null ? null : m.owner(id);
	}
}
