package org.nnet.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.nnet.diagram.DiagramLayout;
import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.PlacedGraph;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramModel.Edge;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.PngExport;
import org.nnet.diagram.SvgExport;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** ELK layout (boxes apart, data flowing left to right) and the SVG and PNG exports. */
public class LayoutAndExportTest {

	private static DiagramLayout.Result layout(String file, Set<String> expanded) {
		return new DiagramLayout().layout(DiagramModel.of(DiagramModelTest.load(file), expanded, null));
	}

	@Test
	void leNet5IsLaidOutLeftToRightWithoutOverlaps() {
		PlacedGraph g = layout("mnist/lenet5.nnet", Set.of()).graphs().get(0);
		assertNoOverlaps(g);
		assertEdgesRunLeftToRight(g);
		assertEquals(9, g.nodes().size());
		assertEquals(8, g.routes().size());
		g.routes().forEach(r -> assertTrue(r.route().size() >= 2, "every edge is routed"));
	}

	@Test
	void anExpandedGroupHoldsItsChildrenAndNothingElseOverlaps() {
		DiagramLayout.Result result = layout("fashion/inception.nnet", Set.of("MiniInception/mixed"));
		PlacedGraph mini = result.graphs().get(1);
		Box group = mini.nodes().get("MiniInception/mixed");
		Node mixed = mini.graph().node("MiniInception/mixed");
		for (Node child : mixed.children()) {
			assertTrue(group.contains(mini.nodes().get(child.id())), child.id() + " lies inside its group");
		}
		assertNoOverlaps(mini);
		assertEdgesRunLeftToRight(mini);
		Box first = result.graphs().get(0).bounds();
		assertTrue(first.y() + first.height() <= mini.bounds().y(), "graphs are stacked, not overlapping");
	}

	@Test
	void svgIsWellFormedAndShowsEveryNodeAndEdgeLabel() throws Exception {
		for (String file : List.of("mnist/lenet5.nnet", "generative/gan.nnet", "fashion/inception.nnet")) {
			DiagramLayout.Result result = layout(file, Set.of("MiniInception/mixed"));
			String svg = new SvgExport().toSvg(result);
			Document doc = DocumentBuilderFactory.newInstance()
					.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
			assertEquals("svg", doc.getDocumentElement().getTagName());
			NodeList texts = doc.getElementsByTagName("text");
			List<String> shown = new ArrayList<>();
			for (int i = 0; i < texts.getLength(); i++) {
				shown.add(texts.item(i).getTextContent());
			}
			for (PlacedGraph g : result.graphs()) {
				assertTrue(shown.contains(g.graph().title()), g.graph().title());
				for (Node n : g.graph().visibleNodes()) {
					for (String line : n.expanded() ? n.lines().subList(1, 2) : n.lines().subList(1, n.lines().size())) {
						assertTrue(shown.contains(line), file + ": " + n.id() + " shows " + line);
					}
					assertTrue(shown.stream().anyMatch(s -> s.endsWith(n.name())), file + ": name of " + n.id());
				}
				for (Edge e : g.graph().visibleEdges()) {
					assertTrue(shown.contains(e.label()), file + ": edge " + e.id());
				}
			}
		}
	}

	@Test
	void svgTooltipsCarryErrorMessages() {
		String text = """
				package t
				network Bad {
				    input image: [1, 28, 28]
				    image -> dense(10) as out
				    output out
				}
				""";
		String svg = new SvgExport().toSvg(new DiagramLayout().layout(DiagramModel.of(DiagramModelTest.parse("/virtual/bad.nnet", text))));
		assertTrue(svg.contains("<title>") && svg.contains("flatten()"), svg);
	}

	@Test
	void pngIsWrittenHeadless(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		Path png = dir.resolve("lenet5.png");
		DiagramLayout.Result result = layout("mnist/lenet5.nnet", Set.of());
		new PngExport().write(result, png);
		BufferedImage image = ImageIO.read(png.toFile());
		assertEquals((int) Math.ceil(result.width() * 2), image.getWidth());
		assertTrue(Files.size(png) > 5_000, "an image with content");
		assertFalse(image.getRGB(0, 0) != 0xFFFFFFFF, "white background");
	}

	private static void assertNoOverlaps(PlacedGraph g) {
		List<Map.Entry<String, Box>> boxes = new ArrayList<>(g.nodes().entrySet());
		for (int i = 0; i < boxes.size(); i++) {
			for (int j = i + 1; j < boxes.size(); j++) {
				Box a = boxes.get(i).getValue();
				Box b = boxes.get(j).getValue();
				boolean nested = a.contains(b) || b.contains(a);
				assertTrue(nested || !a.overlaps(b), boxes.get(i).getKey() + " overlaps " + boxes.get(j).getKey());
			}
		}
	}

	private static void assertEdgesRunLeftToRight(PlacedGraph g) {
		for (var r : g.routes()) {
			Box s = g.nodes().get(r.edge().source());
			Box t = g.nodes().get(r.edge().target());
			boolean nested = s.contains(t) || t.contains(s);
			assertTrue(nested || s.x() + s.width() <= t.x(), r.edge().id() + " runs left to right");
		}
	}
}
