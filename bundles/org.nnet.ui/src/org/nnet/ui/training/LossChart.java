package org.nnet.ui.training;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A line chart of one metric over training time (x: epochs, fractional for batches), drawn with SWT's
 * GC. The library of choice would be Eclipse SWTChart (maintained, SWT-native); it is not on Maven
 * Central, which is all this build can reach, so this class draws the few things the Training view
 * needs: lines, nice axis ticks, a legend.
 */
public final class LossChart extends Canvas {

	/** One line: a name for the legend, a colour, a width, and points in x order. */
	public record Series(String name, RGB color, int width, double[] x, double[] y) {
		/** The number of points. */
		public int size() {
			return x.length;
		}
	}

	private static final int LEFT = 56, RIGHT = 12, TOP = 22, BOTTOM = 28, SWATCH = 18, GAP = 8;

	/** Where the chart draws: the plot area and, right of it and never over it, the legend. */
	public record Layout(Rectangle plot, Rectangle legend) {
	}
	private String title = "";
	private List<Series> series = List.of();

	/** A chart with no lines yet. */
	public LossChart(Composite parent, int style) {
		super(parent, style | SWT.DOUBLE_BUFFERED);
		setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
		addPaintListener(e -> paint(e.gc, getClientArea()));
	}

	/** Replaces the lines and redraws. */
	public void setSeries(String chartTitle, List<Series> lines) {
		this.title = chartTitle;
		this.series = List.copyOf(lines);
		redraw();
	}

	public String title() {
		return title;
	}

	public List<Series> series() {
		return series;
	}

	/** The number of points over all lines. */
	public int pointCount() {
		return series.stream().mapToInt(Series::size).sum();
	}

	@Override
	public Point computeSize(int wHint, int hHint, boolean changed) {
		return new Point(wHint == SWT.DEFAULT ? 360 : wHint, hHint == SWT.DEFAULT ? 220 : hHint);
	}

