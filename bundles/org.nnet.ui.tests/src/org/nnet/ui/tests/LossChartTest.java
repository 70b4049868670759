package org.nnet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
	void theEpochAxisHasWholeNumberTicksEvenInTheFirstEpoch() {
		assertEquals(List.of(0.0, 1.0), LossChart.wholeTicks(0, 1, 5));
		assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0), LossChart.wholeTicks(0, 12, 6));
		assertEquals(List.of(1.0, 2.0, 3.0), LossChart.wholeTicks(1, 3, 6));
		double[] firstBatches = LossChart.range(List.of(new LossChart.Series("batch", new RGB(0, 0, 0), 1, new double[] { 0.02, 0.04, 0.1 },
				new double[] { 2, 1.5, 1.2 })));
		assertEquals(0, firstBatches[0]);
		assertEquals(1, firstBatches[1], "the first epoch spans 0 to 1 while its batches come in");
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
			int red_ = count(data, new Rectangle(0, 0, data.width, data.height), LossChartTest::red);
			image.dispose();
			assertTrue(red_ > 100, "red pixels: " + red_);
		} finally {
			shell.dispose();
		}
	}

	@Test
	void theLegendStandsBesideThePlotSoItNeverHidesALine() {
		Display display = Display.getCurrent();
		Shell shell = new Shell(display);
		try {
			LossChart chart = new LossChart(shell, SWT.NONE);
			RGB red = new RGB(255, 0, 0);
			// a line along the top right corner, where a legend drawn inside the plot used to sit
			chart.setSeries("loss", List.of(new LossChart.Series("training loss", red, 3, new double[] { 0, 1, 2 }, new double[] { 0, 1.9, 1.9 }),
					new LossChart.Series("validation loss", new RGB(0, 0, 255), 1, new double[] { 0, 1, 2 }, new double[] { 0, 0.1, 0.2 })));
			Rectangle area = new Rectangle(0, 0, 400, 240);
			Image image = new Image(display, area.width, area.height);
			GC gc = new GC(image);
			LossChart.Layout layout = chart.layout(gc, area);
			chart.paint(gc, area);
			gc.dispose();
			assertFalse(layout.legend().intersects(layout.plot()), layout.toString());
			assertTrue(area.contains(layout.legend().x + layout.legend().width - 1, layout.legend().y), layout.toString());
			assertTrue(layout.legend().height > 0 && layout.legend().width > 0, layout.toString());
			ImageData data = image.getImageData();
			int dark = count(data, layout.legend(), p -> p.red < 100 && p.green < 100 && p.blue < 100);
			Rectangle plot = layout.plot();
			int topRightRed = count(data, new Rectangle(plot.x + plot.width * 3 / 4, plot.y, plot.width / 4, plot.height / 4),
					LossChartTest::red);
			image.dispose();
			assertTrue(dark > 20, "the legend's names are drawn beside the plot: " + dark);
			assertTrue(topRightRed > 30, "the line in the top right corner is visible: " + topRightRed);
		} finally {
			shell.dispose();
		}
	}

	private static boolean red(RGB p) {
		return p.red > 200 && p.green < 80 && p.blue < 80;
	}

	/** The pixels of a region of the image that match. */
	private static int count(ImageData data, Rectangle region, java.util.function.Predicate<RGB> match) {
		int n = 0;
		for (int x = region.x; x < region.x + region.width; x++) {
			for (int y = region.y; y < region.y + region.height; y++) {
				if (match.test(data.palette.getRGB(data.getPixel(x, y)))) {
					n++;
				}
			}
		}
		return n;
	}
}
