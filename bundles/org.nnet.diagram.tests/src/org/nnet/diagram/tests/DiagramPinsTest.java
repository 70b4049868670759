package org.nnet.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.diagram.DiagramLayout;
import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.PlacedGraph;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramLayout.Route;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.SvgExport;

/** The layout side file ({@link DiagramPins}) and the layout of pinned nodes. */
public class DiagramPinsTest {

	@TempDir
	Path folder;

	private static DiagramModel model(String file, Set<String> expanded) {
		return DiagramModel.of(DiagramModelTest.load(file), expanded, null);
	}

	// ---- the side file ----

	@Test
	void pinsAreWrittenAndReadBack() throws Exception {
		Path file = DiagramPins.fileOf(folder.resolve("lenet5.nnet"));
		assertEquals(folder.resolve("lenet5.nnet.layout"), file);
		DiagramPins pins = DiagramPins.NONE.with("LeNet5/c1", new Point(312, 48.5)).with("LeNet5/f5", new Point(0, 30));
		pins.write(file);
		List<String> warnings = new ArrayList<>();
		assertEquals(pins, DiagramPins.read(file, warnings::add));
		assertEquals(List.of(), warnings);
		String json = Files.readString(file, StandardCharsets.UTF_8);
		assertTrue(json.contains("\"version\": 1") && json.contains("\"LeNet5/c1\"") && json.contains("48.5"), json);
		try (Stream<Path> files = Files.list(folder)) {
			assertEquals(List.of(file), files.toList(), "the temporary file is gone after the move");
		}
	}

	@Test
	void aMissingFileIsNoPinsWithoutWarning() {
		List<String> warnings = new ArrayList<>();
		assertTrue(DiagramPins.read(folder.resolve("none.nnet.layout"), warnings::add).isEmpty());
		assertEquals(List.of(), warnings);
	}

	@Test
	void aMalformedOrUnknownFileIsNoPinsAndOneWarningNamingIt() throws Exception {
		Path file = folder.resolve("bad.nnet.layout");
		for (String text : List.of("{\"version\": 1, \"pinned\": {\"a/b\": {\"x\": 1", "[1, 2]", "{\"version\": 2, \"pinned\": {}}",
				"{\"version\": 1, \"pinned\": {\"a/b\": {\"x\": \"left\", \"y\": 3}}}", "{\"pinned\": {}}",
				"{\"version\": 1, \"pinned\": {\"a/b\": 7}}", "")) {
			Files.writeString(file, text, StandardCharsets.UTF_8);
			List<String> warnings = new ArrayList<>();
			DiagramPins pins = DiagramPins.read(file, warnings::add);
			assertTrue(pins.isEmpty(), text);
			assertEquals(1, warnings.size(), text + ": " + warnings);
			assertTrue(warnings.get(0).startsWith(file.toString()) && !warnings.get(0).contains("\n"), warnings.get(0));
		}
	}

	@Test
	void removingTheLastPinDeletesTheFile() throws Exception {
		Path file = folder.resolve("x.nnet.layout");
		DiagramPins one = DiagramPins.NONE.with("N/a", new Point(10, 40));
		one.write(file);
		assertTrue(Files.exists(file));
		one.without(Set.of("N/a")).write(file);
		assertFalse(Files.exists(file));
		DiagramPins.NONE.write(file); // nothing to delete: no error
		assertFalse(Files.exists(file));
	}

	@Test
	void renamesCarryPinsAndDeletesDropThemWithTheirChildren() {
		DiagramPins pins = DiagramPins.NONE.with("N/g", new Point(1, 2)).with("N/g/a", new Point(3, 4)).with("N/gx", new Point(5, 6));
		DiagramPins renamed = pins.renamed("N/g", "N/h");
		assertEquals(Set.of("N/h", "N/h/a", "N/gx"), renamed.pinned().keySet());
		assertEquals(new Point(3, 4), renamed.get("N/h/a"));
		assertEquals(Set.of("N/gx"), pins.without(Set.of("N/g")).pinned().keySet());
		assertEquals(Set.of("N/g"), pins.retain(Set.of("N/g", "N/other")).pinned().keySet());
	}

	// ---- layout with pins ----

	@Test
	void withoutPinsOrWithPinsThatMoveNothingTheLayoutIsElks() {
		for (String file : List.of("mnist/lenet5.nnet", "generative/gan.nnet", "fashion/inception.nnet")) {
			DiagramModel model = model(file, Set.of("MiniInception/mixed"));
			DiagramLayout.Result elk = new DiagramLayout().layout(model);
			String svg = new SvgExport().toSvg(elk);
			assertEquals(svg, new SvgExport().toSvg(new DiagramLayout().layout(model, DiagramPins.NONE)), file);
			PlacedGraph g = elk.graphs().get(0);
			Node first = g.graph().nodes().get(0);
			Box at = g.nodes().get(first.id());
			DiagramPins inPlace = DiagramPins.NONE.with(first.id(), new Point(at.x() - g.bounds().x(), at.y() - g.bounds().y()))
					.with("Gone/node", new Point(500, 500));
			assertEquals(svg, new SvgExport().toSvg(new DiagramLayout().layout(model, inPlace)),
					file + ": a pin where ELK put the node, and a pin of an id no longer there, change nothing");
		}
	}