	/** The data range of every finite point: {xmin, xmax, ymin, ymax}, widened when empty or flat. */
	public static double[] range(List<Series> lines) {
		double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
		for (Series s : lines) {
			for (int i = 0; i < s.size(); i++) {
				if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
					x0 = Math.min(x0, s.x[i]);
					x1 = Math.max(x1, s.x[i]);
					y0 = Math.min(y0, s.y[i]);
					y1 = Math.max(y1, s.y[i]);
				}
			}
		}
		if (x0 > x1) {
			return new double[] { 0, 1, 0, 1 };
		}
		if (x1 - x0 < 1) {
			// the x axis counts epochs: at least one whole epoch, so that it has whole-number ticks
			x0 = Math.floor(x0);
			x1 = Math.max(x1, x0 + 1);
		}
		if (y1 - y0 < 1e-12) {
			y0 -= 0.5;
			y1 += 0.5;
		}
		return new double[] { x0, x1, y0, y1 };
	}

	/** About {@code count} tick values on 1, 2 or 5 times a power of ten, covering [lo, hi]. */
	public static List<Double> ticks(double lo, double hi, int count) {
		double raw = (hi - lo) / Math.max(1, count);
		double mag = Math.pow(10, Math.floor(Math.log10(raw)));
		double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
		List<Double> out = new ArrayList<>();
		long first = (long) Math.ceil(lo / step - 1e-9);
		for (long k = first; k * step <= hi + step * 1e-9; k++) {
			// k * step has binary noise (0.6000000000000001): keep 12 significant digits
			out.add(k == 0 ? 0 : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", k * step)));
		}
		return out;
	}

	/** Ticks of the x axis, which counts epochs: whole numbers only (batch points lie between them), at least 1 apart. */
	public static List<Double> wholeTicks(double lo, double hi, int count) {
		List<Double> nice = ticks(lo, hi, count);
		if (nice.size() >= 2 && nice.get(1) - nice.get(0) >= 1) {
			return nice;
		}
		List<Double> out = new ArrayList<>();
		for (long k = (long) Math.ceil(lo - 1e-9); k <= hi + 1e-9; k++) {
			out.add((double) k);
		}
		return out;
	}

	private static String label(double v) {
		double a = Math.abs(v);
		return a == 0 ? "0" : a >= 1000 || a < 0.01 ? String.format("%.1e", v) : a >= 10 ? String.format("%.0f", v)
				: String.format("%.3g", v);
	}

	/** Draws the chart into a GC (the canvas' paint, and tests drawing into an image). */
	public void paint(GC gc, Rectangle area) {
		gc.setAntialias(SWT.ON);
		gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
		gc.fillRectangle(area);
		Color grey = getDisplay().getSystemColor(SWT.COLOR_GRAY);
		Color black = getDisplay().getSystemColor(SWT.COLOR_BLACK);
		gc.setForeground(black);
		gc.drawText(title, area.x + LEFT, area.y + 3, true);
		Layout layout = layout(gc, area);
		Rectangle plot = layout.plot();
		double[] r = range(series);
		gc.setLineWidth(1);
		for (double t : ticks(r[2], r[3], 5)) {
			int y = py(t, r, plot);
			gc.setForeground(grey);
			gc.drawLine(plot.x, y, plot.x + plot.width, y);
			gc.setForeground(black);
			String s = label(t);
			gc.drawText(s, plot.x - gc.textExtent(s).x - 4, y - gc.getFontMetrics().getHeight() / 2, true);
		}
		for (double t : wholeTicks(r[0], r[1], Math.max(2, Math.min(6, plot.width / 60)))) {
			int x = px(t, r, plot);
			gc.setForeground(grey);
			gc.drawLine(x, plot.y + plot.height, x, plot.y + plot.height + 3);
			gc.setForeground(black);
			String s = Long.toString(Math.round(t));
			gc.drawText(s, x - gc.textExtent(s).x / 2, plot.y + plot.height + 5, true);
		}
		gc.setForeground(black);
		gc.drawRectangle(plot);
		if (series.stream().allMatch(s -> s.size() == 0)) {
			gc.drawText("no points yet", plot.x + 8, plot.y + 8, true);
			return;
		}
		gc.setClipping(plot);
		for (Series s : series) {
			Color c = new Color(s.color);
			gc.setForeground(c);
			gc.setBackground(c);
			gc.setLineWidth(s.width);
			int[] line = new int[s.size() * 2];
			int n = 0;
			for (int i = 0; i < s.size(); i++) {
				if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
					line[n++] = px(s.x[i], r, plot);
					line[n++] = py(s.y[i], r, plot);
				}
			}
			if (n == 2 || s.width > 1) {
				for (int i = 0; i < n; i += 2) {
					gc.fillOval(line[i] - s.width - 1, line[i + 1] - s.width - 1, 2 * s.width + 2, 2 * s.width + 2);
				}
			}
			if (n >= 4) {
				int[] pts = new int[n];
				System.arraycopy(line, 0, pts, 0, n);
				gc.drawPolyline(pts);
			}
		}
		gc.setClipping((Rectangle) null);
		gc.setLineWidth(1);
		int ly = layout.legend().y;
		for (Series s : series) {
			Point e = gc.textExtent(s.name);
			int lx = layout.legend().x;
			gc.setBackground(new Color(s.color));
			gc.fillRectangle(lx, ly + e.y / 2 - 1, SWATCH, Math.max(2, s.width));
			gc.setForeground(black);
			gc.drawText(s.name, lx + SWATCH + 4, ly, true);
			ly += e.y + 1;
		}
	}

	/**
	 * The plot area and the legend for the current lines: the legend is a column right of the plot
	 * (the plot is narrowed to make room), so it never hides a line. Without lines there is no legend.
	 */
	public Layout layout(GC gc, Rectangle area) {
		int legendWidth = 0, legendHeight = 0;
		for (Series s : series) {
			Point e = gc.textExtent(s.name);
			legendWidth = Math.max(legendWidth, SWATCH + 4 + e.x);
			legendHeight += e.y + 1;
		}
		// a very narrow chart keeps at least half its width for the plot
		legendWidth = Math.min(legendWidth, area.width / 2);
		int right = RIGHT + (legendWidth == 0 ? 0 : legendWidth + GAP);
		Rectangle plot = new Rectangle(area.x + LEFT, area.y + TOP, Math.max(10, area.width - LEFT - right),
				Math.max(10, area.height - TOP - BOTTOM));
		Rectangle legend = new Rectangle(plot.x + plot.width + GAP, plot.y, legendWidth, legendHeight);
		return new Layout(plot, legend);
	}

	private static int px(double x, double[] r, Rectangle p) {
		return p.x + (int) Math.round((x - r[0]) / (r[1] - r[0]) * p.width);
	}

	private static int py(double y, double[] r, Rectangle p) {
		return p.y + p.height - (int) Math.round((y - r[2]) / (r[3] - r[2]) * p.height);
	}
}
