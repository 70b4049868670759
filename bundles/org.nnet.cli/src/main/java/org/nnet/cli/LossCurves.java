package org.nnet.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes {@code curves.png} for a run with XChart: the loss per batch and per epoch with the validation
 * loss beside it, and below it each other metric the same way; the x axis counts epochs, so a batch of
 * epoch 2 sits between 1 and 2.
 */
final class LossCurves {

	private LossCurves() {
	}

	static void write(List<MetricsLine> records, Path png, String title) throws IOException {
		System.setProperty("java.awt.headless", "true");
		Set<String> names = new LinkedHashSet<>();
		for (MetricsLine r : records) {
			for (String k : r.metrics().keySet()) {
				names.add(k.startsWith("val_") ? k.substring(4) : k);
			}
		}
		// the x axis from 0 to the last epoch, so that its ticks fall on round fractions of an epoch
		double epochs = Math.max(1, records.stream().mapToInt(MetricsLine::epoch).max().orElse(1));
		List<XYChart> charts = new ArrayList<>();
		for (String name : names) {
			XYChart c = new XYChartBuilder().width(900).height(380).title(charts.isEmpty() ? title + ": " + name : name)
					.xAxisTitle("epoch").yAxisTitle(name).build();
			c.getStyler().setMarkerSize(6);
			c.getStyler().setXAxisMin(0.0).setXAxisMax(epochs);
			c.getStyler().setxAxisTickLabelsFormattingFunction(LossCurves::tick);
			c.getStyler().setyAxisTickLabelsFormattingFunction(LossCurves::tick);
			// per epoch first: XChart puts the ticks on the data's x values when the x values, in series order, are
			// equally spaced (as the batches' are), which gives labels like 0.1772; round ticks need the epochs first
			series(c, records, name, true, false, "training, per epoch");
			series(c, records, name, false, true, "training, per batch");
			series(c, records, "val_" + name, true, false, "validation, per epoch");
			if (!c.getSeriesMap().isEmpty()) {
				charts.add(c);
			}
		}
		if (charts.isEmpty()) {
			return;
		}
		BitmapEncoder.saveBitmap(new ArrayList<>(charts), charts.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/**
	 * A tick label: at most 4 significant digits without trailing zeros ({@code 0.5}, {@code 1}, {@code 1.5},
	 * {@code 0.25}), and powers of ten for very small or large values ({@code 1e-3}, {@code 2.5e-4}, {@code 1e6}).
	 */
	static String tick(Double value) {
		double v = value;
		if (v == 0 || !Double.isFinite(v)) {
			return v == 0 ? "0" : Double.toString(v);
		}
		BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
		double a = Math.abs(v);
		if (a >= 1e-2 && a < 1e5) {
			String plain = d.toPlainString();
			return plain.equals("-0") ? "0" : plain;
		}
		int exponent = d.precision() - d.scale() - 1;
		BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
		return mantissa.toPlainString() + "e" + exponent;
	}

	private static void series(XYChart c, List<MetricsLine> records, String metric, boolean epochs, boolean batches, String label) {
		List<Double> x = new ArrayList<>(), y = new ArrayList<>();
		int perEpoch = 0;
		for (MetricsLine r : records) {
			if (r.epochRecord()) {
				perEpoch = Math.max(perEpoch, r.batch());
			}
		}
		int maxBatch = perEpoch;
		for (MetricsLine r : records) {
			if (!r.epochRecord()) {
				maxBatch = Math.max(maxBatch, r.batch());
			}
		}
		for (MetricsLine r : records) {
			double v = r.get(metric);
			if (!Double.isFinite(v) || r.epochRecord() != epochs || r.epochRecord() && !epochs || !r.epochRecord() && !batches) {
				continue;
			}
			x.add(r.epochRecord() ? r.epoch() : r.epoch() - 1 + r.batch() / (double) Math.max(1, maxBatch));
			y.add(v);
		}
		if (x.isEmpty()) {
			return;
		}
		XYSeries s = c.addSeries(label, x, y);
		s.setMarker(epochs ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
		if (epochs && x.size() == 1) {
			s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
		}
	}
}
