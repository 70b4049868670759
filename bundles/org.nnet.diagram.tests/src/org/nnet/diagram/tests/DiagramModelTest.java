package org.nnet.diagram.tests;

import org.nnet.lang.tests.Examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramModel.Edge;
import org.nnet.diagram.DiagramModel.Graph;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramModel.Role;
import org.nnet.diagram.edit.DiagramLanguage;

/** The diagram model of the examples: nodes, edges, labels, groups, composites, errors and bad text. */
public class DiagramModelTest {

	static Resource load(String relative) {
		Path file = Examples.folder().resolve(relative);
		return parse(file.toString(), Examples.read(file));
	}

	public static Resource parse(String path, String text) {
		XtextResourceSet set = DiagramLanguage.injector().getInstance(XtextResourceSet.class);
		Resource r = set.createResource(URI.createFileURI(path));
		try {
			r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return r;
	}

	@Test
	void leNet5IsAChainOfNineNodesWithShapesOnTheEdges() {
		Graph g = DiagramModel.of(load("mnist/lenet5.nnet")).graph("LeNet5");
		assertEquals("network LeNet5 · 61,706 parameters", g.title());
		assertEquals(9, g.nodes().size());
		assertEquals(8, g.visibleEdges().size());
		assertEquals(List.of("image", "c1", "s2", "c3", "s4", "flatten_1", "f5", "f6", "digits"),
				g.nodes().stream().map(Node::name).toList());
		Node c1 = g.node("LeNet5/c1");
		assertEquals("conv2d 6, k5, same, tanh", c1.kindLine());
		assertEquals("[6, 28, 28]", c1.shape());
		assertEquals("156", c1.parameters());
		assertEquals(List.of("c1", "conv2d 6, k5, same, tanh", "[6, 28, 28]", "156 params"), c1.lines());
		assertEquals(Role.INPUT, g.node("LeNet5/image").role());
		assertTrue(g.node("LeNet5/digits").output());
		assertFalse(g.node("LeNet5/f6").output());
		List<String> labels = g.visibleEdges().stream().map(Edge::label).toList();
		assertEquals(List.of("[1, 28, 28]", "[6, 28, 28]", "[6, 14, 14]", "[16, 10, 10]", "[16, 5, 5]", "[400]", "[120]", "[84]"),
				labels);
		assertEquals("LeNet5/flatten_1", g.visibleEdges().get(5).source());
		assertEquals("LeNet5/f5", g.visibleEdges().get(5).target());
		assertNotNull(c1.textRange(), "a node knows its text for selection sync");
	}

	@Test
	void theGanIsNoiseIntoGeneratorIntoDiscriminatorWithRealData() {
		DiagramModel model = DiagramModel.of(load("generative/gan.nnet"));
		Graph gan = model.graph("DigitGan");
		assertEquals("gan DigitGan · 1,093,137 parameters", gan.title());
		assertEquals(List.of("noise", "generator", "discriminator", "data"), gan.nodes().stream().map(Node::name).toList());
		assertEquals(List.of("normal", "Generator", "Discriminator", "real samples"),
				gan.nodes().stream().map(Node::kind).toList());
		assertEquals(List.of("noise->generator [100]", "generator->discriminator [1, 28, 28]", "data->discriminator [1, 28, 28]"),
				gan.visibleEdges().stream().map(e -> e.id().replace("DigitGan/", "") + " " + e.label()).toList());
		Node generator = gan.node("DigitGan/generator");
		assertTrue(generator.isGroup());
		assertFalse(generator.expanded(), "groups start collapsed");
		assertEquals(5, generator.children().size());
		assertEquals(3, gan.visibleEdges().size(), "edges inside a collapsed group are not drawn");
		assertEquals(3, model.graphs().size(), "Generator, Discriminator and the GAN");
	}

	@Test
	void anAutoencoderIsItsEncoderIntoItsDecoderAndAVaeHasTheLatentSampleBetween() {
		DiagramModel model = DiagramModel.of(load("generative/autoencoders.nnet"));
		Graph ae = model.graph("DigitAutoencoder");
		assertEquals("autoencoder DigitAutoencoder · 419,120 parameters", ae.title());
		assertEquals(List.of("image:INPUT", "encoder:GROUP", "decoder:GROUP"),
				ae.nodes().stream().map(n -> n.name() + ":" + n.role()).toList());
		assertEquals(List.of("Encoder", "Decoder"), ae.nodes().subList(1, 3).stream().map(Node::kind).toList());
		assertTrue(ae.node("DigitAutoencoder/decoder").output());
		assertEquals(List.of("image->encoder [1, 28, 28]", "encoder->decoder [32]"),
				ae.visibleEdges().stream().map(e -> e.id().replace("DigitAutoencoder/", "") + " " + e.label()).toList());

		Graph vae = model.graph("DigitVae");
		assertEquals("autoencoder DigitVae · 807,700 parameters", vae.title());
		assertEquals(List.of("image", "encoder", "gaussian", "decoder"), vae.nodes().stream().map(Node::name).toList());
		assertEquals(Role.LAYER, vae.node("DigitVae/gaussian").role(), "the latent sample layer between encoder and decoder");
		assertEquals(List.of("image->encoder [1, 28, 28]", "encoder->gaussian [512]", "gaussian->decoder [2]"),
				vae.visibleEdges().stream().map(e -> e.id().replace("DigitVae/", "") + " " + e.label()).toList());
	}

	@Test
	void aNetworkUsedAsAStepExpandsOnRequest() {
		Graph collapsed = DiagramModel.of(load("fashion/inception.nnet")).graph("MiniInception");
		assertEquals(6, collapsed.visibleNodes().size());
		assertEquals(5, collapsed.visibleEdges().size());
		Graph expanded = DiagramModel.of(load("fashion/inception.nnet"), Set.of("MiniInception/mixed"), null).graph("MiniInception");
		Node mixed = expanded.node("MiniInception/mixed");
		assertTrue(mixed.expanded());
		assertEquals(6 + 9, expanded.visibleNodes().size());
		assertEquals(5 + 11, expanded.visibleEdges().size());
		assertEquals("[16, 14, 14]", expanded.node("MiniInception/mixed/b1").shape());
	}

	@Test
	void aNodeWithAShapeErrorCarriesTheMessage() {
		String text = """
				package t
				network Bad {
				    input image: [1, 28, 28]
				    image -> dense(10) as out
				    output out
				}
				""";
		Graph g = DiagramModel.of(parse("/virtual/bad.nnet", text)).graph("Bad");
		Node out = g.node("Bad/out");
		assertEquals(1, out.errors().size(), out.errors().toString());
		assertTrue(out.errors().get(0).contains("flatten()"), out.errors().get(0));
		assertTrue(g.node("Bad/image").errors().isEmpty());
	}

	@Test
	void aTextWithSyntaxErrorsShowsTheLastGoodDiagramWithABanner() {
		DiagramModel good = DiagramModel.of(load("mnist/lenet5.nnet"));
		assertNull(good.banner());
		String broken = Examples.read(Examples.folder().resolve("mnist/lenet5.nnet")).replace("as s2", "as s2 ->");
		DiagramModel shown = DiagramModel.of(parse("/virtual/broken.nnet", broken), Set.of(), good);
		assertNotNull(shown.banner());
		assertTrue(shown.banner().contains("syntax error") && shown.banner().contains("last version that parsed"), shown.banner());
		assertEquals(good.graphs(), shown.graphs());
	}
}
