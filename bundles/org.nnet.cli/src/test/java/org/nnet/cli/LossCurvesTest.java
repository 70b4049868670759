package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curves.png: tick labels as a person writes numbers, and one chart per metric. */
class LossCurvesTest {
	@TempDir
	Path dir;

	@Test
	void tickLabelsAreShortDecimalsOrPowersOfTen() {
		assertEquals("0", LossCurves.tick(0.0));
		assertEquals("0.5", LossCurves.tick(0.5));
		assertEquals("1", LossCurves.tick(1.0));
		assertEquals("1.5", LossCurves.tick(1.5));
		assertEquals("0.3", LossCurves.tick(0.30000000000000004), "floating-point noise of tick steps is rounded away");
		assertEquals("0.25", LossCurves.tick(0.25));
		assertEquals("12", LossCurves.tick(12.000000001));
		assertEquals("-0.2", LossCurves.tick(-0.2));
		assertEquals("1e-3", LossCurves.tick(0.001));
		assertEquals("2.5e-4", LossCurves.tick(0.00025));
		assertEquals("6.369e-3", LossCurves.tick(0.006369426751592));
		assertEquals("1e6", LossCurves.tick(1e6));
	}

	@Test
	void writesOneChartPerMetric() throws Exception {
		List<MetricsLine> records = new ArrayList<>();
		for (int epoch = 1; epoch <= 2; epoch++) {
			for (int b = 1; b <= 157; b++) {
				records.add(new MetricsLine(false, epoch, b, Map.of("loss", 1.0 / (epoch * b), "accuracy", 0.5), 100, 1));
			}
			records.add(new MetricsLine(true, epoch, 157, Map.of("loss", 0.5 / epoch, "accuracy", 0.5, "val_loss", 0.6 / epoch), 100, 1));
		}
		Path png = dir.resolve("curves.png");
		LossCurves.write(records, png, "T");
		BufferedImage img = ImageIO.read(png.toFile());
		assertEquals(900, img.getWidth());
		assertTrue(img.getHeight() >= 2 * 380, "two charts, loss and accuracy: " + img.getHeight());
	}
}
