package org.nnet.diagram;

import java.util.List;

import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.PlacedGraph;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramLayout.Route;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramModel.Role;

/**
 * Draws a laid-out diagram on a {@link Canvas}: the one drawing routine behind SVG and PNG export, so both
 * look the same. Layers are white boxes, inputs green, data sources of composites amber, groups blue
 * (with a {@code +}/{@code −} for collapsed/expanded), outputs with a thick border, and nodes with errors
 * red with a badge (the message is the node's tooltip in SVG).
 */
final class DiagramPainter {

	/** What the painter draws on. Colours are {@code #rrggbb}. */
	interface Canvas {
		void begin(double width, double height);

		void box(Box box, String fill, String stroke, double strokeWidth, boolean dashed, String tooltip);

		void text(double x, double y, String text, double size, boolean bold, String color, boolean centered);

		void line(List<Point> points, String color);

		void arrowHead(Point tip, Point from, String color);

		void end();
	}

	static final String INK = "#24292f";
	static final String MUTED = "#57606a";
	static final String ERROR = "#cf222e";

	void paint(DiagramLayout.Result result, Canvas canvas) {
		canvas.begin(result.width(), result.height());
		if (result.model().banner() != null) {
			Box b = new Box(10, 8, result.width() - 20, DiagramLayout.TITLE_HEIGHT - 6);
			canvas.box(b, "#fff8c5", "#d4a72c", 1, false, null);
			canvas.text(b.x() + 8, b.y() + 15, result.model().banner(), DiagramLayout.FONT_SIZE, false, INK, false);
		}
		for (PlacedGraph g : result.graphs()) {
			paint(g, canvas);
		}
		canvas.end();
	}

	private void paint(PlacedGraph g, Canvas canvas) {
		canvas.text(g.title().x(), g.title().y() + 18, g.graph().title(), 14, true, INK, false);
		double y = g.bounds().y() + g.bounds().height() - g.graph().problems().size() * DiagramLayout.LINE_HEIGHT;
		for (String problem : g.graph().problems()) {
			canvas.text(g.bounds().x(), y + 12, "error: " + problem, DiagramLayout.FONT_SIZE, false, ERROR, false);
			y += DiagramLayout.LINE_HEIGHT;
		}
		for (Node node : g.graph().visibleNodes()) {
			Box box = g.nodes().get(node.id());
			if (box != null) {
				paint(node, box, canvas);
			}
		}
		for (Route r : g.routes()) {
			List<Point> points = r.route();
			if (points.size() >= 2) {
				canvas.line(points, MUTED);
				canvas.arrowHead(points.get(points.size() - 1), points.get(points.size() - 2), MUTED);
			}
			if (r.label() != null) {
				canvas.text(r.label().x() + 2, r.label().y() + 11, r.edge().label(), DiagramLayout.FONT_SIZE * 0.9,
						false, MUTED, false);
			}
		}
	}

	private void paint(Node node, Box box, Canvas canvas) {
		boolean error = !node.errors().isEmpty();
		String fill = switch (node.role()) {
		case INPUT -> "#dafbe1";
		case SOURCE -> "#fff1c2";
		case GROUP -> node.expanded() ? "#f6f8fa" : "#ddf4ff";
		case LAYER -> "#ffffff";
		};
		if (error) {
			fill = "#ffebe9";
		}
		String stroke = error ? ERROR : node.role() == Role.GROUP ? "#0969da" : "#8c959f";
		double width = node.output() ? 3 : 1.2;
		String tooltip = error ? String.join("\n", node.errors()) : null;
		canvas.box(box, fill, stroke, width, node.role() == Role.SOURCE, tooltip);
		double x = box.x() + DiagramLayout.PADDING;
		double y = box.y() + DiagramLayout.PADDING + 11;
		List<String> lines = node.lines();
		if (node.expanded()) {
			lines = lines.subList(0, Math.min(2, lines.size()));
		}
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (i == 0 && node.isGroup()) {
				line = (node.expanded() ? "− " : "+ ") + line;
			}
			boolean first = i == 0;
			String color = first ? (node.generatedName() ? MUTED : INK) : i == 1 ? INK : MUTED;
			canvas.text(x, y, line, DiagramLayout.FONT_SIZE, first && !node.generatedName(), color, false);
			y += DiagramLayout.LINE_HEIGHT;
		}
		if (node.role() == Role.INPUT || node.output()) {
			String mark = node.output() ? "output" : "input";
			canvas.text(box.x() + box.width() - 4 - mark.length() * DiagramLayout.CHAR_WIDTH * 0.75, box.y() - 3, mark,
					DiagramLayout.FONT_SIZE * 0.75, false, MUTED, false);
		}
		if (error) {
			double r = 7;
			Box badge = new Box(box.x() + box.width() - r * 2 - 3, box.y() + 3, r * 2, r * 2);
			canvas.box(badge, ERROR, ERROR, 1, false, tooltip);
			canvas.text(badge.x() + r, badge.y() + r + 4, "!", 11, true, "#ffffff", true);
		}
	}
}
