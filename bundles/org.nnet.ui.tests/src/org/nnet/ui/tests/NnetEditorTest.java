package org.nnet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnet.ui.tests.TestWorkbench.contents;
import static org.nnet.ui.tests.TestWorkbench.describe;
import static org.nnet.ui.tests.TestWorkbench.document;
import static org.nnet.ui.tests.TestWorkbench.errors;
import static org.nnet.ui.tests.TestWorkbench.open;
import static org.nnet.ui.tests.TestWorkbench.screenshot;
import static org.nnet.ui.tests.TestWorkbench.settle;
import static org.nnet.ui.tests.TestWorkbench.viewer;
import static org.nnet.ui.tests.TestWorkbench.waitUntil;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposalExtension2;
import org.eclipse.jface.text.link.LinkedModeModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.core.IssueCodes;
import org.nnet.ui.builder.NnetNature;
import org.nnet.ui.editor.NnetContentAssistProcessor;
import org.nnet.ui.editor.NnetHover;
import org.nnet.ui.markers.ProblemMarkerUpdater;
import org.nnet.ui.quickfix.InsertFlattenResolution;

/**
 * The .nnet editor in a running workbench: the examples open without errors, typed errors become
 * markers, the quick fix repairs them, content assist and hovers answer, and broken files still
 * open and save exactly what was typed. One workbench serves every test.
 */
@ExtendWith(KeepWorkspaceLogOnFailure.class)
class NnetEditorTest {

	private static final String FLATTEN_STEP = "-> flatten()";
	private static IProject project;

	@BeforeAll
	static void createExampleProject() throws Exception {
		Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		shell.setBounds(0, 0, 1600, 1000);
		TestWorkbench.page().showView(org.eclipse.ui.IPageLayout.ID_PROBLEM_VIEW);
		PlatformUI.getWorkbench().getIntroManager().closeIntro(PlatformUI.getWorkbench().getIntroManager().getIntro());
		project = ResourcesPlugin.getWorkspace().getRoot().getProject("examples");
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		NnetNature.addTo(project, null);
		Path examples = Path.of(System.getProperty("nnet.examples", "../../examples"));
		try (Stream<Path> files = Files.walk(examples)) {
			for (Path p : files.filter(f -> f.toString().endsWith(".nnet")).sorted().toList()) {
				Path relative = examples.relativize(p);
				IFolder folder = project.getFolder(relative.getParent().toString());
				if (!folder.exists()) {
					folder.create(true, true, null);
				}
				IFile file = folder.getFile(p.getFileName().toString());
				if (!file.exists()) {
					file.create(Files.readAllBytes(p), IResource.FORCE, null);
				}
			}
		}
		project.build(IncrementalProjectBuilder.FULL_BUILD, new NullProgressMonitor());
		settle();
	}

	@AfterEach
	void closeEditors() {
		TestWorkbench.page().closeAllEditors(false);
		settle();
	}

	@Test
	void everyExampleOpensInTheGenericEditorWithoutErrorMarkers() throws Exception {
		List<IFile> examples = nnetFiles();
		assertEquals(7, examples.size(), "the examples copied into the project: " + examples);
		for (IFile file : examples) {
			ITextEditor editor = open(file);
			assertEquals(TestWorkbench.GENERIC_EDITOR, editor.getSite().getId());
		}
		settle();
		screenshot("examples-open");
		assertEquals("", describe(examples.stream().flatMap(f -> errors(f).stream()).toList()),
				"error markers on the examples");
	}

	@Test
	void removingFlattenFromMlpShowsTheShapeErrorAsAMarkerOnItsLine() throws Exception {
		IFile mlp = project.getFile("mnist/mlp.nnet");
		ITextEditor editor = open(mlp);
		IDocument document = document(editor);
		String original = document.get();
		removeFlatten(document);
		waitUntil("the insert-flatten marker", 20_000, () -> flattenMarker(mlp) != null);
		IMarker marker = flattenMarker(mlp);
		screenshot("shape-error-marker");
		String message = marker.getAttribute(IMarker.MESSAGE, "");
		assertTrue(message.contains("expects a flat input but gets [1, 28, 28]"), message);
		assertTrue(message.contains("insert flatten() before it"), message);
		assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
		int line = document.getLineOfOffset(document.get().indexOf("dense(256")) + 1;
		assertEquals(line, marker.getAttribute(IMarker.LINE_NUMBER, -1), "the marker is on the dense layer's line");
		int start = marker.getAttribute(IMarker.CHAR_START, -1);
		assertEquals("dense", document.get(start, "dense".length()));

		document.set(original);
		waitUntil("the marker to go once the text is restored", 20_000, () -> errors(mlp).isEmpty());
	}

