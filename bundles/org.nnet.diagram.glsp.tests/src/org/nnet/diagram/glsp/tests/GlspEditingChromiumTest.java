package org.nnet.diagram.glsp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnet.diagram.glsp.tests.GlspChromiumTest.assertCounts;
import static org.nnet.diagram.glsp.tests.GlspChromiumTest.copy;
import static org.nnet.diagram.glsp.tests.GlspChromiumTest.revision;
import static org.nnet.diagram.glsp.tests.GlspChromiumTest.screenshot;
import static org.nnet.diagram.glsp.tests.GlspChromiumTest.waitForRevision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.glsp.FileText;
import org.nnet.diagram.tests.DiagramModelTest;

import com.google.gson.JsonArray;

/**
 * Diagram gestures in headless Chromium against the Java GLSP server, beyond those of {@link GlspChromiumTest}:
 * palette insertion at other zooms and over an edge's label or arrow head, the palette beside (not over) the
 * diagram, connect and reconnect, expand and collapse, and the error badge's hover.
 */
class GlspEditingChromiumTest {

	/** The centre of an element's bounding box in page coordinates: JS selector of the element. */
	private static double[] centre(ChromiumPage page, String js) {
		JsonArray r = page.eval("(() => { const e = " + js + "; if (!e) return null; const r = e.getBoundingClientRect();"
				+ " return [r.x + r.width / 2, r.y + r.height / 2]; })()").getAsJsonArray();
		return new double[] { r.get(0).getAsDouble(), r.get(1).getAsDouble() };
	}

	private static String element(String id) {
		return "document.getElementById('nnet-diagram_" + id + "')";
	}

	private static boolean exists(ChromiumPage page, String id) {
		return page.eval(element(id) + " !== null").getAsBoolean();
	}

	/** A page showing the diagram of a file. */
	private static ChromiumPage opened(Path file) throws IOException {
		ChromiumPage page = new ChromiumPage(new FileText(file, null));
		try {
			page.open(file.getFileName().toString());
			waitForRevision(page, 1);
			return page;
		} catch (RuntimeException | Error e) {
			page.close();
			throw e;
		}
	}

	private static void choose(ChromiumPage page, String tool) {
		page.eval("[...document.querySelectorAll('.tool-palette .tool-button')].find(b => b.textContent.trim() === '" + tool + "').click()");
	}

	@Test
	void aPaletteLayerLandsOnTheEdgeUnderThePointerAtAnyZoomAlsoOverItsLabelOrArrowHead() throws Exception {
		Path file = copy("mnist/lenet5.nnet");
		String before = Files.readString(file, StandardCharsets.UTF_8);
		List<String> failures = new ArrayList<>();
		try (ChromiumPage page = opened(file)) {
			for (double zoom : new double[] { 0.5, 2 }) {
				String edge = zoom < 1 ? "LeNet5/s2->LeNet5/c3" : "LeNet5/image->LeNet5/c1";
				String target = zoom < 1 ? "LeNet5/c3" : "LeNet5/c1";
				for (String part : List.of("path:not(.nnet-arrow):not(.mouse-handle)", "text", "path.nnet-arrow", "near")) {
					page.eval("void window.nnet.fit()");
					page.eval("void window.nnet.zoom(" + zoom + ")");
					Thread.sleep(200);
					choose(page, "dropout");
					double[] at = centre(page, element(edge) + ".querySelector('" + (part.equals("near") ? "path" : part) + "')");
					if (part.equals("near")) {
						at[1] -= 14; // a hand's imprecision: off the line by more than the line's own hit area at zoom 0.5
					}
					int revision = revision(page);
					page.move(at[0] - 30, at[1] + 25);
					page.move(at[0], at[1]);
					Thread.sleep(200);
					page.click(at[0], at[1]);
					page.screenshot(screenshot("glsp-drop-zoom-" + zoom + "-" + part.replaceAll("[^a-z]", "")));
					try {
						waitForRevision(page, revision + 1);
					} catch (AssertionError e) {
						failures.add("zoom " + zoom + " over the edge's " + part + ": nothing inserted (" + page.eval("window.nnet.message") + ")");
						page.eval("void window.nnet.dispatch({ kind: 'enableDefaultTools' })");
						continue;
					}
					try {
						page.waitUntil("the new edge", () -> exists(page, "LeNet5/dropout_1->" + target));
					} catch (AssertionError e) {
						failures.add("zoom " + zoom + " over the edge's " + part + ": inserted elsewhere:\n"
								+ Files.readString(file, StandardCharsets.UTF_8));
					}
					revision = revision(page);
					page.eval("void window.nnet.dispatch({ kind: 'glspUndo' })");
					waitForRevision(page, revision + 1);
					assertEquals(before, Files.readString(file, StandardCharsets.UTF_8), "undone");
				}
			}
		}
		assertTrue(failures.isEmpty(), String.join("\n", failures));
	}

