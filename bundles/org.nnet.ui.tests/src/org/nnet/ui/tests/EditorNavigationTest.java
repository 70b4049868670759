package org.nnet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.nnet.ui.tests.TestWorkbench.contents;
import static org.nnet.ui.tests.TestWorkbench.describe;
import static org.nnet.ui.tests.TestWorkbench.document;
import static org.nnet.ui.tests.TestWorkbench.errors;
import static org.nnet.ui.tests.TestWorkbench.open;
import static org.nnet.ui.tests.TestWorkbench.screenshot;
import static org.nnet.ui.tests.TestWorkbench.settle;
import static org.nnet.ui.tests.TestWorkbench.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ltk.core.refactoring.RefactoringCore;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramPins;
import org.nnet.lang.ide.RefusedException;
import org.nnet.lang.tests.CrossFileSample;
import org.nnet.lang.ide.outline.OutlineEntry;
import org.nnet.ui.builder.NnetNature;
import org.nnet.ui.editor.FormatHandler;
import org.nnet.ui.navigation.NnetHyperlinkDetector;
import org.nnet.ui.navigation.ReferencesView;
import org.nnet.ui.outline.NnetOutlinePage;
import org.nnet.ui.refactoring.RenameHandler;

/**
 * The editor's structure and navigation in a running workbench: the Outline view, go to definition
 * across files, Format, Find References and Rename across files, each through the workbench as a
 * user reaches it (views, commands and their key bindings' handlers).
 */
@ExtendWith(KeepWorkspaceLogOnFailure.class)
class EditorNavigationTest {

	private static final String ENCODER = CrossFileSample.ENCODER;
	private static final String USES = CrossFileSample.USES;

	private static IProject project;

