package org.nnet.diagram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.nnet.diagram.DiagramModel.Edge;
import org.nnet.diagram.DiagramModel.Graph;
import org.nnet.diagram.DiagramModel.Node;

/**
 * Lays a {@link DiagramModel} out with ELK Layered, data flowing left to right; graphs are stacked top to
 * bottom, each under its title. Box sizes come from the text they show, measured for a monospaced font,
 * so that the layout is the same with or without a display.
 */
public final class DiagramLayout {

	/** Font size of node and edge text, in pixels. */
	public static final double FONT_SIZE = 12;
	/** Advance of one character of the monospaced font at {@link #FONT_SIZE}. */
	public static final double CHAR_WIDTH = FONT_SIZE * 0.6;
	/** Height of one text line. */
	public static final double LINE_HEIGHT = 16;
	/** Padding inside a box. */
	public static final double PADDING = 8;
	/** Height of a graph's title. */
	public static final double TITLE_HEIGHT = 28;
	/** Height of a group's header when expanded. */
	public static final double GROUP_HEADER = 2 * LINE_HEIGHT + PADDING;
	private static final double MARGIN = 20;

	private static boolean registered;

	/**
	 * A rectangle in diagram coordinates (absolute, pixels).
	 *
	 * @param x left
	 * @param y top
	 * @param width width
	 * @param height height
	 */
	public record Box(double x, double y, double width, double height) {

		/** Whether this box and another overlap (touching edges do not count). */
		public boolean overlaps(Box o) {
			return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
		}

		/** Whether another box lies inside this one. */
		public boolean contains(Box o) {
			return o.x >= x && o.y >= y && o.x + o.width <= x + width && o.y + o.height <= y + height;
		}
	}

	/**
	 * A point.
	 *
	 * @param x x
	 * @param y y
	 */
	public record Point(double x, double y) {
	}

	/**
	 * Where an edge runs.
	 *
	 * @param edge  the edge
	 * @param route its points from source to target (at least two)
	 * @param label where its label box is, or {@code null}
	 */
	public record Route(Edge edge, List<Point> route, Box label) {
	}

	/**
	 * One graph placed in the diagram.
	 *
	 * @param graph  the graph
	 * @param title  where its title goes
	 * @param bounds the area of the whole graph, title included
	 * @param nodes  the box of every visible node, by id
	 * @param routes every visible edge's route
	 */
	public record PlacedGraph(Graph graph, Box title, Box bounds, Map<String, Box> nodes, List<Route> routes) {
	}

	/**
	 * A laid-out diagram.
	 *
	 * @param model  the model
	 * @param graphs its graphs, placed
	 * @param width  the width of the whole drawing
	 * @param height its height
	 */
	public record Result(DiagramModel model, List<PlacedGraph> graphs, double width, double height) {
	}

	/**
	 * Makes ELK Layered known to ELK. Inside OSGi, ELK's ServiceLoader lookup of layout providers cannot see
	 * other bundles, so this is done by hand (once per process).
	 */
	public static synchronized void registerLayered() {
		if (!registered) {
			LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
			registered = true;
		}
	}

	/** Lays out every graph of a diagram. */
	public Result layout(DiagramModel model) {
		return layout(model, DiagramPins.NONE);
	}

	/**
	 * Lays out every graph of a diagram with ELK, then puts the pinned nodes where the user put them (see
	 * {@link DiagramPins}): a moved group takes its children along, a group grows to hold its children, the
	 * edges of moved nodes are routed anew (right side to left side, bent half way) and each graph's area grows
	 * to hold everything. Pins of nodes that are not drawn are ignored; without pins the layout is ELK's.
	 */
	public Result layout(DiagramModel model, DiagramPins pins) {
		registerLayered();
		List<PlacedGraph> placed = new ArrayList<>();
		double y = MARGIN + (model.banner() == null ? 0 : TITLE_HEIGHT);
		double width = 0;
		for (Graph graph : model.graphs()) {
			PlacedGraph g = layout(graph, MARGIN, y);
			if (!pins.isEmpty()) {
				g = pin(g, pins);
			}
			placed.add(g);
			y += g.bounds().height() + MARGIN * 2;
			width = Math.max(width, g.bounds().x() + g.bounds().width());
		}
		if (model.banner() != null) {
			width = Math.max(width, MARGIN * 2 + model.banner().length() * CHAR_WIDTH);
		}
		return new Result(model, placed, Math.max(width + MARGIN, 200), Math.max(y, 60));
	}

