package org.nnet.diagram.tests;

import org.nnet.lang.tests.Examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.edit.DiagramEdit;
import org.nnet.diagram.edit.DiagramEdit.Arg;
import org.nnet.diagram.edit.DiagramEditor;
import org.nnet.diagram.edit.DiagramLanguage;
import org.nnet.diagram.edit.EditRefusedException;
import org.nnet.model.Model;
import org.nnet.model.Network;

/**
 * Every diagram edit, round trip: apply it to an example, check that the new text is the old one with
 * exactly the expected lines changed (so untouched lines and their aligned comments are byte-identical),
 * reparse it, and check that shape inference sees the expected change.
 */
public class EditRoundTripTest {

	private static final DiagramEditor EDITOR = new DiagramEditor();
	private static final String LENET = Examples.read(Examples.folder().resolve("mnist/lenet5.nnet"));
	private static final String INCEPTION = Examples.read(Examples.folder().resolve("fashion/inception.nnet"));

	private static String apply(String text, DiagramEdit edit) {
		try {
			return EDITOR.apply(URI.createFileURI("/virtual/edited.nnet"), text, edit).text();
		} catch (EditRefusedException e) {
			throw new AssertionError("refused: " + e.getMessage(), e);
		}
	}

	/** The text with one exact piece replaced, failing if the piece is not there exactly once. */
	private static String replaced(String text, String piece, String replacement) {
		int at = text.indexOf(piece);
		assertTrue(at >= 0 && text.indexOf(piece, at + 1) < 0, "the piece must occur once: " + piece);
		return text.substring(0, at) + replacement + text.substring(at + piece.length());
	}

