package org.nnet.diagram;

import org.nnet.diagram.DiagramLayout.Point;

/** Geometry shared by the canvases. */
final class DiagramPainter2D {

	private DiagramPainter2D() {
	}

	/** The three corners of an arrow head pointing at {@code tip}, coming from {@code from}. */
	static Point[] arrow(Point tip, Point from) {
		double dx = tip.x() - from.x();
		double dy = tip.y() - from.y();
		double len = Math.max(Math.hypot(dx, dy), 1e-6);
		double ux = dx / len;
		double uy = dy / len;
		double l = 8;
		double w = 3.5;
		Point base = new Point(tip.x() - ux * l, tip.y() - uy * l);
		return new Point[] { tip, new Point(base.x() - uy * w, base.y() + ux * w), new Point(base.x() + uy * w, base.y() - ux * w) };
	}
}
