package org.nnet.diagram.glsp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nnet.diagram.glsp.FileText;
import org.nnet.lang.tests.Examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * The GLSP web client in headless Chromium against the Java GLSP server (the page's JSON-RPC bridged to a
 * {@link org.nnet.diagram.glsp.GlspConnection} in this JVM): renders LeNet-5 and the GAN example and checks
 * node and edge counts and labels, inserts a layer by choosing it in the palette and clicking an edge (the
 * .nnet text changes by exactly one line), and shows the last good diagram with a banner while the text has
 * a syntax error, refusing edits. Screenshots go to target/screenshots.
 */
class GlspChromiumTest {

	/** Counts the rendered elements of one graph: JS returning [nodes, edges]. */
	static String counts(String graph) {
		return "(() => { const p = 'nnet-diagram_" + graph + "/';"
				+ " const all = [...document.querySelectorAll('#nnet-diagram > svg [id^=\"' + p + '\"]')];"
				+ " const nodes = all.filter(e => ['nnet-layer','nnet-input','nnet-group','nnet-source'].some(c => e.classList.contains(c)) && !e.id.includes('#'));"
				+ " const edges = all.filter(e => e.classList.contains('sprotty-edge'));"
				+ " return [nodes.length, edges.length]; })()";
	}

	/**
	 * Asserts how many nodes and edges of a graph the page draws, after zooming to show the whole diagram
	 * (elements outside the view are not drawn).
	 */
	static void assertCounts(ChromiumPage page, String graph, int nodes, int edges, String message) {
		page.eval("void window.nnet.fit()");
		List<Integer> expected = List.of(nodes, edges);
		try {
			page.waitUntil(graph + "'s " + expected, () -> expected.equals(ints(page.eval(counts(graph)))));
		} catch (AssertionError e) {
			// say what was drawn instead
		}
		assertEquals(expected, ints(page.eval(counts(graph))), message + "\n" + page.log());
	}

	static String text(String elementId) {
		return "(() => { const e = document.getElementById('nnet-diagram_" + elementId + "'); return e ? e.textContent : null; })()";
	}

	static List<Integer> ints(JsonElement array) {
		List<Integer> out = new ArrayList<>();
		for (JsonElement e : (JsonArray) array) {
			out.add(e.getAsInt());
		}
		return out;
	}

	static Path copy(String relative) throws IOException {
		Path folder = Path.of(System.getProperty("nnet.testOutput", "target"), "glsp-work");
		Files.createDirectories(folder);
		Path file = folder.resolve(Path.of(relative).getFileName());
		Files.copy(Examples.folder().resolve(relative), file, StandardCopyOption.REPLACE_EXISTING);
		return file;
	}

	static Path screenshot(String name) {
		return Path.of(System.getProperty("nnet.testOutput", "target"), "screenshots", name + ".png");
	}

	static int revision(ChromiumPage page) {
		JsonElement r = page.eval("window.nnet ? window.nnet.revision : 0");
		return r.getAsInt();
	}

	static void waitForRevision(ChromiumPage page, int atLeast) {
		page.waitUntil("diagram " + atLeast + " in the page", () -> revision(page) >= atLeast);
	}