	private PlacedGraph layout(Graph graph, double originX, double originY) {
		ElkNode root = ElkGraphUtil.createGraph();
		root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
		root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
		root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
		root.setProperty(CoreOptions.PADDING, new ElkPadding(0));
		configure(root);
		Map<String, ElkNode> elkNodes = new HashMap<>();
		addNodes(root, graph.nodes(), elkNodes);
		Map<ElkEdge, Edge> elkEdges = new LinkedHashMap<>();
		for (Edge edge : graph.visibleEdges()) {
			ElkNode s = elkNodes.get(edge.source());
			ElkNode t = elkNodes.get(edge.target());
			ElkEdge e = ElkGraphUtil.createSimpleEdge(s, t);
			ElkGraphUtil.updateContainment(e);
			ElkLabel label = ElkGraphUtil.createLabel(edge.label(), e);
			label.setDimensions(edge.label().length() * CHAR_WIDTH * 0.9 + 4, LINE_HEIGHT);
			label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
			elkEdges.put(e, edge);
		}
		new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

		double top = originY + TITLE_HEIGHT;
		Map<String, Box> boxes = new LinkedHashMap<>();
		for (Map.Entry<String, ElkNode> entry : elkNodes.entrySet()) {
			ElkNode n = entry.getValue();
			double[] abs = absolute(n);
			boxes.put(entry.getKey(), new Box(originX + abs[0], top + abs[1], n.getWidth(), n.getHeight()));
		}
		List<Route> routes = new ArrayList<>();
		for (Map.Entry<ElkEdge, Edge> entry : elkEdges.entrySet()) {
			ElkEdge e = entry.getKey();
			double[] offset = absoluteInside(e.getContainingNode());
			double ox = originX + offset[0];
			double oy = top + offset[1];
			List<Point> points = new ArrayList<>();
			if (!e.getSections().isEmpty()) {
				ElkEdgeSection s = e.getSections().get(0);
				points.add(new Point(ox + s.getStartX(), oy + s.getStartY()));
				for (ElkBendPoint b : s.getBendPoints()) {
					points.add(new Point(ox + b.getX(), oy + b.getY()));
				}
				points.add(new Point(ox + s.getEndX(), oy + s.getEndY()));
			}
			Box label = null;
			if (!e.getLabels().isEmpty()) {
				ElkLabel l = e.getLabels().get(0);
				label = new Box(ox + l.getX(), oy + l.getY(), l.getWidth(), l.getHeight());
			}
			routes.add(new Route(entry.getValue(), points, label));
		}
		double titleWidth = graph.title().length() * CHAR_WIDTH * 1.2;
		double width = Math.max(root.getWidth(), titleWidth);
		double height = TITLE_HEIGHT + root.getHeight() + errorLines(graph) * LINE_HEIGHT;
		return new PlacedGraph(graph, new Box(originX, originY, titleWidth, TITLE_HEIGHT),
				new Box(originX, originY, width, height), boxes, routes);
	}

	/** A graph with its pinned nodes moved (see {@link #layout(DiagramModel, DiagramPins)}). */
	private static PlacedGraph pin(PlacedGraph g, DiagramPins pins) {
		Map<String, Box> boxes = new LinkedHashMap<>(g.nodes());
		Box bounds = g.bounds();
		boolean moved = false;
		for (Node n : g.graph().nodes()) {
			moved |= place(n, bounds.x(), bounds.y(), TITLE_HEIGHT, boxes, pins);
		}
		if (!moved) {
			return g;
		}
		for (Node n : g.graph().nodes()) {
			grow(n, boxes);
		}
		List<Route> routes = new ArrayList<>();
		for (Route r : g.routes()) {
			routes.add(route(r, g.nodes(), boxes, bounds.x()));
		}
		double problems = errorLines(g.graph()) * LINE_HEIGHT;
		double right = bounds.x() + bounds.width();
		double bottom = bounds.y() + bounds.height() - problems;
		for (Box b : boxes.values()) {
			right = Math.max(right, b.x() + b.width());
			bottom = Math.max(bottom, b.y() + b.height());
		}
		for (Route r : routes) {
			for (Point p : r.route()) {
				right = Math.max(right, p.x());
				bottom = Math.max(bottom, p.y());
			}
			if (r.label() != null) {
				right = Math.max(right, r.label().x() + r.label().width());
				bottom = Math.max(bottom, r.label().y() + r.label().height());
			}
		}
		return new PlacedGraph(g.graph(), g.title(),
				new Box(bounds.x(), bounds.y(), right - bounds.x(), bottom - bounds.y() + problems), boxes, routes);
	}

	/**
	 * Puts a node where it is pinned relative to its parent's top left (px, py), never left of it or above
	 * {@code top}, taking its children along; then its children. Whether anything moved.
	 */
	private static boolean place(Node n, double px, double py, double top, Map<String, Box> boxes, DiagramPins pins) {
		Box box = boxes.get(n.id());
		if (box == null) {
			return false;
		}
		boolean moved = false;
		Point p = pins.get(n.id());
		if (p != null) {
			double dx = px + Math.max(0, p.x()) - box.x();
			double dy = py + Math.max(top, p.y()) - box.y();
			if (dx != 0 || dy != 0) {
				shift(n, dx, dy, boxes);
				moved = true;
			}
		}
		if (n.expanded()) {
			Box at = boxes.get(n.id());
			for (Node child : n.children()) {
				moved |= place(child, at.x(), at.y(), GROUP_HEADER, boxes, pins);
			}
		}
		return moved;
	}