	@Test
	void aSyntaxErrorTypedAndUndoneBackToTheSavedTextLeavesNoMarker() throws Exception {
		IFile mlp = project.getFile("mnist/mlp.nnet");
		ITextEditor editor = open(mlp);
		IDocument document = document(editor);
		String saved = document.get();
		var widget = viewer(editor).getTextWidget();
		for (int round = 0; round < 3; round++) {
			widget.setCaretOffset(widget.getCharCount());
			widget.insert("("); // as typed: through the text widget, recorded by the undo manager
			waitUntil("the syntax error marker", 20_000, () -> !errors(mlp).isEmpty());
			((ITextOperationTarget) viewer(editor)).doOperation(ITextOperationTarget.UNDO);
			assertEquals(saved, document.get());
			assertFalse(editor.isDirty(), "undone back to the saved text");
			long start = System.currentTimeMillis();
			waitUntil("the marker to go after undo", 5_000, () -> errors(mlp).isEmpty());
			assertTrue(System.currentTimeMillis() - start < 3_000, "the marker went within 3 s");
		}
	}

	@Test
	void insertFlattenQuickFixRepairsTheLayerAndTheMarkerGoes() throws Exception {
		IFile mlp = project.getFile("mnist/mlp.nnet");
		ITextEditor editor = openWithoutFlatten(mlp);
		IDocument document = document(editor);
		IMarker marker = flattenMarker(mlp);
		IMarkerResolution[] fixes = IDE.getMarkerHelpRegistry().getResolutions(marker);
		IMarkerResolution fix = Arrays.stream(fixes).filter(InsertFlattenResolution.class::isInstance).findFirst()
				.orElseThrow(() -> new AssertionError("no insert-flatten fix among " + Arrays.toString(fixes)));
		assertEquals("Insert flatten() before this layer", fix.getLabel());
		fix.run(marker);
		assertTrue(document.get().contains("flatten() -> dense(256, activation: relu)"), document.get());
		assertTrue(editor.isDirty(), "the fix edits the editor's document, which the user saves");
		waitUntil("no error markers after the fix", 20_000, () -> errors(mlp).isEmpty());
		screenshot("quick-fix-applied");
		editor.doSave(new NullProgressMonitor());
		assertEquals(document.get(), contents(mlp));
	}

	@Test
	void quickFixIsOfferedFromAnywhereOnTheMarkedLine() throws Exception {
		IFile mlp = project.getFile("mnist/mlp.nnet");
		ITextEditor editor = openWithoutFlatten(mlp);
		IDocument document = document(editor);
		int line = document.getLineOfOffset(document.get().indexOf("dense(256"));
		int lineStart = document.getLineOffset(line);
		int onWord = document.get().indexOf("dense(256") + 1;
		int lineEnd = lineStart + document.getLineInformation(line).getLength();
		for (int offset : new int[] { lineStart, onWord, lineEnd }) {
			waitUntil("one insert-flatten fix by Ctrl+1 at column " + (offset - lineStart), 10_000,
					() -> quickFixes(editor, offset).stream().filter("Insert flatten() before this layer"::equals).count() == 1);
		}
		editor.selectAndReveal(lineStart, 0);
		((ITextOperationTarget) viewer(editor)).doOperation(ISourceViewer.QUICK_ASSIST);
		TestWorkbench.processEvents(1000);
		screenshot("quick-fix-from-line-start");
		ICompletionProposal fix = Arrays.stream(quickAssist(editor, lineStart))
				.filter(p -> p.getDisplayString().equals("Insert flatten() before this layer")).findFirst().orElseThrow();
		fix.apply(document);
		assertTrue(document.get().contains("flatten() -> dense(256"), document.get());
		waitUntil("no error markers after the fix", 20_000, () -> errors(mlp).isEmpty());
	}

	private static ICompletionProposal[] quickAssist(ITextEditor editor, int offset) {
		ISourceViewer viewer = (ISourceViewer) viewer(editor);
		var assistant = ((org.eclipse.jface.text.source.ISourceViewerExtension3) viewer).getQuickAssistAssistant();
		ICompletionProposal[] found = assistant.getQuickAssistProcessor()
				.computeQuickAssistProposals(new org.eclipse.jface.text.source.TextInvocationContext(viewer, offset, -1));
		return found == null ? new ICompletionProposal[0] : found;
	}

	private static List<String> quickFixes(ITextEditor editor, int offset) {
		return Arrays.stream(quickAssist(editor, offset)).map(ICompletionProposal::getDisplayString).toList();
	}