	/** Parses text (no syntax errors allowed) and infers the named network. */
	private static ModelReport reparse(String text, String network) {
		XtextResourceSet set = DiagramLanguage.injector().getInstance(XtextResourceSet.class);
		Resource r = set.createResource(URI.createFileURI("/virtual/reparsed.nnet"));
		try {
			r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertEquals(List.of(), r.getErrors(), "the edited text parses");
		Model model = (Model) r.getContents().get(0);
		Network n = model.getElements().stream().filter(e -> e instanceof Network && network.equals(e.getName()))
				.map(Network.class::cast).findFirst().orElseThrow();
		return new ShapeInference().infer(n);
	}

	private static String summary(ModelReport report) {
		StringBuilder b = new StringBuilder();
		for (NodeReport n : report.nodes()) {
			b.append(n.name()).append(' ').append(n.kind()).append(' ').append(n.shape()).append(" <- ").append(n.inputs()).append('\n');
		}
		return b.toString();
	}

	@Test
	void insertLayerOnAnEdgeAddsOneLineWithTheChainsIndentation() {
		String edited = apply(LENET, new DiagramEdit.InsertLayer("LeNet5", "flatten_1", "f5", "dropout",
				List.of(new Arg(null, "0.5")), null));
		String expected = replaced(LENET, "          -> dense(120,", "          -> dropout(0.5)\n          -> dense(120,");
		assertEquals(expected, edited);
		ModelReport report = reparse(edited, "LeNet5");
		assertEquals(List.of("flatten_1"), report.node("dropout_1").inputs());
		assertEquals(List.of("dropout_1"), report.node("f5").inputs());
		assertEquals(61_706L, report.total(), "dropout has no parameters");
	}

	@Test
	void insertLayerAfterAChainsStartingNodeStaysOnItsLine() {
		String edited = apply(INCEPTION, new DiagramEdit.InsertLayer("Inception", "x", "b1", "batchnorm", List.of(), "bn"));
		assertEquals(replaced(INCEPTION, "x -> conv2d(f1,", "x -> batchnorm() as bn -> conv2d(f1,"), edited);
		assertEquals(List.of("bn"), reparse(edited, "Inception").node("b1").inputs());
	}

	@Test
	void deleteNodeRemovesItsLineAndCommentAndReconnectsItsNeighbours() {
		String edited = apply(LENET, new DiagramEdit.DeleteNode("LeNet5", "s2"));
		assertEquals(replaced(LENET,
				"          -> avgpool2d(2) as s2                                            // [6, 14, 14]\n", ""), edited);
		ModelReport report = reparse(edited, "LeNet5");
		assertEquals(List.of("c1"), report.node("c3").inputs());
		assertEquals(null, report.node("s2"));
	}

	@Test
	void deleteANamedNodeOthersReferToPassesItsNameToTheUnnamedNodeBefore() {
		String edited = apply(INCEPTION, new DiagramEdit.DeleteNode("Inception", "b3"));
		assertEquals(replaced(INCEPTION,
				"conv2d(r3, kernel: 1, activation: relu) -> conv2d(f3, kernel: 3, padding: same, activation: relu) as b3",
				"conv2d(r3, kernel: 1, activation: relu) as b3"), edited);
		ModelReport report = reparse(edited, "Inception");
		assertEquals("conv2d", report.node("b3").kind());
		assertEquals(List.of("b1", "b3", "b5", "bp"), report.node("y").inputs());
	}

	@Test
	void deleteTheOutputNodeMakesTheNodeBeforeItTheOutput() {
		String edited = apply(LENET, new DiagramEdit.DeleteNode("LeNet5", "digits"));
		ModelReport report = reparse(edited, "LeNet5");
		assertEquals("f6", report.outputs().get(0).name());
		assertEquals(null, report.node("digits"));
		assertTrue(edited.contains("    output f6\n"), edited);
		// every other line is untouched
		assertEquals(LENET.substring(0, LENET.indexOf("          -> dense(84,")), edited.substring(0, LENET.indexOf("          -> dense(84,")));
		assertEquals(LENET.substring(LENET.indexOf("}")), edited.substring(edited.indexOf("}")));
	}

	@Test
	void renameNodeUpdatesEveryReference() {
		String edited = apply(LENET, new DiagramEdit.RenameNode("LeNet5", "digits", "classes"));
		String expected = replaced(replaced(LENET, "as digits", "as classes"), "output digits", "output classes");
		assertEquals(expected, edited, "only the two names change; the comment after the first moves by one column");
		assertEquals("classes", reparse(edited, "LeNet5").outputs().get(0).name());

		String inception = apply(INCEPTION, new DiagramEdit.RenameNode("Inception", "x", "features"));
		assertEquals(INCEPTION.replace("input x:", "input features:").replace("    x -> ", "    features -> "), inception);
		assertEquals(List.of("features"), reparse(inception, "Inception").node("b1").inputs());
	}

	@Test
	void changeTheMainArgumentReplacesOnlyTheNumber() {
		String edited = apply(LENET, new DiagramEdit.SetArgument("LeNet5", "c3", null, "32"));
		assertEquals(replaced(LENET, "conv2d(16, kernel: 5", "conv2d(32, kernel: 5"), edited);
		assertEquals("[32, 10, 10]", reparse(edited, "LeNet5").node("c3").shape().toString());
	}

	@Test
	void changeANamedArgumentToACallOfABuiltin() {
		String edited = apply(LENET, new DiagramEdit.SetArgument("LeNet5", "f5", "activation", "leakyrelu(0.2)"));
		assertEquals(replaced(LENET, "dense(120, activation: tanh)", "dense(120, activation: leakyrelu(0.2))"), edited);
		reparse(edited, "LeNet5");
	}

	@Test
	void addAndRemoveANamedArgument() {
		String added = apply(LENET, new DiagramEdit.SetArgument("LeNet5", "c3", "stride", "2"));
		assertEquals(replaced(LENET, "conv2d(16, kernel: 5, activation: tanh)", "conv2d(16, kernel: 5, activation: tanh, stride: 2)"), added);
		assertEquals("[16, 5, 5]", reparse(added, "LeNet5").node("c3").shape().toString());

		String removed = apply(LENET, new DiagramEdit.SetArgument("LeNet5", "c1", "padding", null));
		assertEquals(replaced(LENET, "kernel: 5, padding: same, activation: tanh", "kernel: 5, activation: tanh"), removed);
		assertEquals("[6, 24, 24]", reparse(removed, "LeNet5").node("c1").shape().toString());
	}

	@Test
	void connectAddsAnInputToAMultiInputLayer() {
		String edited = apply(INCEPTION, new DiagramEdit.Connect("Inception", "x", "y"));
		assertEquals(replaced(INCEPTION, "concat(b1, b3, b5, bp)", "concat(b1, b3, b5, bp, x)"), edited);
		assertEquals(List.of("b1", "b3", "b5", "bp", "x"), reparse(edited, "Inception").node("y").inputs());
	}

	@Test
	void disconnectRemovesAnInputOfAMultiInputLayer() {
		String edited = apply(INCEPTION, new DiagramEdit.Disconnect("Inception", "b5", "y"));
		assertEquals(replaced(INCEPTION, "concat(b1, b3, b5, bp)", "concat(b1, b3, bp)"), edited);
		assertEquals(List.of("b1", "b3", "bp"), reparse(edited, "Inception").node("y").inputs());
	}

	@Test
	void untouchedNetworksOfTheFileKeepTheirInference() {
		String edited = apply(INCEPTION, new DiagramEdit.SetArgument("Inception", "b1", "activation", "gelu"));
		assertEquals(summary(reparse(INCEPTION, "MiniInception")), summary(reparse(edited, "MiniInception")));
	}

	@Test
	void editsOfATextWithASyntaxErrorAreRefusedWithTheLine() {
		String broken = LENET.replace("-> avgpool2d(2) as s2", "-> avgpool2d(2 as s2");
		EditRefusedException e = assertThrows(EditRefusedException.class, () -> EDITOR.apply(
				URI.createFileURI("/virtual/broken.nnet"), broken, new DiagramEdit.RenameNode("LeNet5", "c1", "conv1")));
		assertTrue(e.getMessage().contains("syntax error at line 7"), e.getMessage());
		assertTrue(e.getMessage().contains("not applied"), e.getMessage());
	}

	@Test
	void editsThatDoNotFitTheModelAreRefusedWithAReason() {
		assertRefused(new DiagramEdit.InsertLayer("LeNet5", "c1", "c3", "dropout", List.of(), null), "no edge from 'c1' to 'c3'");
		assertRefused(new DiagramEdit.RenameNode("LeNet5", "c1", "c3"), "already used");
		assertRefused(new DiagramEdit.RenameNode("LeNet5", "c1", "network"), "not a valid name");
		assertRefused(new DiagramEdit.DeleteNode("LeNet5", "image"), "input of the network");
		assertRefused(new DiagramEdit.InsertLayer("LeNet5", "s2", "c3", "nosuchlayer", List.of(), null), "neither a layer kind");
		assertRefused(new DiagramEdit.SetArgument("LeNet5", "c3", "kernel", "5 +"), "not a valid value");
		assertRefused(new DiagramEdit.Connect("LeNet5", "c1", "c3"), "multi-input");
		assertRefused(new DiagramEdit.DeleteNode("Nope", "c1"), "no network 'Nope'");
	}

	private static void assertRefused(DiagramEdit edit, String reason) {
		EditRefusedException e = assertThrows(EditRefusedException.class,
				() -> EDITOR.apply(URI.createFileURI("/virtual/lenet5.nnet"), LENET, edit));
		assertNotNull(e.getMessage());
		assertTrue(e.getMessage().contains(reason), e.getMessage());
	}

	/** Chains written one step per line, several steps on a line, with and without comments. */
	private static final String CHAINS = """
			network Chains {
			    input x: [4]
			    x -> dense(8) as a
			      -> dense(8) as b
			      -> dense(8) as c   // about c
			      -> dense(8) as d -> dense(8) as e
			      -> dense(8) as f -> dense(8) as g   // about f and g
			      -> dense(4) as h
			    output h
			}
			network Inline { input x: [4]  x -> dense(8) as a -> dense(4) as b }
			""";

	private static void assertDeleted(String node, String piece, String replacement) {
		String edited = apply(CHAINS, new DiagramEdit.DeleteNode("Chains", node));
		assertEquals(replaced(CHAINS, piece, replacement), edited);
		assertEquals(null, reparse(edited, "Chains").node(node));
	}

	@Test
	void deletingAStepAloneOnItsLineRemovesTheWholeLine() {
		assertDeleted("b", "      -> dense(8) as b\n", "");
	}

	@Test
	void deletingAStepAloneOnItsLineRemovesItsTrailingCommentWithTheLine() {
		// the comment was about the step: it goes with its line; every other line stays byte-identical
		assertDeleted("c", "      -> dense(8) as c   // about c\n", "");
	}

	@Test
	void deletingAStepSharingItsLineKeepsTheLineAndItsComment() {
		assertDeleted("e", "as d -> dense(8) as e\n", "as d\n");
		assertDeleted("d", "      -> dense(8) as d -> dense(8) as e", "      -> dense(8) as e");
		// a comment stays while its line stays, even when it was (also) about the deleted step
		assertDeleted("g", "as f -> dense(8) as g   // about f and g", "as f   // about f and g");
	}

	@Test
	void deletingTheLastStepBeforeTheOutputKeepsTheOutputsIndentation() {
		String edited = apply(CHAINS, new DiagramEdit.DeleteNode("Chains", "h"));
		assertEquals(replaced(replaced(CHAINS, "      -> dense(4) as h\n", ""), "output h", "output g"), edited);
		assertEquals("g", reparse(edited, "Chains").outputs().get(0).name());

		String inline = apply(CHAINS, new DiagramEdit.DeleteNode("Inline", "b"));
		assertEquals(replaced(CHAINS, "as a -> dense(4) as b }", "as a }"), inline);
		assertEquals(List.of("x"), reparse(inline, "Inline").node("a").inputs());
		assertEquals(null, reparse(inline, "Inline").node("b"));
	}

	@Test
	void aLayerInsertedThenDeletedLeavesTheTextAsItWas() {
		String inserted = apply(LENET, new DiagramEdit.InsertLayer("LeNet5", "s2", "c3", "dropout", List.of(new Arg(null, "0.5")), null));
		assertEquals(LENET, apply(inserted, new DiagramEdit.DeleteNode("LeNet5", "dropout_1")));
	}

	@Test
	void anEditInsideAnExpandedGroupEditsTheNetworkTheGroupUses() {
		DiagramModel model = DiagramModel.of(DiagramModelTest.parse("/virtual/inception.nnet", INCEPTION), Set.of("MiniInception/mixed"), null);
		assertEquals(new DiagramModel.Owner("MiniInception", false, null, 0), model.owner("MiniInception/mixed"));
		DiagramModel.Owner owner = model.owner("MiniInception/mixed/b1");
		assertEquals(new DiagramModel.Owner("Inception", true, null, 1), owner);
		String edited = apply(INCEPTION, new DiagramEdit.SetArgument(owner.network(), model.node("MiniInception/mixed/b1").name(),
				"activation", "gelu"));
		assertEquals(replaced(INCEPTION, "conv2d(f1, kernel: 1, activation: relu) as b1", "conv2d(f1, kernel: 1, activation: gelu) as b1"), edited);
		DiagramModel after = DiagramModel.of(DiagramModelTest.parse("/virtual/edited.nnet", edited), Set.of("MiniInception/mixed"), null);
		assertEquals("f1, k1, gelu", after.node("MiniInception/mixed/b1").arguments(), "the group shows the edited network");
	}

	@Test
	void aNodeInsideAGroupWhoseNetworkIsDefinedInAnotherFileNamesThatFile() {
		XtextResourceSet set = DiagramLanguage.injector().getInstance(XtextResourceSet.class);
		Resource blocks = set.createResource(URI.createFileURI("/virtual/blocks.nnet"));
		Resource top = set.createResource(URI.createFileURI("/virtual/top.nnet"));
		try {
			blocks.load(new ByteArrayInputStream("""
					package lib
					network Block { input x: [4]  x -> dense(4) as d  output d }
					""".getBytes(StandardCharsets.UTF_8)), null);
			top.load(new ByteArrayInputStream("""
					package app
					import lib.Block
					network Top { input x: [4]  x -> Block as blk -> Block as blk2  output blk2 }
					""".getBytes(StandardCharsets.UTF_8)), null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		DiagramModel model = DiagramModel.of(top, Set.of("Top/blk"), null);
		assertNotNull(model.node("Top/blk/d"), "the group has the layers of Block");
		assertEquals(new DiagramModel.Owner("Block", true, "/virtual/blocks.nnet", 2), model.owner("Top/blk/d"));
	}
}
