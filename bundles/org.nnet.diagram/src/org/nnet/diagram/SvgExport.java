package org.nnet.diagram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.Point;

/**
 * Writes a laid-out diagram as a standalone SVG document: plain shapes and text in a monospaced font, error
 * messages as {@code <title>} tooltips, no scripts or external references.
 */
public final class SvgExport {

	/** The SVG text of a laid-out diagram. */
	public String toSvg(DiagramLayout.Result result) {
		SvgCanvas canvas = new SvgCanvas();
		new DiagramPainter().paint(result, canvas);
		return canvas.svg.toString();
	}

	/** Writes the SVG of a laid-out diagram to a file (UTF-8). */
	public void write(DiagramLayout.Result result, Path file) throws IOException {
		Files.writeString(file, toSvg(result), StandardCharsets.UTF_8);
	}

	private static final class SvgCanvas implements DiagramPainter.Canvas {
		final StringBuilder svg = new StringBuilder();

		@Override
		public void begin(double width, double height) {
			svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
			svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
					.append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
					.append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\">\n");
			svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
		}

		@Override
		public void box(Box b, String fill, String stroke, double strokeWidth, boolean dashed, String tooltip) {
			svg.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
					.append(n(b.width())).append("\" height=\"").append(n(b.height())).append("\" rx=\"4\" fill=\"")
					.append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth))
					.append('"');
			if (dashed) {
				svg.append(" stroke-dasharray=\"4 3\"");
			}
			if (tooltip != null) {
				svg.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
			} else {
				svg.append("/>\n");
			}
		}

		@Override
		public void text(double x, double y, String text, double size, boolean bold, String color, boolean centered) {
			svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
					.append("\" fill=\"").append(color).append('"');
			if (bold) {
				svg.append(" font-weight=\"bold\"");
			}
			if (centered) {
				svg.append(" text-anchor=\"middle\"");
			}
			svg.append(" xml:space=\"preserve\">").append(escape(text)).append("</text>\n");
		}

		@Override
		public void line(List<Point> points, String color) {
			svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.2\" points=\"");
			for (Point p : points) {
				svg.append(n(p.x())).append(',').append(n(p.y())).append(' ');
			}
			svg.setLength(svg.length() - 1);
			svg.append("\"/>\n");
		}

		@Override
		public void arrowHead(Point tip, Point from, String color) {
			Point[] head = DiagramPainter2D.arrow(tip, from);
			svg.append("<polygon fill=\"").append(color).append("\" points=\"");
			for (Point p : head) {
				svg.append(n(p.x())).append(',').append(n(p.y())).append(' ');
			}
			svg.setLength(svg.length() - 1);
			svg.append("\"/>\n");
		}

		@Override
		public void end() {
			svg.append("</svg>\n");
		}

		private static String n(double v) {
			return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
		}

		private static String escape(String s) {
			StringBuilder b = new StringBuilder(s.length());
			for (char c : s.toCharArray()) {
				switch (c) {
				case '<' -> b.append("&lt;");
				case '>' -> b.append("&gt;");
				case '&' -> b.append("&amp;");
				case '"' -> b.append("&quot;");
				default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
				}
			}
			return b.toString();
		}
	}
}