	@Test
	void contentAssistOffersLayersArgumentsWithDefaultsNodesAndDatasets() throws Exception {
		IFile file = create("assist/assist.nnet", """
				package examples.mnist

				network Small {
				    input x: [784]
				    x -> dense(10, ) as y
				    x -> d
				    output y
				}

				training TrainSmall {
				    model: Small
				    data: Digits
				}
				""");
		ITextEditor editor = open(file);
		IDocument document = document(editor);
		String text = document.get();

		List<String> layers = proposals(editor, text.indexOf("x -> d") + "x -> d".length());
		assertTrue(layers.contains("dense(units, activation: linear, bias: true, init: xavier) — layer"), layers.toString());
		assertTrue(layers.stream().anyMatch(p -> p.startsWith("dropout(rate)")), layers.toString());
		assertFalse(layers.stream().anyMatch(p -> p.startsWith("relu")), "an activation is not a layer: " + layers);
		assertFalse(layers.contains("("), "punctuation is not proposed: " + layers);

		List<String> arguments = proposals(editor, text.indexOf("dense(10, ") + "dense(10, ".length());
		assertTrue(arguments.contains("activation = linear — dense argument"), arguments.toString());
		assertTrue(arguments.contains("bias = true — dense argument"), arguments.toString());
		assertFalse(arguments.stream().anyMatch(a -> a.startsWith("units")), "units is given by position: " + arguments);
		assertTrue(arguments.stream().anyMatch(a -> a.startsWith("relu")), "an activation is a value: " + arguments);
		assertFalse(arguments.stream().anyMatch(a -> a.startsWith("adam")), "an optimizer is not: " + arguments);

		List<String> outputs = proposals(editor, text.indexOf("output y") + "output ".length());
		assertTrue(outputs.stream().anyMatch(p -> p.startsWith("y")), outputs.toString());

		List<String> data = proposals(editor, text.indexOf("data: ") + "data: ".length());
		assertTrue(data.stream().anyMatch(p -> p.startsWith("Digits")), "a dataset of mlp.nnet: " + data);
		assertTrue(data.stream().anyMatch(p -> p.startsWith("mnist")), data.toString());

		editor.selectAndReveal(text.indexOf("dense(10, ") + "dense(10, ".length(), 0);
		((ITextOperationTarget) viewer(editor)).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
		TestWorkbench.processEvents(1500);
		screenshot("content-assist");
	}

	@Test
	void choosingALayerInsertsItsCallWithTheCaretAtItsRequiredArgument() throws Exception {
		IFile file = create("assist/template.nnet", "package t\n\nnetwork Small {\n    input x: [784]\n    x -> dense(10) -> drop as y\n    output y\n}\n");
		ITextEditor editor = open(file);
		IDocument document = document(editor);
		int offset = document.get().indexOf("-> drop") + "-> drop".length();
		ICompletionProposal dropout = Arrays.stream(new NnetContentAssistProcessor().computeCompletionProposals(viewer(editor), offset))
				.filter(p -> p.getDisplayString().startsWith("dropout(rate)")).findFirst().orElseThrow();
		editor.selectAndReveal(offset, 0);
		((ICompletionProposalExtension2) dropout).apply(viewer(editor), '\0', 0, offset);
		assertTrue(document.get().contains("x -> dense(10) -> dropout(rate: ) as y"), document.get());
		int place = document.get().indexOf("rate: ") + "rate: ".length();
		assertEquals(place, dropout.getSelection(document).x, "the caret goes to the rate's place");
		assertTrue(LinkedModeModel.hasInstalledModel(document), "Tab and Enter move through the places (linked mode)");
		viewer(editor).setSelectedRange(place, 0);
		viewer(editor).getTextWidget().insert("0.5");
		assertTrue(document.get().contains("dropout(rate: 0.5) as y"), document.get());
		waitUntil("no errors once the rate is typed", 20_000, () -> errors(file).isEmpty());

		List<String> inCall = proposals(editor, document.get().indexOf("dense(") + "dense(".length());
		assertTrue(inCall.get(0).endsWith("— dense argument"), "argument names come first inside a call: " + inCall);
	}

	@Test
	void theContextMenuHasOneSourceMenuWithFormatAndRename() throws Exception {
		ITextEditor editor = open(project.getFile("mnist/mlp.nnet"));
		TestWorkbench.page().activate(editor);
		var items = TestWorkbench.showMenu(viewer(editor).getTextWidget().getMenu());
		assertEquals(1, items.stream().filter(i -> TestWorkbench.label(i).equals("Source")).count(),
				items.stream().map(TestWorkbench::label).toList().toString());
		var source = TestWorkbench.showMenu(TestWorkbench.item(items, "Source").getMenu()).stream().map(TestWorkbench::label).toList();
		assertTrue(source.contains("Format") && source.contains("Rename..."), source.toString());
	}

