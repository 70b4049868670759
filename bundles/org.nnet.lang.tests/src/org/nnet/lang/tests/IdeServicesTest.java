package org.nnet.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.TextRegion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nnet.lang.ide.NnetIdeSetup;
import org.nnet.model.LayerStep;
import org.nnet.model.Model;
import org.nnet.model.Network;

import com.google.inject.Injector;

/** The UI-free IDE services: content assist proposals by position, and hover text with shapes and counts. */
public class IdeServicesTest {

	private static final Injector INJECTOR = new NnetIdeSetup().createInjectorAndDoEMFRegistration();
	private static final ExecutorService POOL = Executors.newCachedThreadPool();

	@AfterAll
	static void stopPool() {
		POOL.shutdownNow();
	}

	private static final String NETWORK = """
			package t
			network Net {
			    input image: [1, 28, 28]
			    image -> flatten() -> %s
			    output out
			}
			""";

	@Test
	void afterAnArrowOffersLayersAndNetworksButNotNodesOrActivations() throws IOException {
		List<String> proposals = proposals(NETWORK.formatted("|"));
		assertTrue(proposals.contains("dense(units: )"), proposals.toString());
		assertTrue(proposals.stream().anyMatch(p -> p.startsWith("conv2d(")), proposals.toString());
		assertTrue(proposals.contains("Net"), "a network can be used as a step: " + proposals);
		assertFalse(proposals.contains("relu"), proposals.toString());
		assertFalse(proposals.contains("image"), "a node cannot follow an arrow: " + proposals);
	}

	@Test
	void aLayerIsProposedAsACallWithItsRequiredArgumentsToFill() throws IOException {
		String text = NETWORK.formatted("drop|");
		int start = text.indexOf("drop|");
		ContentAssistEntry dropout = entries(text).stream().filter(e -> e.getProposal().startsWith("dropout")).findFirst().orElseThrow();
		assertEquals("dropout(rate: )", dropout.getProposal());
		assertEquals(List.of(new TextRegion(start + "dropout(rate: ".length(), 0)), dropout.getEditPositions());
		assertEquals(start + "dropout(rate: )".length(), dropout.getEscapePosition());
		ContentAssistEntry flatten = entries(NETWORK.formatted("flat|")).stream().filter(e -> e.getProposal().startsWith("flatten"))
				.findFirst().orElseThrow();
		assertEquals("flatten()", flatten.getProposal());
		assertTrue(flatten.getEditPositions().isEmpty());
		assertTrue(proposals(NETWORK.formatted("drop|(0.5) as out")).contains("dropout"), "a call already written is kept");
		assertFalse(proposals(NETWORK.formatted("drop|")).contains("dense(units: )"), "only layers starting with drop");
		String twoLines = NETWORK.formatted("dense(10) -> drop|\n        -> dense(2) as out");
		assertFalse(proposals(twoLines).contains("dense(units: )"), "only layers starting with drop: " + proposals(twoLines));
	}

	@Test
	void insideACallItsArgumentNamesComeFirst() throws IOException {
		List<String> proposals = proposals(NETWORK.formatted("dropout(|) as out"));
		assertEquals("rate: ", proposals.get(0), proposals.toString());
		List<String> dense = proposals(NETWORK.formatted("dense(10, |) as out"));
		assertTrue(dense.get(0).endsWith(": "), dense.toString());
	}

	@Test
	void insideALayerCallOffersItsArgumentNamesNotTheMainOne() throws IOException {
		List<String> proposals = proposals(NETWORK.formatted("dense(10, |) as out"));
		assertTrue(proposals.contains("activation: "), proposals.toString());
		assertTrue(proposals.contains("bias: "), proposals.toString());
		assertFalse(proposals.stream().anyMatch(p -> p.startsWith("units")), proposals.toString());
	}

	@Test
	void argumentsAlreadyGivenAreNotOfferedAgain() throws IOException {
		List<String> proposals = proposals(NETWORK.formatted("dense(10, activation: relu, |) as out"));
		assertFalse(proposals.contains("activation: "), proposals.toString());
		assertTrue(proposals.contains("init: "), proposals.toString());
	}

	@Test
	void afterActivationColonOffersActivationsOnly() throws IOException {
		List<String> proposals = proposals(NETWORK.formatted("dense(10, activation: |) as out"));
		assertTrue(proposals.contains("relu"), proposals.toString());
		assertTrue(proposals.contains("softmax"), proposals.toString());
		assertFalse(proposals.contains("dense"), proposals.toString());
		assertFalse(proposals.contains("adam"), proposals.toString());
	}