	@Test
	void aPinnedNodeIsWhereItWasPutWithItsEdgesOnItsBoxAndEverythingInsideTheBounds() {
		DiagramModel model = model("mnist/lenet5.nnet", Set.of());
		DiagramLayout.Result elk = new DiagramLayout().layout(model);
		DiagramLayout.Result pinned = new DiagramLayout().layout(model, DiagramPins.NONE.with("LeNet5/c3", new Point(700, 400)));
		PlacedGraph g = pinned.graphs().get(0);
		Box c3 = g.nodes().get("LeNet5/c3");
		assertEquals(g.bounds().x() + 700, c3.x(), 1e-9);
		assertEquals(g.bounds().y() + 400, c3.y(), 1e-9);
		assertNotEquals(elk.graphs().get(0).nodes().get("LeNet5/c3"), c3);
		for (Map.Entry<String, Box> e : g.nodes().entrySet()) {
			if (!e.getKey().equals("LeNet5/c3")) {
				assertEquals(elk.graphs().get(0).nodes().get(e.getKey()), e.getValue(), e.getKey() + " stays where ELK put it");
			}
		}
		int touching = 0;
		for (Route r : g.routes()) {
			Point start = r.route().get(0);
			Point end = r.route().get(r.route().size() - 1);
			if (r.edge().source().equals("LeNet5/c3")) {
				assertOnBorder(c3, start, r);
				touching++;
			}
			if (r.edge().target().equals("LeNet5/c3")) {
				assertOnBorder(c3, end, r);
				touching++;
			}
			for (Point p : r.route()) {
				assertTrue(p.x() >= g.bounds().x() && p.x() <= g.bounds().x() + g.bounds().width()
						&& p.y() >= g.bounds().y() && p.y() <= g.bounds().y() + g.bounds().height(), r.edge().id() + " inside the bounds");
			}
			if (r.label() != null) {
				assertTrue(g.bounds().contains(r.label()), r.edge().id() + "'s label inside the bounds");
			}
		}
		assertEquals(2, touching, "c3 has an edge in and an edge out");
		g.nodes().values().forEach(b -> assertTrue(g.bounds().contains(b), b + " inside " + g.bounds()));
		assertTrue(pinned.width() >= g.bounds().x() + g.bounds().width() && pinned.height() >= g.bounds().y() + g.bounds().height(),
				"the drawing holds the graph");
		assertTrue(pinned.height() > elk.height(), "the drawing grew to hold the node put below the rest");
	}

	@Test
	void aNodeDraggedAboveOrLeftOfItsGraphIsClampedInside() {
		DiagramModel model = model("mnist/lenet5.nnet", Set.of());
		PlacedGraph g = new DiagramLayout().layout(model, DiagramPins.NONE.with("LeNet5/c1", new Point(-300, -200))).graphs().get(0);
		Box c1 = g.nodes().get("LeNet5/c1");
		assertEquals(g.bounds().x(), c1.x(), 1e-9);
		assertEquals(g.bounds().y() + DiagramLayout.TITLE_HEIGHT, c1.y(), 1e-9, "below the title, not over it");
	}

	@Test
	void aMovedExpandedGroupTakesItsChildrenAlongAndAGroupGrowsToHoldAMovedChild() {
		DiagramModel model = model("fashion/inception.nnet", Set.of("MiniInception/mixed"));
		DiagramLayout.Result elk = new DiagramLayout().layout(model);
		PlacedGraph before = elk.graphs().get(1);
		Node mixed = before.graph().node("MiniInception/mixed");
		Box group = before.nodes().get(mixed.id());
		double rx = group.x() - before.bounds().x() + 150;
		double ry = group.y() - before.bounds().y() + 90;
		DiagramLayout.Result moved = new DiagramLayout().layout(model, DiagramPins.NONE.with(mixed.id(), new Point(rx, ry)));
		PlacedGraph after = moved.graphs().get(1);
		assertEquals(before.bounds().y(), after.bounds().y(), "the graph above did not change");
		Box groupAfter = after.nodes().get(mixed.id());
		assertEquals(group.x() + 150, groupAfter.x(), 1e-9);
		assertEquals(group.y() + 90, groupAfter.y(), 1e-9);
		for (Node child : mixed.children()) {
			Box b = before.nodes().get(child.id());
			Box a = after.nodes().get(child.id());
			assertEquals(new Box(b.x() + 150, b.y() + 90, b.width(), b.height()), a, child.id() + " moved with its group");
			assertTrue(groupAfter.contains(a));
		}
		after.nodes().values().forEach(b -> assertTrue(after.bounds().contains(b), b + " inside " + after.bounds()));

		Node child = mixed.children().get(0);
		DiagramLayout.Result far = new DiagramLayout().layout(model, DiagramPins.NONE.with(child.id(), new Point(group.width() + 200, 60)));
		PlacedGraph g = far.graphs().get(1);
		Box grown = g.nodes().get(mixed.id());
		Box c = g.nodes().get(child.id());
		assertEquals(grown.x() + group.width() + 200, c.x(), 1e-9, "pinned relative to its group");
		assertTrue(grown.contains(c) && grown.width() > group.width(), "the group grew to hold it: " + grown);
		assertTrue(g.bounds().contains(grown));
	}

	private static void assertOnBorder(Box box, Point p, Route r) {
		boolean onLeftOrRight = Math.abs(p.x() - box.x()) < 1e-6 || Math.abs(p.x() - box.x() - box.width()) < 1e-6;
		assertTrue(onLeftOrRight && p.y() >= box.y() && p.y() <= box.y() + box.height(), r.edge().id() + " ends on " + box + ": " + p);
	}
}