	@Test
	void hoverOverALayerShowsItsShapeAndParameterCount() throws Exception {
		IFile mlp = project.getFile("mnist/mlp.nnet");
		ITextEditor editor = open(mlp);
		String text = document(editor).get();
		NnetHover hover = new NnetHover();
		int offset = text.indexOf("dense(256") + 2;
		String info = hover.getHoverInfo(viewer(editor), hover.getHoverRegion(viewer(editor), offset));
		assertNotNull(info);
		assertTrue(info.contains("[256]"), info);
		assertTrue(info.contains("200,960"), info);

		String network = hover.getHoverInfo(viewer(editor), new Region(text.indexOf("Mlp"), 3));
		assertNotNull(network);
		assertTrue(network.contains("203,530"), network);
		assertTrue(network.contains("A two-layer perceptron on MNIST."), network);
	}

	@Test
	void aFileThatFailsToParseOpensShowsItsErrorsAndSavesExactlyTheTypedText() throws Exception {
		String broken = "network Broken {\n    input x: [3\n    x -> dense(\n";
		IFile file = create("broken/broken.nnet", broken);
		ITextEditor editor = open(file);
		assertEquals(TestWorkbench.GENERIC_EDITOR, editor.getSite().getId());
		waitUntil("syntax error markers", 20_000, () -> !errors(file).isEmpty());
		IDocument document = document(editor);
		document.replace(document.getLength(), 0, "  // still typing, \t odd   spacing kept \r\n");
		editor.doSave(new NullProgressMonitor());
		settle();
		screenshot("broken-file");
		assertEquals(broken + "  // still typing, \t odd   spacing kept \r\n", contents(file));
		assertFalse(errors(file).isEmpty(), "the file still has its syntax errors");
	}

	@Test
	void theBuilderChecksFilesTogetherSoANetworkOfAnotherFileResolves() throws Exception {
		IFile a = create("cross/a.nnet", "package cross\n\nnetwork Encoder {\n    input x: [8]\n    x -> dense(4) as code\n    output code\n}\n");
		IFile b = create("cross/b.nnet", "package cross\n\nnetwork Uses {\n    input z: [8]\n    z -> Encoder as e\n    output e\n}\n");
		project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, new NullProgressMonitor());
		settle();
		assertEquals("", describe(errors(b)), "Encoder of a.nnet resolves in b.nnet");
		a.delete(true, null);
		project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, new NullProgressMonitor());
		settle();
		assertFalse(errors(b).isEmpty(), "without a.nnet, Encoder is unknown in b.nnet");
		b.delete(true, null);
	}

	// ---- helpers

	/** Opens mlp.nnet, removes its flatten step and waits for the insert-flatten marker. */
	private static ITextEditor openWithoutFlatten(IFile mlp) throws CoreException, BadLocationException {
		ITextEditor editor = open(mlp);
		removeFlatten(document(editor));
		waitUntil("the insert-flatten marker", 20_000, () -> flattenMarker(mlp) != null);
		return editor;
	}

	private static void removeFlatten(IDocument document) throws BadLocationException {
		int at = document.get().indexOf(FLATTEN_STEP);
		assertTrue(at >= 0, "mlp.nnet has a flatten step");
		document.replace(at, FLATTEN_STEP.length(), "");
	}

	private static IMarker flattenMarker(IFile file) {
		return errors(file).stream()
				.filter(m -> IssueCodes.INSERT_FLATTEN.equals(m.getAttribute(ProblemMarkerUpdater.ISSUE_CODE, "")))
				.findFirst().orElse(null);
	}

	private static List<String> proposals(ITextEditor editor, int offset) {
		ICompletionProposal[] found = new NnetContentAssistProcessor().computeCompletionProposals(viewer(editor), offset);
		return Arrays.stream(found).map(ICompletionProposal::getDisplayString).toList();
	}

	private static IFile create(String path, String text) throws CoreException {
		return TestWorkbench.write(project, path, text);
	}

	private static List<IFile> nnetFiles() throws CoreException, IOException {
		return org.nnet.ui.ProjectSources.nnetFiles(project).stream()
				.filter(f -> !f.getProjectRelativePath().segment(0).matches("assist|broken|cross")).toList();
	}
}
