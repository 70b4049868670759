package org.nnet.diagram;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.Point;

/**
 * Writes a laid-out diagram as a PNG drawn with Java2D into an image, so it works without a display; the
 * caller that may run headless sets {@code java.awt.headless=true} (the command line does).
 */
public final class PngExport {

	private final double scale;

	/** An exporter at twice the diagram's pixel size, for sharp text. */
	public PngExport() {
		this(2);
	}

	/** An exporter at the given scale. */
	public PngExport(double scale) {
		this.scale = scale;
	}

	/** Draws a laid-out diagram into an image. */
	public BufferedImage toImage(DiagramLayout.Result result) {
		int w = (int) Math.ceil(result.width() * scale);
		int h = (int) Math.ceil(result.height() * scale);
		BufferedImage image = new BufferedImage(Math.max(w, 1), Math.max(h, 1), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.scale(scale, scale);
			new DiagramPainter().paint(result, new Java2dCanvas(g));
		} finally {
			g.dispose();
		}
		return image;
	}

	/** Writes the PNG of a laid-out diagram to a file. */
	public void write(DiagramLayout.Result result, Path file) throws IOException {
		if (!ImageIO.write(toImage(result), "png", file.toFile())) {
			throw new IOException("no PNG writer available in this Java runtime");
		}
	}

	private static final class Java2dCanvas implements DiagramPainter.Canvas {
		private final Graphics2D g;

		Java2dCanvas(Graphics2D g) {
			this.g = g;
		}

		@Override
		public void begin(double width, double height) {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, (int) Math.ceil(width), (int) Math.ceil(height));
		}

		@Override
		public void box(Box b, String fill, String stroke, double strokeWidth, boolean dashed, String tooltip) {
			RoundRectangle2D r = new RoundRectangle2D.Double(b.x(), b.y(), b.width(), b.height(), 8, 8);
			g.setColor(Color.decode(fill));
			g.fill(r);
			g.setColor(Color.decode(stroke));
			g.setStroke(dashed ? new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
					new float[] { 4, 3 }, 0) : new BasicStroke((float) strokeWidth));
			g.draw(r);
		}

		@Override
		public void text(double x, double y, String text, double size, boolean bold, String color, boolean centered) {
			g.setFont(new Font(Font.MONOSPACED, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size)));
			g.setColor(Color.decode(color));
			float fx = (float) x;
			if (centered) {
				fx -= g.getFontMetrics().stringWidth(text) / 2f;
			}
			g.drawString(text, fx, (float) y);
		}

		@Override
		public void line(List<Point> points, String color) {
			Path2D.Double path = new Path2D.Double();
			path.moveTo(points.get(0).x(), points.get(0).y());
			for (int i = 1; i < points.size(); i++) {
				path.lineTo(points.get(i).x(), points.get(i).y());
			}
			g.setColor(Color.decode(color));
			g.setStroke(new BasicStroke(1.2f));
			g.draw(path);
		}

		@Override
		public void arrowHead(Point tip, Point from, String color) {
			Point[] p = DiagramPainter2D.arrow(tip, from);
			Path2D.Double path = new Path2D.Double();
			path.moveTo(p[0].x(), p[0].y());
			path.lineTo(p[1].x(), p[1].y());
			path.lineTo(p[2].x(), p[2].y());
			path.closePath();
			g.setColor(Color.decode(color));
			g.fill(path);
		}

		@Override
		public void end() {
		}
	}
}