	private static void shift(Node n, double dx, double dy, Map<String, Box> boxes) {
		Box b = boxes.get(n.id());
		if (b == null) {
			return;
		}
		boxes.put(n.id(), new Box(b.x() + dx, b.y() + dy, b.width(), b.height()));
		if (n.expanded()) {
			for (Node child : n.children()) {
				shift(child, dx, dy, boxes);
			}
		}
	}

	/** An expanded group grows (right and down) to hold its children, innermost first. */
	private static void grow(Node n, Map<String, Box> boxes) {
		Box b = boxes.get(n.id());
		if (b == null || !n.expanded()) {
			return;
		}
		double right = b.x() + b.width();
		double bottom = b.y() + b.height();
		for (Node child : n.children()) {
			grow(child, boxes);
			Box c = boxes.get(child.id());
			if (c != null) {
				right = Math.max(right, c.x() + c.width() + PADDING);
				bottom = Math.max(bottom, c.y() + c.height() + PADDING);
			}
		}
		boxes.put(n.id(), new Box(b.x(), b.y(), right - b.x(), bottom - b.y()));
	}

	/**
	 * An edge's route after pinning: as ELK made it when neither end changed, moved along when both ends moved
	 * alike (inside a moved group), else anew from the source's right middle to the target's left middle, bent
	 * half way, with its label on the route.
	 */
	private static Route route(Route r, Map<String, Box> before, Map<String, Box> after, double left) {
		Box s0 = before.get(r.edge().source());
		Box t0 = before.get(r.edge().target());
		Box s = after.get(r.edge().source());
		Box t = after.get(r.edge().target());
		if (s.equals(s0) && t.equals(t0)) {
			return r;
		}
		double dx = s.x() - s0.x();
		double dy = s.y() - s0.y();
		if (sameSize(s, s0) && sameSize(t, t0) && t.x() - t0.x() == dx && t.y() - t0.y() == dy) {
			List<Point> points = r.route().stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList();
			Box l = r.label();
			return new Route(r.edge(), points, l == null ? null : new Box(l.x() + dx, l.y() + dy, l.width(), l.height()));
		}
		double sx = s.x() + s.width();
		double sy = s.y() + s.height() / 2;
		double tx = t.x();
		double ty = t.y() + t.height() / 2;
		double mx = (sx + tx) / 2;
		List<Point> points = Math.abs(sy - ty) < 0.5 ? List.of(new Point(sx, sy), new Point(tx, ty))
				: List.of(new Point(sx, sy), new Point(mx, sy), new Point(mx, ty), new Point(tx, ty));
		Box label = null;
		if (r.label() != null) {
			double w = r.label().width();
			double h = r.label().height();
			label = points.size() == 2 ? new Box(Math.max(left, mx - w / 2), sy - h - 2, w, h)
					: new Box(mx + 4, (sy + ty) / 2 - h / 2, w, h);
		}
		return new Route(r.edge(), points, label);
	}

	private static boolean sameSize(Box a, Box b) {
		return a.width() == b.width() && a.height() == b.height();
	}

	private static int errorLines(Graph graph) {
		return graph.problems().size();
	}

	private static void configure(ElkNode parent) {
		parent.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
		parent.setProperty(LayeredOptions.SPACING_NODE_NODE, 20.0);
		parent.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 2.0);
		parent.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
	}

	private void addNodes(ElkNode parent, List<Node> nodes, Map<String, ElkNode> elkNodes) {
		for (Node node : nodes) {
			ElkNode n = ElkGraphUtil.createNode(parent);
			n.setIdentifier(node.id());
			double[] size = size(node);
			n.setDimensions(size[0], size[1]);
			elkNodes.put(node.id(), n);
			if (node.expanded() && !node.children().isEmpty()) {
				n.setProperty(CoreOptions.PADDING, new ElkPadding(GROUP_HEADER + PADDING, PADDING, PADDING, PADDING));
				configure(n);
				addNodes(n, node.children(), elkNodes);
			}
		}
	}

	/** The size of a node's box for its text (a collapsed group or a layer); expanded groups are sized by ELK. */
	static double[] size(Node node) {
		List<String> lines = node.lines();
		int chars = 0;
		for (String l : lines) {
			chars = Math.max(chars, l.length());
		}
		double badge = node.isGroup() ? 3 : 0;
		double width = (chars + badge) * CHAR_WIDTH + 2 * PADDING + (node.errors().isEmpty() ? 0 : 14);
		double height = lines.size() * LINE_HEIGHT + 2 * PADDING - 4;
		return new double[] { Math.ceil(Math.max(width, 60)), Math.ceil(height) };
	}

	private static double[] absolute(ElkNode node) {
		double x = node.getX();
		double y = node.getY();
		for (ElkNode p = node.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
			x += p.getX();
			y += p.getY();
		}
		return new double[] { x, y };
	}

	/** The absolute position of a node's inside (where its children's coordinates start); the root is 0, 0. */
	private static double[] absoluteInside(ElkNode node) {
		if (node == null || node.getParent() == null) {
			return new double[] { 0, 0 };
		}
		return absolute(node);
	}
}
