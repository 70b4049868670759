package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnet export --diagram}: nodes pinned in the side file FILE.nnet.layout (moved in the diagram editor) are
 * exported where they were put; an unusable side file is reported on one line and the automatic layout used.
 */
class ExportCommandTest {

	private static final Pattern RECT = Pattern.compile("<rect x=\"([-\\d.]+)\" y=\"([-\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"");

	@TempDir
	Path folder;

	/** The top left of the box whose text includes {@code >name<}: the last rect that starts before the name's text. */
	private static double[] box(String svg, String name) {
		int text = svg.indexOf(">" + name + "</text>");
		assertTrue(text > 0, name + " is drawn");
		Matcher m = RECT.matcher(svg.substring(0, text));
		double[] last = null;
		while (m.find()) {
			last = new double[] { Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)) };
		}
		return last;
	}

	/** The top left of the first graph's area: its title is drawn at (x, y + 18). */
	private static double[] graphOrigin(String svg) {
		Matcher m = Pattern.compile("<text x=\"([-\\d.]+)\" y=\"([-\\d.]+)\"[^>]*>network LeNet5").matcher(svg);
		assertTrue(m.find(), "the title is drawn");
		return new double[] { Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)) - 18 };
	}

	@Test
	void aNodePinnedInTheSideFileIsExportedWhereItWasPut() throws Exception {
		Path file = folder.resolve("lenet5.nnet");
		Files.copy(Examples.folder().resolve("mnist/lenet5.nnet"), file);
		Path elk = folder.resolve("elk.svg");
		assertEquals(0, Cli.run("export", "--diagram", file.toString(), "-o", elk.toString()).exit());
		String elkSvg = Files.readString(elk, StandardCharsets.UTF_8);

		Files.writeString(folder.resolve("lenet5.nnet.layout"), "{\"version\": 1, \"pinned\": {\"LeNet5/c3\": {\"x\": 640, \"y\": 300}}}",
				StandardCharsets.UTF_8);
		Path pinned = folder.resolve("pinned.svg");
		Cli.Result r = Cli.run("export", "--diagram", file.toString(), "-o", pinned.toString());
		assertEquals(0, r.exit(), r.err());
		assertEquals("", r.err());
		String svg = Files.readString(pinned, StandardCharsets.UTF_8);
		double[] origin = graphOrigin(svg);
		double[] c3 = box(svg, "c3");
		assertEquals(origin[0] + 640, c3[0], 1e-6, "x relative to the graph");
		assertEquals(origin[1] + 300, c3[1], 1e-6, "y relative to the graph");
		assertNotEquals(box(elkSvg, "c3")[0], c3[0]);
		assertEquals(box(elkSvg, "c1")[0], box(svg, "c1")[0], 1e-6, "the other nodes stay where ELK put them");

		// a broken side file: one line naming it, and the automatic layout
		Files.writeString(folder.resolve("lenet5.nnet.layout"), "{\"version\": 1, \"pinned\": ", StandardCharsets.UTF_8);
		Path broken = folder.resolve("broken.svg");
		r = Cli.run("export", "--diagram", file.toString(), "-o", broken.toString());
		assertEquals(0, r.exit(), r.err());
		assertEquals(1, r.err().lines().count(), r.err());
		assertTrue(r.err().contains("lenet5.nnet.layout") && r.err().contains("malformed"), r.err());
		assertEquals(elkSvg, Files.readString(broken, StandardCharsets.UTF_8));
	}
}
