package org.nnet.diagram.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nnet.diagram.ui.DiagramEditorPart;
import org.nnet.diagram.ui.DiagramPanel;
import org.nnet.diagram.ui.DiagramView;
import org.nnet.diagram.ui.ShowDiagramHandler;

/**
 * The diagram beside the text editor in a running workbench, on a copy of examples/mnist/lenet5.nnet: it
 * shows the network, follows text edits, selects text for a clicked node and highlights the node under the
 * caret, inserts a palette layer as a minimal undoable text edit, and on a syntax error keeps the last good
 * diagram under a banner and refuses edits. The tests build on each other, in order, in one workbench.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiagramBesideTextTest {

	private static final String GENERIC_EDITOR = "org.eclipse.ui.genericeditor.GenericEditor";
	private static IFile file;
	private static ITextEditor editor;
	private static DiagramView view;

	@BeforeAll
	static void openLeNet5BesideItsDiagram() throws Exception {
		Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		shell.setBounds(0, 0, 1600, 1000);
		PlatformUI.getWorkbench().getIntroManager().closeIntro(PlatformUI.getWorkbench().getIntroManager().getIntro());
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("diagram");
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		Path lenet = Path.of(System.getProperty("nnet.examples", "../../examples"), "mnist", "lenet5.nnet");
		file = project.getFile("lenet5.nnet");
		if (!file.exists()) {
			file.create(new ByteArrayInputStream(Files.readAllBytes(lenet)), IResource.FORCE, null);
		}
		for (String id : new String[] { "org.eclipse.ui.navigator.ProjectExplorer", "org.eclipse.ui.views.ContentOutline",
				"org.eclipse.ui.views.TaskList", "org.eclipse.ui.views.ProblemView" }) {
			var ref = page().findViewReference(id);
			if (ref != null) {
				page().hideView(ref);
			}
		}
		editor = (ITextEditor) IDE.openEditor(page(), file, GENERIC_EDITOR);
		view = ShowDiagramHandler.show(page());
		view.panel().zoom(0.8);
		waitForDiagramOf(document().get());
	}

	@AfterAll
	static void closeWithoutSaving() {
		page().closeAllEditors(false);
	}

	@Test
	@Order(1)
	void showsTheNineNodesOfLeNet5BesideTheText() {
		assertEquals(editor, view.editor());
		assertEquals(9, nodes("LeNet5"), "input + 8 layers");
		assertEquals(8, edges("LeNet5"));
		assertEquals(0, count(".nnet-error"));
		assertEquals("none", panel().browser().evaluate("return document.getElementById('nnet-banner').style.display;"));
		panel().zoom(0.6);
		screenshot("diagram-beside-text");
	}

	@Test
	@Order(2)
	void clickingANodeSelectsItsTextAndTheCaretHighlightsTheNode() {
		panel().nodeClicked("LeNet5/f5");
		ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
		assertTrue(selection.getText().contains("dense(120, activation: tanh) as f5"), selection.getText());
		assertEquals("LeNet5/f5", panel().selectedNode());
		waitUntil("f5 to be selected in the page", 5_000, () -> "LeNet5/f5".equals(
				panel().browser().evaluate("return window.nnet.selection().join();")));

		int c3 = document().get().indexOf("as c3");
		editor.selectAndReveal(c3, 0);
		waitUntil("the caret's node to be highlighted", 5_000, () -> "LeNet5/c3".equals(panel().highlightedNode()));
		waitUntil("c3 to be selected in the page", 5_000, () -> "LeNet5/c3".equals(
				panel().browser().evaluate("return window.nnet.selection().join();")));
	}

	@Test
	@Order(3)
	void renamingANodeInTheTextUpdatesTheDiagram() throws Exception {
		IDocument document = document();
		int at = document.get().indexOf("as f6") + 3;
		document.replace(at, 2, "hidden");
		waitForDiagramOf(document.get());
		assertEquals(1, count(id("LeNet5/hidden")));
		assertEquals(0, count(id("LeNet5/f6")));
		assertEquals(1, count(id("LeNet5/f5->LeNet5/hidden")));
	}

	@Test
	@Order(4)
	void aPaletteLayerDroppedOnAnEdgeIsAMinimalUndoableTextEdit() {
		String before = document().get();
		panel().arm("dropout");
		assertNull(panel().edgeClicked("LeNet5/f5->LeNet5/hidden"));
		String after = document().get();
		assertEquals(before.replace("          -> dense(84, activation: tanh) as hidden",
				"          -> dropout(0.5)\n          -> dense(84, activation: tanh) as hidden"), after,
				"one line inserted; every other character, comments included, as it was");
		assertTrue(editor.isDirty());
		waitForDiagramOf(after);
		assertEquals(10, nodes("LeNet5"));
		screenshot("diagram-after-palette-insertion");

		((ITextOperationTarget) editor.getAdapter(ITextOperationTarget.class)).doOperation(ITextOperationTarget.UNDO);
		assertEquals(before, document().get(), "the diagram edit is one undo step of the text editor");
		waitForDiagramOf(before);
		assertEquals(9, nodes("LeNet5"));
	}

	@Test
	@Order(5)
	void aSyntaxErrorKeepsTheLastGoodDiagramUnderABannerAndRefusesEdits() throws Exception {
		IDocument document = document();
		String good = document.get();
		int at = good.indexOf("output digits");
		document.replace(at, 0, "-> -> ");
		String broken = document.get();
		waitForDiagramOf(broken);
		assertEquals("block", panel().browser().evaluate("return document.getElementById('nnet-banner').style.display;"));
		String banner = (String) panel().browser().evaluate("return document.getElementById('nnet-banner').textContent;");
		assertTrue(banner.contains("syntax error") && banner.contains("last version that parsed"), banner);
		assertEquals(9, nodes("LeNet5"), "the last good diagram stays");
		screenshot("diagram-syntax-error");

		panel().arm("dropout");
		String refusal = panel().edgeClicked("LeNet5/f5->LeNet5/hidden");
		assertNotNull(refusal);
		assertTrue(refusal.contains("syntax error"), refusal);
		assertEquals(refusal, panel().statusText());
		assertEquals(broken, document.get(), "a refused edit leaves the text as it was");
		assertNotNull(panel().delete("LeNet5/c1"));
		assertEquals(broken, document.get());

		document.set(good);
		waitForDiagramOf(good);
		assertEquals("none", panel().browser().evaluate("return document.getElementById('nnet-banner').style.display;"));
		panel().arm(null);
	}

	@Test
	@Order(6)
	void renamingAndSettingAnArgumentInTheDiagramEditTheText() {
		IDocument document = document();
		String before = document.get();
		assertNull(panel().rename("LeNet5/hidden", "f6"));
		assertEquals(before.replace(") as hidden", ") as f6"), document.get());
		waitForDiagramOf(document.get());
		assertNull(panel().setArgument("LeNet5/c3", "activation", "relu"));
		String expected = before.replace(") as hidden", ") as f6").replace("conv2d(16, kernel: 5, activation: tanh) as c3",
				"conv2d(16, kernel: 5, activation: relu) as c3");
		assertEquals(expected, document.get());
		waitForDiagramOf(expected);
		assertEquals(1, count(id("LeNet5/f6")));
		assertTrue(panel().rename("LeNet5/f6", "c1").contains("already used"), panel().statusText());
		assertEquals(expected, document.get());
	}

	@Test
	@Order(7)
	void openWithNNetDiagramShowsTheFileAsADiagram() throws Exception {
		DiagramEditorPart part = (DiagramEditorPart) page().openEditor(new FileEditorInput(file), DiagramEditorPart.ID, true,
				IWorkbenchPage.MATCH_ID | IWorkbenchPage.MATCH_INPUT);
		DiagramPanel panel = part.panel();
		waitUntil("the diagram editor to draw", 30_000, () -> document().get().equals(panel.renderedText()));
		waitUntil("the diagram editor's page to show LeNet5", 30_000, () -> panel.pageShows(document().get()));
		panel.browser().evaluate("window.nnet.fit(); return 0;");
		processEvents(300);
		assertEquals(9, ((Number) panel.browser().evaluate("return " + NODES.replace("GRAPH", "LeNet5") + ";")).intValue());
		assertTrue(part.isDirty(), "it shares the text editor's unsaved buffer");
		screenshot("diagram-editor");
		page().closeEditor(part, false);
	}

	@Test
	@Order(8)
	void expandAllShowsTheLayersOfNetworksUsedAsStepsAndTheToolBarActsOnWhatThePageSelects() throws Exception {
		IProject project = file.getProject();
		IFile inception = project.getFile("inception.nnet");
		if (!inception.exists()) {
			inception.create(Files.newInputStream(Path.of(System.getProperty("nnet.examples", "../../examples"), "fashion", "inception.nnet")),
					IResource.FORCE, null);
		}
		DiagramEditorPart part = (DiagramEditorPart) page().openEditor(new FileEditorInput(inception), DiagramEditorPart.ID, true,
				IWorkbenchPage.MATCH_ID | IWorkbenchPage.MATCH_INPUT);
		DiagramPanel panel = part.panel();
		waitUntil("the inception diagram", 30_000, () -> panel.model() != null && panel.model().node("MiniInception/mixed") != null);
		assertFalse(panel.model().node("MiniInception/mixed").expanded());
		String groupChildren = "document.querySelectorAll('[id^=\"nnet-diagram_MiniInception/mixed/\"].nnet-layer').length";
		panel.browser().evaluate("window.nnet.fit(); return 0;");
		assertEquals(0, ((Number) panel.browser().evaluate("return " + groupChildren + ";")).intValue());

		panel.expandAll(true);
		waitUntil("the group expanded", 30_000, () -> panel.model().node("MiniInception/mixed").expanded());
		waitUntil("the page to draw the group's layers", 30_000, () -> {
			panel.browser().evaluate("window.nnet.fit(); return 0;");
			return ((Number) panel.browser().evaluate("return " + groupChildren + ";")).intValue() >= 8;
		});
		screenshot("diagram-expand-all");

		// a layer inside the group belongs to the network the group uses: the edit changes that network
		assertNull(panel.setArgument("MiniInception/mixed/b1", "activation", "tanh"), panel.statusText());
		assertTrue(panel.target().document().get().contains("x -> conv2d(f1, kernel: 1, activation: tanh) as b1"),
				panel.target().document().get());
		assertTrue(panel.statusText().startsWith("Edited network Inception (used 1 time"), panel.statusText());
		panel.expandAll(false);
		waitUntil("the group collapsed", 30_000, () -> !panel.model().node("MiniInception/mixed").expanded());

		// the tool bar's Delete, Rename and Properties act on what the page selects
		panel.browser().evaluate("window.nnet.dispatch({ kind: 'elementSelected', selectedElementsIDs: ['MiniInception/classes'], deselectedElementsIDs: [], deselectAll: true }); return 0;");
		waitUntil("the page's selection to reach the tool bar", 10_000, () -> "MiniInception/classes".equals(panel.selectedNode()));
		page().closeEditor(part, false);
	}

	@Test
	@Order(9)
	void aNodeMovedInTheDiagramIsPinnedInASideFileOfTheWorkspaceAndResetLayoutRemovesIt() throws Exception {
		String text = document().get();
		IFile layout = file.getProject().getFile("lenet5.nnet.layout");
		assertFalse(layout.exists());
		Path svg = Files.createTempFile("diagram", ".svg");
		panel().exportSvg(svg);
		String elk = Files.readString(svg);
		panel().browser().evaluate("window.nnet.dispatch({ kind: 'changeBounds', isOperation: true, newBounds: [{ elementId: 'LeNet5/c1',"
				+ " newPosition: { x: 400, y: 300 }, newSize: { width: 100, height: 60 } }] }); return 0;");
		waitUntil("the side file to appear in the workspace", 10_000, layout::exists);
		try (var in = layout.getContents()) {
			assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("\"LeNet5/c1\""));
		}
		assertEquals(text, document().get(), "moving does not touch the text");
		waitUntil("the export to show the moved node", 10_000, () -> !export(svg).equals(elk));
		panel().browser().evaluate("window.nnet.dispatch({ kind: 'nnetResetLayout' }); return 0;");
		waitUntil("the side file to go", 10_000, () -> !layout.exists());
		waitUntil("the export to be ELK's again after Reset layout", 10_000, () -> export(svg).equals(elk));
		Files.delete(svg);
	}

	/** The SVG export of the diagram on screen. */
	private static String export(Path svg) {
		try {
			panel().exportSvg(svg);
			return Files.readString(svg);
		} catch (IOException e) {
			return e.toString();
		}
	}

	// ---- helpers ----

	private static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	private static IDocument document() {
		return editor.getDocumentProvider().getDocument(editor.getEditorInput());
	}

	private static DiagramPanel panel() {
		return view.panel();
	}

	/** Counts a graph's nodes or edges drawn by the GLSP client (GRAPH is replaced by the graph's name). */
	private static final String NODES = "[...document.querySelectorAll('#nnet-diagram > svg [id^=\"nnet-diagram_GRAPH/\"]')]"
			+ ".filter(e => ['nnet-layer','nnet-input','nnet-group','nnet-source'].some(c => e.classList.contains(c)) && !e.id.includes('#')).length";
	private static final String EDGES = "[...document.querySelectorAll('#nnet-diagram > svg [id^=\"nnet-diagram_GRAPH/\"]')]"
			+ ".filter(e => e.classList.contains('sprotty-edge')).length";

	private static int nodes(String graph) {
		panel().browser().evaluate("window.nnet.fit(); return 0;");
		processEvents(300);
		return ((Number) panel().browser().evaluate("return " + NODES.replace("GRAPH", graph) + ";")).intValue();
	}

	private static int edges(String graph) {
		return ((Number) panel().browser().evaluate("return " + EDGES.replace("GRAPH", graph) + ";")).intValue();
	}

	/** A selector for the element the GLSP client draws for a model element id. */
	private static String id(String elementId) {
		return "[id=\"nnet-diagram_" + elementId + "\"]";
	}

	/** Counts the page's elements matching a selector, the whole diagram in view (elements outside are not drawn). */
	private static int count(String selector) {
		panel().browser().evaluate("window.nnet.fit(); return 0;");
		processEvents(300);
		Object n = panel().browser().evaluate("return document.querySelectorAll('" + selector.replace("'", "\\'") + "').length;");
		return ((Number) n).intValue();
	}

	private static void waitForDiagramOf(String text) {
		waitUntil("the diagram of the current text", 30_000, () -> text.equals(panel().renderedText()));
		waitUntil("the page to draw the diagram of the current text", 30_000, () -> panel().pageShows(text));
		processEvents(300);
	}

	private static void processEvents(long millis) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < end) {
			if (!display.readAndDispatch()) {
				display.timerExec(20, () -> {
				});
				display.sleep();
			}
		}
		while (display.readAndDispatch()) {
			// drain
		}
	}

	private static void waitUntil(String what, long timeoutMillis, BooleanSupplier condition) {
		long end = System.currentTimeMillis() + timeoutMillis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				screenshot("FAILED-waiting");
				throw new AssertionError("Timed out after " + timeoutMillis + " ms waiting for " + what + "; status: "
						+ panel().statusText());
			}
			processEvents(50);
		}
	}

	/** Saves a PNG of the workbench window under target/screenshots/. */
	private static void screenshot(String name) {
		Display display = Display.getCurrent();
		processEvents(300);
		Shell workbench = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		Rectangle bounds = workbench.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			Path folder = Path.of(System.getProperty("nnet.testOutput", "target"), "screenshots");
			Files.createDirectories(folder);
			loader.save(folder.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}
}