	@Test
	void leNet5IsShownAndAPaletteLayerDroppedOnAnEdgeIsInsertedAsOneLine() throws Exception {
		Path file = copy("mnist/lenet5.nnet");
		String before = Files.readString(file, StandardCharsets.UTF_8);
		java.util.concurrent.atomic.AtomicReference<int[]> revealed = new java.util.concurrent.atomic.AtomicReference<>();
		FileText text = new FileText(file, revealed::set);
		try (ChromiumPage page = new ChromiumPage(text)) {
			page.open("lenet5.nnet");
			waitForRevision(page, 1);
			page.screenshot(screenshot("glsp-lenet5"));
			assertCounts(page, "LeNet5", 9, 8, "input + 8 layers, 8 edges");
			assertEquals("c1", page.eval(text("LeNet5/c1#name")).getAsString());
			assertEquals("conv2d 6, k5, same, tanh", page.eval(text("LeNet5/c1#kind")).getAsString());
			assertEquals("[6, 28, 28]", page.eval(text("LeNet5/c1#shape")).getAsString());
			assertEquals("156 params", page.eval(text("LeNet5/c1#params")).getAsString());
			assertEquals("[120]", page.eval(text("LeNet5/f5->LeNet5/f6#shape")).getAsString());
			assertEquals("input", page.eval(text("LeNet5/image#mark")).getAsString());
			assertEquals("output", page.eval(text("LeNet5/digits#mark")).getAsString());
			assertEquals(0, page.eval("document.querySelectorAll('.nnet-error').length").getAsInt());

			// the palette lists every layer kind; choose dropout, then click the edge s2 -> c3
			JsonElement tools = page.eval("[...document.querySelectorAll('.tool-palette .tool-button')].map(b => b.textContent.trim())");
			List<String> names = new ArrayList<>();
			tools.getAsJsonArray().forEach(t -> names.add(t.getAsString()));
			for (org.nnet.core.catalog.CatalogEntry e : org.nnet.core.catalog.Catalog.layers()) {
				assertTrue(names.contains(e.name()), "palette has " + e.name() + ": " + names);
			}
			page.eval("[...document.querySelectorAll('.tool-palette .tool-button')].find(b => b.textContent.trim() === 'dropout').click()");
			JsonArray at = page.eval("(() => { const r = document.getElementById('nnet-diagram_LeNet5/s2->LeNet5/c3').querySelector('path').getBoundingClientRect();"
					+ " return [r.x + r.width / 2, r.y + r.height / 2]; })()").getAsJsonArray();
			int revision = revision(page);
			double x = at.get(0).getAsDouble();
			double y = at.get(1).getAsDouble();
			page.move(x - 40, y + 30);
			page.move(x, y);
			Thread.sleep(300);
			page.click(x, y);
			waitForRevision(page, revision + 1);
			String after = Files.readString(file, StandardCharsets.UTF_8);
			assertEquals(before.replace("          -> conv2d(16, kernel: 5, activation: tanh) as c3",
					"          -> dropout(0.5)\n          -> conv2d(16, kernel: 5, activation: tanh) as c3"), after,
					"one line inserted; every other character, comments included, as it was");
			assertCounts(page, "LeNet5", 10, 9, "");
			page.screenshot(screenshot("glsp-lenet5-after-palette-insertion"));

			// clicking a node selects its text; the properties panel edits its arguments
			JsonArray c3 = page.eval("(() => { const r = document.getElementById('nnet-diagram_LeNet5/c3').querySelector('rect').getBoundingClientRect();"
					+ " return [r.x + 20, r.y + r.height - 6]; })()").getAsJsonArray();
			page.click(c3.get(0).getAsDouble(), c3.get(1).getAsDouble());
			page.waitUntil("the text of c3 to be selected", () -> revealed.get() != null);
			String selected = after.substring(revealed.get()[0], revealed.get()[0] + revealed.get()[1]);
			assertTrue(selected.contains("conv2d(16, kernel: 5, activation: tanh) as c3"), selected);
			assertEquals("c3 · conv2d", page.eval("document.querySelector('#nnet-properties .title').textContent").getAsString());
			assertEquals("tanh", page.eval("document.querySelector('#nnet-properties input[name=activation]').value").getAsString());
			revision = revision(page);
			page.eval("(() => { const i = document.querySelector('#nnet-properties input[name=activation]'); i.value = 'relu';"
					+ " i.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' })); })()");
			waitForRevision(page, revision + 1);
			String relu = after.replace("activation: tanh) as c3", "activation: relu) as c3");
			assertEquals(relu, Files.readString(file, StandardCharsets.UTF_8), "only the argument changed");

			// renaming a node's label renames it in the text; a taken name is refused; undo in the diagram undoes the text
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'applyLabelEdit', isOperation: true, labelId: 'LeNet5/f6#name', text: 'hidden' })");
			waitForRevision(page, revision + 1);
			String renamed = relu.replace(") as f6", ") as hidden");
			assertEquals(renamed, Files.readString(file, StandardCharsets.UTF_8));
			assertEquals("hidden", page.eval(text("LeNet5/hidden#name")).getAsString());
			page.eval("void window.nnet.dispatch({ kind: 'applyLabelEdit', isOperation: true, labelId: 'LeNet5/hidden#name', text: 'c1' })");
			page.waitUntil("the refusal of a taken name", () -> page.eval("window.nnet.message").getAsString().contains("already used"));
			assertEquals(renamed, Files.readString(file, StandardCharsets.UTF_8));
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'glspUndo' })");
			waitForRevision(page, revision + 1);
			assertEquals(relu, Files.readString(file, StandardCharsets.UTF_8), "undo in the diagram is the text's undo");

			// the caret in the text selects the node written there
			page.connection().caretMoved(relu.indexOf("as f5"));
			page.waitUntil("f5 to be selected", () -> page.eval("window.nnet.selection().join()").getAsString().equals("LeNet5/f5"));

			// deleting the inserted layer joins its neighbours again: the text is LeNet-5's but for c3's activation
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'deleteElement', isOperation: true, elementIds: ['LeNet5/dropout_1'] })");
			waitForRevision(page, revision + 1);
			String deleted = before.replace("activation: tanh) as c3", "activation: relu) as c3");
			assertEquals(deleted, Files.readString(file, StandardCharsets.UTF_8), "the inserted step's whole line removed, nothing else");
			assertCounts(page, "LeNet5", 9, 8, "");
			after = deleted;

			// a syntax error: the last good diagram stays under a banner, and edits are refused
			String broken = after.replace("output digits", "-> -> output digits");
			text.set(broken);
			revision = revision(page);
			page.connection().textChanged();
			waitForRevision(page, revision + 1);
			String banner = page.eval("document.getElementById('nnet-banner').textContent").getAsString();
			assertTrue(banner.contains("syntax error") && banner.contains("last version that parsed"), banner);
			assertCounts(page, "LeNet5", 9, 8, "the last good diagram stays");
			page.screenshot(screenshot("glsp-syntax-error"));
			page.eval("void window.nnet.dispatch({ kind: 'deleteElement', isOperation: true, elementIds: ['LeNet5/c3'] })");
			page.waitUntil("the refusal", () -> page.eval("window.nnet.message").getAsString().contains("syntax error"));
			assertEquals(broken, Files.readString(file, StandardCharsets.UTF_8), "a refused edit leaves the text as it was");
		}
	}

	@Test
	void theGanIsShownAsItsTwoNetworksAndTheirJoin() throws Exception {
		Path file = copy("generative/gan.nnet");
		try (ChromiumPage page = new ChromiumPage(new FileText(file, null))) {
			page.open("gan.nnet");
			waitForRevision(page, 1);
			page.screenshot(screenshot("glsp-gan"));
			assertCounts(page, "Generator", 5, 4, "noise + 4 layers");
			assertCounts(page, "Discriminator", 6, 5, "");
			assertCounts(page, "DigitGan", 4, 3, "noise -> generator -> discriminator <- data");
			assertEquals("[1, 28, 28]", page.eval(text("DigitGan/generator->DigitGan/discriminator#shape")).getAsString());
			assertEquals("[100]", page.eval(text("DigitGan/noise->DigitGan/generator#shape")).getAsString());
			assertTrue(page.eval(text("graph:DigitGan#title")).getAsString().startsWith("gan DigitGan"));
		}
	}
}