	/** JS: the page boxes [x, y, right, bottom, id] of the drawn nodes. */
	private static final String NODE_BOXES = "[...document.querySelectorAll('#nnet-diagram > svg g')]"
			+ ".filter(g => ['nnet-layer','nnet-input','nnet-group','nnet-source'].some(c => g.classList.contains(c)) && !g.id.includes('#'))"
			+ ".map(g => { const r = g.querySelector('rect').getBoundingClientRect(); return [r.x, r.y, r.right, r.bottom, g.id]; })";

	@Test
	void thePaletteStaysBesideTheDiagramAtAnyPageWidth() throws Exception {
		Path file = copy("mnist/lenet5.nnet");
		try (ChromiumPage page = opened(file)) {
			for (int width : new int[] { 1000, 600 }) {
				page.viewport(width, 700);
				Thread.sleep(300);
				page.eval("void window.nnet.fit()");
				Thread.sleep(500);
				page.screenshot(screenshot("glsp-palette-" + width + "px"));
				JsonArray palette = page.eval("(() => { const r = document.querySelector('.tool-palette').getBoundingClientRect();"
						+ " return [r.x, r.y, r.right, r.bottom]; })()").getAsJsonArray();
				double left = palette.get(0).getAsDouble();
				assertTrue(palette.get(2).getAsDouble() <= width && palette.get(2).getAsDouble() - left > 100,
						"the palette is on the page, wide enough to read: " + palette);
				JsonArray nodes = page.eval(NODE_BOXES).getAsJsonArray();
				assertEquals(9, nodes.size(), "every node of LeNet-5 is drawn");
				for (var n : nodes) {
					JsonArray b = n.getAsJsonArray();
					boolean intersects = b.get(0).getAsDouble() < palette.get(2).getAsDouble() && left < b.get(2).getAsDouble()
							&& b.get(1).getAsDouble() < palette.get(3).getAsDouble() && palette.get(1).getAsDouble() < b.get(3).getAsDouble();
					assertTrue(!intersects, width + " px: the palette " + palette + " covers node " + b);
					assertTrue(b.get(2).getAsDouble() <= left, width + " px: after fit() node " + b + " ends before the palette at " + left);
				}
			}
		}
	}

	@Test
	void reconnectAndConnectInputsOfAConcat() throws Exception {
		Path file = copy("fashion/inception.nnet");
		String before = Files.readString(file, StandardCharsets.UTF_8);
		try (ChromiumPage page = opened(file)) {
			page.eval("void window.nnet.fit()");
			Thread.sleep(300);

			// select the edge b5 -> y: handles show at its ends; drag its source end (the left one) onto the input x
			String edge = element("Inception/b5->Inception/y");
			JsonArray on = page.eval("(() => { const p = " + edge + ".querySelector('path'); const at = p.getPointAtLength(p.getTotalLength() / 2);"
					+ " const m = p.getScreenCTM(); return [at.x * m.a + at.y * m.c + m.e, at.x * m.b + at.y * m.d + m.f]; })()").getAsJsonArray();
			page.click(on.get(0).getAsDouble(), on.get(1).getAsDouble());
			page.waitUntil("the edge's end handles", () -> page.eval(edge + ".querySelectorAll('.sprotty-routing-handle').length").getAsInt() == 2);
			page.screenshot(screenshot("glsp-reconnect-handles"));
			double[] handle = centre(page, "[..." + edge + ".querySelectorAll('.sprotty-routing-handle')]"
					+ ".sort((a, b) => a.getBoundingClientRect().x - b.getBoundingClientRect().x)[0]");
			double[] x = centre(page, element("Inception/x") + ".querySelector('rect')");
			int revision = revision(page);
			page.move(handle[0], handle[1]);
			page.button(true);
			page.move(x[0], x[1] + 8);
			page.move(x[0], x[1]); // a move inside the node after entering it, as a hand makes
			Thread.sleep(200);
			page.button(false);
			waitForRevision(page, revision + 1);
			String reconnected = before.replace("concat(b1, b3, b5, bp)", "concat(b1, b3, bp, x)");
			assertEquals(reconnected, Files.readString(file, StandardCharsets.UTF_8), "b5 replaced by x; nothing else changed");
			assertTrue(exists(page, "Inception/x->Inception/y") && !exists(page, "Inception/b5->Inception/y"), "the edge moved");
			page.screenshot(screenshot("glsp-reconnect"));

			// the palette's connection tool, from b5 back to the concat y
			page.eval("void window.nnet.dispatch({ kind: 'enableDefaultTools' })");
			choose(page, "connect (into concat, add, multiply)");
			double[] b5 = centre(page, element("Inception/b5") + ".querySelector('rect')");
			double[] y = centre(page, element("Inception/y") + ".querySelector('rect')");
			revision = revision(page);
			page.move(b5[0], b5[1]);
			page.click(b5[0], b5[1]);
			page.move(y[0], y[1]);
			Thread.sleep(200);
			page.click(y[0], y[1]);
			waitForRevision(page, revision + 1);
			assertEquals(reconnected.replace("concat(b1, b3, bp, x)", "concat(b1, b3, bp, x, b5)"), Files.readString(file, StandardCharsets.UTF_8),
					"one input more, nothing else changed");
			assertTrue(exists(page, "Inception/b5->Inception/y"), "the new edge is drawn");
			page.screenshot(screenshot("glsp-connect"));
		}
	}

