package org.nnet.diagram.glsp.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.glsp.FileText;
import org.nnet.lang.tests.Examples;

import com.google.gson.JsonArray;

/**
 * Moving nodes in the GLSP diagram (headless Chromium against the Java server): a node dragged with the mouse
 * stays where it was dropped, its place is kept in FILE.nnet.layout and the .nnet text is untouched; "Reset
 * layout" deletes the side file and ELK places the node again. Moving several nodes at once, renaming and
 * deleting a pinned node keep the side file in step. Screenshots go to target/screenshots.
 */
class GlspMoveTest {

	/** The screen rectangle [x, y, width, height] of a node's box. */
	private static double[] rect(ChromiumPage page, String id) {
		JsonArray r = page.eval("(() => { const e = document.getElementById('nnet-diagram_" + id + "'); if (!e) return null;"
				+ " const r = e.querySelector('rect').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()").getAsJsonArray();
		return new double[] { r.get(0).getAsDouble(), r.get(1).getAsDouble(), r.get(2).getAsDouble(), r.get(3).getAsDouble() };
	}

	private static int revision(ChromiumPage page) {
		return page.eval("window.nnet ? window.nnet.revision : 0").getAsInt();
	}

	private static void waitForRevision(ChromiumPage page, int atLeast) {
		page.waitUntil("diagram " + atLeast + " in the page", () -> revision(page) >= atLeast);
	}

	private static boolean resetShown(ChromiumPage page) {
		return page.eval("getComputedStyle(document.getElementById('nnet-reset-layout')).display !== 'none'").getAsBoolean();
	}

	private static DiagramPins pins(Path layout) {
		List<String> warnings = new ArrayList<>();
		DiagramPins pins = DiagramPins.read(layout, warnings::add);
		assertEquals(List.of(), warnings);
		return pins;
	}