	@BeforeAll
	static void createProject() throws Exception {
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1600, 1000);
		project = TestWorkbench.project("editing");
		NnetNature.addTo(project, null);
		Path examples = Path.of(System.getProperty("nnet.examples", "../../examples"));
		TestWorkbench.write(project, "mnist/mlp.nnet", Files.readString(examples.resolve("mnist/mlp.nnet")));
	}

	@AfterEach
	void closeEditors() {
		TestWorkbench.page().closeAllEditors(false);
		settle();
	}

	@Test
	void theOutlineShowsNodesWithShapesAndCountsFollowsTypingAndSelectsText() throws Exception {
		ITextEditor editor = open(project.getFile("mnist/mlp.nnet"));
		ContentOutline outline = (ContentOutline) TestWorkbench.page().showView(IPageLayout.ID_OUTLINE);
		TestWorkbench.page().activate(editor);
		waitUntil("the NNet outline page", 20_000, () -> outline.getCurrentPage() instanceof NnetOutlinePage p
				&& labels(p).stream().anyMatch(l -> l.contains("200,960 params")));
		NnetOutlinePage page = (NnetOutlinePage) outline.getCurrentPage();
		List<String> labels = labels(page);
		assertTrue(labels.stream().anyMatch(l -> l.startsWith("Mlp : network") && l.contains("203,530 params")), labels.toString());
		assertTrue(labels.stream().anyMatch(l -> l.contains(": dense  [256] · 200,960 params")), labels.toString());
		assertTrue(labels.stream().anyMatch(l -> l.contains(": training")), labels.toString());
		assertTrue(labels.stream().anyMatch(l -> l.contains(": dataset")), labels.toString());
		screenshot("outline");

		OutlineEntry dense = find(page.entries(), e -> e.label().contains("[256]"));
		page.viewer().setSelection(new StructuredSelection(dense), true);
		ITextSelection selected = (ITextSelection) editor.getSelectionProvider().getSelection();
		assertEquals("dense", selected.getText(), "selecting the entry selects the layer in the text");

		IDocument document = document(editor);
		document.replace(document.get().indexOf("dense(256"), "dense(256".length(), "dense(128");
		waitUntil("the outline to show the new shape after the reconcile", 20_000,
				() -> labels(page).stream().anyMatch(l -> l.contains(": dense  [128] · 100,480 params")));
	}

	@Test
	void ctrlClickAndF3OpenTheDeclarationInAnotherFile() throws Exception {
		IFile a = TestWorkbench.write(project, "cross/a.nnet", ENCODER);
		IFile b = TestWorkbench.write(project, "cross/b.nnet", USES);
		ITextEditor uses = open(b);
		int reference = USES.indexOf("Encoder as e") + 3;
		NnetHyperlinkDetector.DeclarationLink link = NnetHyperlinkDetector.linkAt(document(uses), reference);
		assertNotNull(link, "a hyperlink on the reference");
		assertEquals(USES.indexOf("Encoder as e"), link.getHyperlinkRegion().getOffset());
		assertEquals("Encoder".length(), link.getHyperlinkRegion().getLength());
		assertEquals(a, link.file());
		assertEquals(null, NnetHyperlinkDetector.linkAt(document(uses), USES.indexOf("dense(2)") + 1), "a built-in");

		uses.selectAndReveal(reference, 0);
		TestWorkbench.execute("org.eclipse.ui.edit.text.open.hyperlink"); // F3
		waitUntil("a.nnet to open", 10_000, () -> a.equals(activeFile()));
		ITextEditor declaration = (ITextEditor) TestWorkbench.page().getActiveEditor();
		ITextSelection selected = (ITextSelection) declaration.getSelectionProvider().getSelection();
		assertEquals("Encoder", selected.getText());
		assertEquals(ENCODER.indexOf("Encoder"), selected.getOffset());
		screenshot("go-to-definition");
	}

	@Test
	void formatIsOneUndoableChangeAndIsRefusedOnASyntaxError() throws Exception {
		String messy = "package fmt\nnetwork   N {\ninput x: [3]\n   x ->dense(2) as y\noutput y }\n";
		ITextEditor editor = open(TestWorkbench.write(project, "fmt/messy.nnet", messy));
		TestWorkbench.execute("org.nnet.ui.format"); // Ctrl+Shift+F
		String formatted = document(editor).get();
		assertTrue(formatted.contains("network N {\n    input x: [3]\n    x -> dense(2) as y\n"), formatted);
		screenshot("format");
		((ITextOperationTarget) TestWorkbench.viewer(editor)).doOperation(ITextOperationTarget.UNDO);
		assertEquals(messy, document(editor).get(), "one Undo restores the text");

		String broken = "network N {\n   input x: [3\n";
		ITextEditor brokenEditor = open(TestWorkbench.write(project, "fmt/broken.nnet", broken));
		String refused = FormatHandler.format(brokenEditor);
		assertNotNull(refused);
		assertTrue(refused.startsWith("Not formatted: line 2 has a syntax error"), refused);
		assertEquals(broken, document(brokenEditor).get());
	}

	@Test
	void findReferencesListsUsesInEveryFileAndDoubleClickOpensThem() throws Exception {
		IFile a = TestWorkbench.write(project, "cross/a.nnet", ENCODER);
		IFile b = TestWorkbench.write(project, "cross/b.nnet", USES);
		ITextEditor encoder = open(a);
		encoder.selectAndReveal(ENCODER.indexOf("Encoder") + 2, 0);
		TestWorkbench.execute("org.eclipse.ui.genericeditor.findReferences"); // Ctrl+Shift+G
		ReferencesView view = (ReferencesView) TestWorkbench.page().findView(ReferencesView.ID);
		assertNotNull(view, "the NNet References view is shown");
		List<ReferencesView.Match> matches = view.matches();
		assertEquals(List.of(5, 11, 12), matches.stream().map(ReferencesView.Match::line).toList(), matches.toString());
		assertTrue(matches.stream().allMatch(m -> m.file().equals(b)));
		assertEquals("z -> Encoder as e -> dense(2)", matches.get(0).lineText().strip());
		assertTrue(view.titleText().contains("3 references in 1 file"), view.titleText());
		screenshot("find-references");

		view.open(matches.get(1));
		waitUntil("b.nnet to open", 10_000, () -> b.equals(activeFile()));
		ITextSelection selected = (ITextSelection) ((ITextEditor) TestWorkbench.page().getActiveEditor())
				.getSelectionProvider().getSelection();
		assertEquals(USES.indexOf("Encoder as e", USES.indexOf("Twice")), selected.getOffset());
	}

	@Test
	void renameChangesEveryFileIsUndoneInOneStepAndRefusesClashes() throws Exception {
		IFile a = TestWorkbench.write(project, "cross/a.nnet", ENCODER);
		IFile b = TestWorkbench.write(project, "cross/b.nnet", USES);
		ITextEditor uses = open(b); // b open in an editor, a closed
		uses.selectAndReveal(USES.indexOf("Encoder as e") + 1, 0);

		RefusedException builtin = assertThrows(RefusedException.class, () -> RenameHandler.rename(uses, "dense"));
		assertTrue(builtin.getMessage().contains("built-in"), builtin.getMessage());
		RefusedException clash = assertThrows(RefusedException.class, () -> RenameHandler.rename(uses, "Twice"));
		assertTrue(clash.getMessage().contains("already declared as a network in b.nnet line 9"), clash.getMessage());
		assertEquals(USES, document(uses).get(), "a refused rename changes nothing");

		// a diagram's pinned positions beside the declaring file are kept by node id (Network/node)
		Path layout = DiagramPins.fileOf(a.getLocation().toPath());
		new DiagramPins(Map.of("Encoder/code", new Point(40, 60), "Other/code", new Point(1, 2))).write(layout);
		a.getParent().refreshLocal(IResource.DEPTH_ONE, null);

		RenameHandler.rename(uses, "Squeeze");
		assertEquals(USES.replace("Encoder", "Squeeze"), document(uses).get(), "the open editor's document");
		assertEquals(ENCODER.replace("Encoder", "Squeeze"), contents(a), "the closed file, written");
		assertEquals(Set.of("Squeeze/code", "Other/code"), DiagramPins.read(layout, w -> fail(w)).pinned().keySet(),
				"the pins follow the renamed network");
		uses.doSave(null);
		settle();
		assertEquals("", describe(errors(project.getFolder("cross"))), "both files still check");
		screenshot("rename");

		// Edit > Undo Rename: the workbench asks before undoing in files other than the active editor's
		TestWorkbench.pressInNextDialog("Yes", "OK");
		RefactoringCore.getUndoManager().performUndo(null, new NullProgressMonitor());
		assertEquals(USES, document(uses).get());
		assertEquals(ENCODER, contents(a));
		assertEquals(Set.of("Encoder/code", "Other/code"), DiagramPins.read(layout, w -> fail(w)).pinned().keySet(),
				"undo puts the pins' ids back");
		Files.delete(layout);
	}

	// ---- helpers

	private static IFile activeFile() {
		var editor = TestWorkbench.page().getActiveEditor();
		return editor == null ? null : editor.getEditorInput().getAdapter(IFile.class);
	}

	private static List<String> labels(NnetOutlinePage page) {
		List<String> out = new ArrayList<>();
		for (TreeItem item : page.viewer().getTree().getItems()) {
			collect(item, out);
		}
		return out;
	}

	private static void collect(TreeItem item, List<String> out) {
		out.add(item.getText());
		for (TreeItem child : item.getItems()) {
			collect(child, out);
		}
	}

	private static OutlineEntry find(List<OutlineEntry> entries, java.util.function.Predicate<OutlineEntry> p) {
		for (OutlineEntry e : entries) {
			if (p.test(e)) {
				return e;
			}
			OutlineEntry inner = find(e.children(), p);
			if (inner != null) {
				return inner;
			}
		}
		return null;
	}
}