	@Test
	void doubleClickExpandsAndCollapsesANetworkUsedAsAStepAndEditsInsideEditTheNetwork() throws Exception {
		Path file = copy("fashion/inception.nnet");
		String before = Files.readString(file, StandardCharsets.UTF_8);
		try (ChromiumPage page = opened(file)) {
			// image, conv2d, maxpool2d, mixed (Inception), globalavgpool, classes
			assertCounts(page, "MiniInception", 6, 5, "collapsed");
			assertFalse(exists(page, "MiniInception/mixed/b1"));
			double[] group = centre(page, element("MiniInception/mixed") + ".querySelector('rect')");
			int revision = revision(page);
			page.doubleClick(group[0], group[1]);
			waitForRevision(page, revision + 1);
			// + Inception's x, b1, b3 and b5 with their 1x1 convolutions, the pool, bp and y; + its 11 edges
			assertCounts(page, "MiniInception", 6 + 9, 5 + 11, "expanded");
			assertTrue(exists(page, "MiniInception/mixed/b1"));
			page.screenshot(screenshot("glsp-expanded-group"));

			// an edit inside the group edits the network Inception, and says so
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'applyLabelEdit', isOperation: true, labelId: 'MiniInception/mixed/b5#name', text: 'wide' })");
			waitForRevision(page, revision + 1);
			assertEquals(before.replace("relu) as b5", "relu) as wide").replace("concat(b1, b3, b5, bp)", "concat(b1, b3, wide, bp)"),
					Files.readString(file, StandardCharsets.UTF_8));
			page.waitUntil("the note", () -> page.eval("window.nnet.message").getAsString().contains("Edited network Inception (used 1 time"));
			assertTrue(exists(page, "MiniInception/mixed/wide"), "the group shows the renamed layer");

			group = centre(page, element("MiniInception/mixed") + ".querySelector('rect')");
			revision = revision(page);
			page.doubleClick(group[0], group[1] + 2);
			waitForRevision(page, revision + 1);
			assertCounts(page, "MiniInception", 6, 5, "collapsed again");
			assertFalse(exists(page, "MiniInception/mixed/wide"));
		}
	}

	@Test
	void anErrorIsARedBadgeWhoseHoverShowsTheMessage() throws Exception {
		Path file = copy("mnist/lenet5.nnet");
		// a kernel larger than its input: a shape error on c3
		String text = Files.readString(file, StandardCharsets.UTF_8).replace("conv2d(16, kernel: 5,", "conv2d(16, kernel: 50,");
		Files.writeString(file, text, StandardCharsets.UTF_8);
		DiagramModel model = DiagramModel.of(DiagramModelTest.parse(file.toString(), text));
		List<String> errors = model.node("LeNet5/c3").errors();
		assertFalse(errors.isEmpty(), "core finds the error");
		try (ChromiumPage page = opened(file)) {
			page.eval("void window.nnet.zoom(1)");
			Thread.sleep(300);
			assertTrue(page.eval(element("LeNet5/c3") + ".classList.contains('nnet-error')").getAsBoolean(), "c3 is drawn red");
			assertTrue(exists(page, "LeNet5/c3#errors"), "c3 has an issue marker");
			double[] badge = centre(page, element("LeNet5/c3#errors"));
			page.move(badge[0] - 20, badge[1] + 20);
			page.move(badge[0], badge[1]);
			page.waitUntil("the hover popup", () -> page.eval("(() => { const p = document.querySelector('.sprotty-popup');"
					+ " return p !== null && p.textContent.length > 0 && getComputedStyle(p).display !== 'none'; })()").getAsBoolean());
			String shown = page.eval("document.querySelector('.sprotty-popup').textContent").getAsString();
			assertTrue(shown.contains(errors.get(0)), "the popup shows '" + errors.get(0) + "': " + shown);
			page.screenshot(screenshot("glsp-error-hover"));
		}
	}
}