	@Test
	void aDraggedNodeIsPinnedInTheSideFileAndResetLayoutPutsItBack() throws Exception {
		Path folder = Path.of(System.getProperty("nnet.testOutput", "target"), "glsp-move");
		Files.createDirectories(folder);
		Path file = folder.resolve("lenet5.nnet");
		Files.copy(Examples.folder().resolve("mnist/lenet5.nnet"), file, StandardCopyOption.REPLACE_EXISTING);
		Path layout = DiagramPins.fileOf(file);
		Files.deleteIfExists(layout);
		byte[] before = Files.readAllBytes(file);
		try (ChromiumPage page = new ChromiumPage(new FileText(file, null))) {
			page.open("lenet5.nnet");
			waitForRevision(page, 1);
			assertFalse(resetShown(page), "nothing to reset yet");
			double[] elk = rect(page, "LeNet5/c3");

			// drag c3 down and to the right
			double x = elk[0] + 20;
			double y = elk[1] + elk[3] - 6;
			double dx = 70;
			double dy = 110;
			int revision = revision(page);
			page.drag(x, y, x + dx, y + dy);
			waitForRevision(page, revision + 1);
			assertTrue(Files.exists(layout), "the side file is written: " + page.log().lines().filter(l -> l.contains("changeBounds")).toList());
			Point pin = pins(layout).get("LeNet5/c3");
			assertNotNull(pin, Files.readString(layout));
			double[] moved = rect(page, "LeNet5/c3");
			assertEquals(elk[0] + dx, moved[0], 12, "drawn where it was dropped (x)");
			assertEquals(elk[1] + dy, moved[1], 12, "drawn where it was dropped (y)");
			assertArrayEquals(before, Files.readAllBytes(file), "moving does not touch the .nnet text");
			page.waitUntil("the Reset layout button", () -> resetShown(page));
			page.screenshot(Path.of(System.getProperty("nnet.testOutput", "target"), "screenshots", "glsp-moved-node.png"));

			// undo puts c3 back where ELK put it (the side file goes), redo moves it again; the text is not touched
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'glspUndo' })");
			waitForRevision(page, revision + 1);
			assertFalse(Files.exists(layout), "undoing the only move removes the side file");
			assertEquals(elk[0], rect(page, "LeNet5/c3")[0], 1, "undo: back where ELK put it");
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'glspRedo' })");
			waitForRevision(page, revision + 1);
			assertEquals(pin, pins(layout).get("LeNet5/c3"), "redo pins it again");
			assertEquals(elk[0] + dx, rect(page, "LeNet5/c3")[0], 12);
			assertArrayEquals(before, Files.readAllBytes(file), "undo and redo of a move do not touch the .nnet text");

			// Reset layout (the button in the status line): the side file goes, ELK places c3 again
			JsonArray button = page.eval("(() => { const r = document.getElementById('nnet-reset-layout').getBoundingClientRect();"
					+ " return [r.x + r.width / 2, r.y + r.height / 2]; })()").getAsJsonArray();
			revision = revision(page);
			page.click(button.get(0).getAsDouble(), button.get(1).getAsDouble());
			waitForRevision(page, revision + 1);
			assertFalse(Files.exists(layout), "Reset layout deletes the side file");
			double[] back = rect(page, "LeNet5/c3");
			assertEquals(elk[0], back[0], 1, "back where ELK put it (x)");
			assertEquals(elk[1], back[1], 1, "back where ELK put it (y)");
			assertFalse(resetShown(page));
			assertArrayEquals(before, Files.readAllBytes(file));

			// several nodes moved at once (as the client sends a multi-selection's drag)
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'changeBounds', isOperation: true, newBounds: ["
					+ "{ elementId: 'LeNet5/f5', newPosition: { x: 300, y: 200 }, newSize: { width: 100, height: 60 } },"
					+ "{ elementId: 'LeNet5/f6', newPosition: { x: 500, y: 260 }, newSize: { width: 100, height: 60 } }] })");
			waitForRevision(page, revision + 1);
			assertEquals(new Point(300, 200), pins(layout).get("LeNet5/f5"));
			assertEquals(new Point(500, 260), pins(layout).get("LeNet5/f6"));
			double[] f5 = rect(page, "LeNet5/f5");
			double[] f6 = rect(page, "LeNet5/f6");
			double zoom = page.eval("(() => { const m = document.querySelector('#nnet-diagram > svg > g').transform.baseVal.consolidate().matrix; return m.a; })()")
					.getAsDouble();
			assertEquals(200 * zoom, f6[0] - f5[0], 2, "both are drawn where they were put");
			assertEquals(60 * zoom, f6[1] - f5[1], 2);

			// a rename carries the pin to the new id; a delete drops it
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'applyLabelEdit', isOperation: true, labelId: 'LeNet5/f6#name', text: 'hidden' })");
			waitForRevision(page, revision + 1);
			assertEquals(new Point(500, 260), pins(layout).get("LeNet5/hidden"));
			assertNull(pins(layout).get("LeNet5/f6"));
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'deleteElement', isOperation: true, elementIds: ['LeNet5/hidden'] })");
			waitForRevision(page, revision + 1);
			assertEquals(List.of("LeNet5/f5"), List.copyOf(pins(layout).pinned().keySet()));
			String text = Files.readString(file, StandardCharsets.UTF_8);
			assertFalse(text.contains("as f6") || text.contains("as hidden"), text);

			// undo goes back through text edits and moves in turn, newest first: the delete, the rename, the move of two
			String deleted = Files.readString(file, StandardCharsets.UTF_8);
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'glspUndo' })");
			waitForRevision(page, revision + 1);
			assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("as hidden"), "the delete is undone");
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'glspUndo' })");
			waitForRevision(page, revision + 1);
			assertArrayEquals(before, Files.readAllBytes(file), "the rename is undone: the text is the example's again");
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'glspUndo' })");
			waitForRevision(page, revision + 1);
			page.waitUntil("the move of f5 and f6 undone", () -> !Files.exists(layout) || pins(layout).get("LeNet5/f5") == null);
			revision = revision(page);
			page.eval("void window.nnet.dispatch({ kind: 'glspRedo' })");
			waitForRevision(page, revision + 1);
			assertEquals(new Point(300, 200), pins(layout).get("LeNet5/f5"), "redo: the move again");
			for (int i = 0; i < 2; i++) {
				revision = revision(page);
				page.eval("void window.nnet.dispatch({ kind: 'glspRedo' })");
				waitForRevision(page, revision + 1);
			}
			assertEquals(deleted, Files.readString(file, StandardCharsets.UTF_8), "redo: the rename and the delete again");

			// the keyboard shortcut resets too
			revision = revision(page);
			page.eval("document.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyR', key: 'r', altKey: true }))");
			waitForRevision(page, revision + 1);
			assertFalse(Files.exists(layout));

			// a side file that cannot be used: the automatic layout, and a warning naming the file in the status line
			Files.writeString(layout, "{\"version\": 1, \"pinned\": {\"LeNet5/c1\": ", StandardCharsets.UTF_8);
			revision = revision(page);
			page.connection().textChanged();
			waitForRevision(page, revision + 1);
			page.waitUntil("the warning", () -> page.eval("document.getElementById('nnet-status').textContent").getAsString()
					.contains("lenet5.nnet.layout"));
			assertFalse(resetShown(page), "nothing pinned");
		}
	}
}
