package org.nnet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.nnet.ui.training.LossChart;

/** The chart's axes and drawing. */
class LossChartTest {

	@Test
	void ticksAreRoundNumbersCoveringTheRange() {
		assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), LossChart.ticks(0, 1, 5));
		assertEquals(List.of(2.0, 4.0, 6.0, 8.0), LossChart.ticks(1.3, 9.1, 4));
	}

	@Test
	void aFlatOrEmptySeriesStillHasARange() {
		assertArrayEquals(new double[] { 0, 1, 0, 1 }, LossChart.range(List.of()));
		double[] r = LossChart.range(List.of(new LossChart.Series("loss", new RGB(0, 0, 0), 1, new double[] { 1, 2 }, new double[] { 3, 3 })));
		assertArrayEquals(new double[] { 1, 2, 2.5, 3.5 }, r);
	}

	@Test
	void drawsTheLineInItsColour() {
		Display display = Display.getCurrent();
		Shell shell = new Shell(display);
		try {
			LossChart chart = new LossChart(shell, SWT.NONE);
			RGB red = new RGB(255, 0, 0);
			chart.setSeries("loss", List.of(new LossChart.Series("train", red, 3, new double[] { 0, 1, 2 }, new double[] { 2, 1, 0.5 })));
			Image image = new Image(display, 400, 240);
			GC gc = new GC(image);
			chart.paint(gc, new Rectangle(0, 0, 400, 240));
			gc.dispose();
			ImageData data = image.getImageData();
			int red_ = 0;
			for (int x = 0; x < data.width; x++) {
				for (int y = 0; y < data.height; y++) {
					RGB p = data.palette.getRGB(data.getPixel(x, y));
					if (p.red > 200 && p.green < 80 && p.blue < 80) {
						red_++;
					}
				}
			}
			image.dispose();
			assertTrue(red_ > 100, "red pixels: " + red_);
		} finally {
			shell.dispose();
		}
	}
}