	@Test
	void aTrainingBlockOffersItsMissingKeys() throws IOException {
		String text = NETWORK.formatted("dense(10) as out") + """
				training T {
				    model: Net
				    |
				}
				""";
		List<String> proposals = proposals(text);
		assertTrue(proposals.contains("optimizer: "), proposals.toString());
		assertTrue(proposals.contains("epochs: "), proposals.toString());
		assertFalse(proposals.contains("model: "), "model is already set: " + proposals);
	}

	@Test
	void aNewStatementInANetworkOffersItsNodes() throws IOException {
		String text = """
				package t
				network Net {
				    input image: [1, 28, 28]
				    |
				}
				""";
		List<String> proposals = proposals(text);
		assertTrue(proposals.contains("image"), proposals.toString());
		assertTrue(proposals.contains("output"), proposals.toString());
	}

	@Test
	void hoverOnANodeShowsItsShapeAndParameters() throws IOException {
		Model model = parse(Examples.read(Examples.folder().resolve("mnist/lenet5.nnet")));
		Network lenet = (Network) model.getElements().get(0);
		LayerStep c1 = (LayerStep) lenet.getChains().get(0).getSteps().get(1);
		assertEquals("c1", c1.getName());
		IHoverService hover = INJECTOR.getInstance(IHoverService.class);
		String text = ((org.nnet.lang.ide.hover.NnetHoverService) hover).getContents(c1);
		assertNotNull(text);
		assertTrue(text.contains("[6, 28, 28]"), text);
		assertTrue(text.contains("156 parameters"), text);
		// 2 x 156 x 784 + 4,704 = 249,312 operations; 4,704 floats = 18,816 bytes
		assertTrue(text.contains("249.3 kFLOPs and 18.4 KB of activations per sample"), text);
		String network = ((org.nnet.lang.ide.hover.NnetHoverService) hover).getContents(lenet);
		assertTrue(network.contains("61,706 parameters"), network);
		assertTrue(network.contains("LeNet-5"), "the doc comment is shown: " + network);
		String builtin = ((org.nnet.lang.ide.hover.NnetHoverService) hover).getContents(c1.getCallee());
		assertTrue(builtin.contains("conv2d("), builtin);
	}

	@Test
	void hoverOnATrainingEstimatesItsMemory() throws IOException {
		Model model = parse(Examples.read(Examples.folder().resolve("mnist/lenet5.nnet")));
		org.nnet.model.Training training = model.getElements().stream().filter(org.nnet.model.Training.class::isInstance)
				.map(org.nnet.model.Training.class::cast).findFirst().orElseThrow();
		IHoverService hover = INJECTOR.getInstance(IHoverService.class);
		String text = ((org.nnet.lang.ide.hover.NnetHoverService) hover).getContents(training);
		// 61,706 parameters x 4 bytes x (weights, gradients, sgd's momentum) = 740,472 bytes, plus 64 samples x
		// 2 (activations and their gradients) x 33,976 bytes of activations = 4,348,928: 5,089,400 bytes = 4.9 MB
		assertTrue(text.contains("about 4.9 MB to train at batch 64 with sgd"), text);
	}

	// ---- helpers

	private static Model parse(String text) throws IOException {
		return (Model) load(text).getContents().get(0);
	}

	private static XtextResource load(String text) throws IOException {
		XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/t.nnet"));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return resource;
	}

	/** The proposal texts at the position of the '|' in the text. */
	private static List<String> proposals(String textWithCursor) throws IOException {
		return entries(textWithCursor).stream().map(ContentAssistEntry::getProposal).toList();
	}

	/** The proposals at the position of the '|' in the text, best first. */
	private static List<ContentAssistEntry> entries(String textWithCursor) throws IOException {
		int offset = textWithCursor.indexOf('|');
		String text = textWithCursor.substring(0, offset) + textWithCursor.substring(offset + 1);
		XtextResource resource = load(text);
		ContentAssistContextFactory factory = INJECTOR.getInstance(ContentAssistContextFactory.class);
		factory.setPool(POOL);
		ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
		IdeContentProposalAcceptor acceptor = INJECTOR.getInstance(IdeContentProposalAcceptor.class);
		INJECTOR.getInstance(IdeContentProposalProvider.class).createProposals(List.of(contexts), acceptor);
		List<ContentAssistEntry> result = new java.util.ArrayList<>();
		acceptor.getEntries().forEach(result::add);
		return result;
	}
}
