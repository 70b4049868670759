package org.nnet.diagram.glsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.glsp.server.features.directediting.ApplyLabelEditOperation;
import org.eclipse.glsp.server.operations.CreateEdgeOperation;
import org.eclipse.glsp.server.operations.CreateNodeOperation;
import org.eclipse.glsp.server.operations.CreateOperationHandler;
import org.eclipse.glsp.server.operations.DeleteOperation;
import org.eclipse.glsp.server.operations.Operation;
import org.eclipse.glsp.server.operations.ReconnectEdgeOperation;
import org.nnet.core.catalog.Catalog;
import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.PlacedGraph;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramLayout.Route;
import org.nnet.diagram.DiagramModel.Edge;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.edit.DiagramEdit;
import org.nnet.diagram.edit.EditRefusedException;

/** The GLSP operations of the NNet diagram, each as diagram edits of the text. */
public final class NnetOperations {

	/** Element type prefix of the palette's layer kinds: {@code layer:dense}. */
	public static final String LAYER_TYPE = "layer:";
	/** Element type of the palette's connection tool. */
	public static final String CONNECT_TYPE = "nnet:connect";
	/** How far (in screen pixels, whatever the zoom) from an edge a drop still counts as on it. */
	static final double DROP_TOLERANCE = 24;

	private NnetOperations() {
	}

	/**
	 * Sets, adds or removes an argument of a layer (from the properties panel).
	 */
	public static class SetArgumentOperation extends Operation {
		/** The kind of this operation. */
		public static final String KIND = "nnetSetArgument";
		private String elementId;
		private String name;
		private String value;

		/** An empty operation (for JSON). */
		public SetArgumentOperation() {
			super(KIND);
		}

		/**
		 * An argument edit.
		 *
		 * @param elementId the layer's node id
		 * @param name      the argument's name; empty or {@code null} for the main argument
		 * @param value     the new value as .nnet text; empty or {@code null} removes the argument
		 */
		public SetArgumentOperation(String elementId, String name, String value) {
			this();
			this.elementId = elementId;
			this.name = name;
			this.value = value;
		}

		/** The layer's node id. */
		public String getElementId() {
			return elementId;
		}

		/** The argument's name, or null/empty for the main one. */
		public String getName() {
			return name;
		}

		/** The value, or null/empty to remove. */
		public String getValue() {
			return value;
		}
	}

	/** A layer from the palette dropped on an edge: inserted there. */
	public static class InsertLayerHandler extends TextEditHandler<CreateNodeOperation>
			implements CreateOperationHandler<CreateNodeOperation> {
		@Override
		public List<String> getHandledElementTypeIds() {
			return Catalog.layers().stream().map(e -> LAYER_TYPE + e.name()).toList();
		}

		@Override
		public boolean handles(Operation operation) {
			return super.handles(operation) && CreateOperationHandler.super.handles(operation);
		}

		@Override
		protected List<DiagramEdit> edits(CreateNodeOperation operation) throws EditRefusedException {
			String kind = operation.getElementTypeId().substring(LAYER_TYPE.length());
			String edgeId = operation.getArgs() == null ? null : operation.getArgs().get("edge");
			Edge edge = edgeId != null ? nnet.edge(edgeId) : edgeAt(drop(operation), DROP_TOLERANCE / zoom(operation));
			if (edge == null) {
				throw new EditRefusedException("Drop the " + kind + " layer on an edge (an arrow between two layers) to insert it there.");
			}
			Node from = node(edge.source(), "an edge");
			Node to = node(edge.target(), "an edge");
			String network = network(to);
			if (!network.equals(network(from))) {
				throw new EditRefusedException("Layers are inserted between two layers of the same network.");
			}
			return List.of(new DiagramEdit.InsertLayer(network, from.name(), to.name(), kind, DiagramEdit.placeholders(kind), null));
		}

		/** Where the pointer was: the middle of the ghost box the client dragged, else the location. */
		private Point drop(CreateNodeOperation operation) {
			var args = operation.getArgs();
			try {
				if (args != null && args.containsKey("ghost-x")) {
					return new Point(Double.parseDouble(String.valueOf(args.get("ghost-x")))
							+ Double.parseDouble(String.valueOf(args.getOrDefault("ghost-width", "0"))) / 2,
							Double.parseDouble(String.valueOf(args.get("ghost-y")))
									+ Double.parseDouble(String.valueOf(args.getOrDefault("ghost-height", "0"))) / 2);
				}
			} catch (NumberFormatException e) {
				// fall back to the location
			}
			return operation.getLocation().map(p -> new Point(p.getX(), p.getY())).orElse(null);
		}

		/** The zoom the client showed the diagram at (1 if it did not say). */
		private static double zoom(CreateNodeOperation operation) {
			try {
				double zoom = Double.parseDouble(String.valueOf(operation.getArgs() == null ? 1 : operation.getArgs().getOrDefault("zoom", "1")));
				return zoom > 0 && Double.isFinite(zoom) ? zoom : 1;
			} catch (NumberFormatException e) {
				return 1;
			}
		}

		/** The edge nearest to a point, if within the tolerance (diagram pixels). */
		private Edge edgeAt(Point p, double tolerance) {
			NnetModelState.Shown shown = nnet.shown();
			if (p == null || shown == null) {
				return null;
			}
			Edge best = null;
			double bestDistance = tolerance;
			for (PlacedGraph g : shown.layout().graphs()) {
				for (Route r : g.routes()) {
					double d = distance(p, r);
					if (d < bestDistance) {
						bestDistance = d;
						best = r.edge();
					}
				}
			}
			return best;
		}
	}

	/** The distance from a point to an edge's route or its label. */
	static double distance(Point p, Route r) {
		double best = Double.MAX_VALUE;
		List<Point> pts = r.route();
		for (int i = 0; i + 1 < pts.size(); i++) {
			best = Math.min(best, segment(p, pts.get(i), pts.get(i + 1)));
		}
		Box l = r.label();
		if (l != null && p.x() >= l.x() && p.x() <= l.x() + l.width() && p.y() >= l.y() && p.y() <= l.y() + l.height()) {
			best = 0;
		}
		return best;
	}

	private static double segment(Point p, Point a, Point b) {
		double dx = b.x() - a.x();
		double dy = b.y() - a.y();
		double len = dx * dx + dy * dy;
		double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len));
		double x = a.x() + t * dx - p.x();
		double y = a.y() + t * dy - p.y();
		return Math.sqrt(x * x + y * y);
	}

	/** Delete: a layer is removed (its neighbours joined), an edge into a multi-input layer disconnected. */
	public static class DeleteHandler extends TextEditHandler<DeleteOperation> {
		@Override
		protected List<DiagramEdit> edits(DeleteOperation operation) throws EditRefusedException {
			List<DiagramEdit> edits = new ArrayList<>();
			for (String id : operation.getElementIds()) {
				Edge edge = nnet.edge(id);
				if (edge != null) {
					Node to = node(edge.target(), "an edge");
					edits.add(new DiagramEdit.Disconnect(network(to), node(edge.source(), "an edge").name(), to.name()));
				} else {
					Node node = node(id, "a layer");
					edits.add(new DiagramEdit.DeleteNode(network(node), node.name()));
				}
			}
			if (edits.isEmpty()) {
				throw new EditRefusedException("Select a layer or an edge first.");
			}
			return edits;
		}

		@Override
		protected UnaryOperator<DiagramPins> pinChange(DeleteOperation operation) {
			Set<String> ids = Set.copyOf(operation.getElementIds());
			return pins -> pins.without(ids);
		}
	}

	/** Editing a node's name label renames the node (and every reference to it). */
	public static class RenameHandler extends TextEditHandler<ApplyLabelEditOperation> {
		@Override
		protected List<DiagramEdit> edits(ApplyLabelEditOperation operation) throws EditRefusedException {
			Node node = node(operation.getLabelId(), "a node's name");
			String text = operation.getText() == null ? "" : operation.getText().trim();
			return List.of(new DiagramEdit.RenameNode(network(node), node.name(), text));
		}

		@Override
		protected UnaryOperator<DiagramPins> pinChange(ApplyLabelEditOperation operation) throws EditRefusedException {
			String id = node(operation.getLabelId(), "a node's name").id();
			String renamed = id.substring(0, id.lastIndexOf('/') + 1) + (operation.getText() == null ? "" : operation.getText().trim());
			return pins -> pins.renamed(id, renamed);
		}
	}

	/** A new edge into a multi-input layer (concat, add, multiply) connects one more input. */
	public static class ConnectHandler extends TextEditHandler<CreateEdgeOperation>
			implements CreateOperationHandler<CreateEdgeOperation> {
		@Override
		public List<String> getHandledElementTypeIds() {
			return List.of(CONNECT_TYPE, NnetGModelFactory.EDGE);
		}

		@Override
		public boolean handles(Operation operation) {
			return super.handles(operation) && CreateOperationHandler.super.handles(operation);
		}

		@Override
		protected List<DiagramEdit> edits(CreateEdgeOperation operation) throws EditRefusedException {
			Node from = node(operation.getSourceElementId(), "the node the data comes from");
			Node to = node(operation.getTargetElementId(), "the multi-input layer");
			String network = network(to);
			if (!network.equals(network(from))) {
				throw new EditRefusedException("Both ends of a connection must be nodes of the same network.");
			}
			return List.of(new DiagramEdit.Connect(network, from.name(), to.name()));
		}
	}

	/** Moving an end of an edge into a multi-input layer: disconnect, then connect the new ends. */
	public static class ReconnectHandler extends TextEditHandler<ReconnectEdgeOperation> {
		@Override
		protected List<DiagramEdit> edits(ReconnectEdgeOperation operation) throws EditRefusedException {
			Edge edge = nnet.edge(operation.getEdgeElementId());
			if (edge == null) {
				throw new EditRefusedException("That edge is no longer in the diagram.");
			}
			Node oldFrom = node(edge.source(), "an edge");
			Node oldTo = node(edge.target(), "an edge");
			Node from = node(operation.getSourceElementId() == null ? edge.source() : operation.getSourceElementId(), "a node");
			Node to = node(operation.getTargetElementId() == null ? edge.target() : operation.getTargetElementId(), "a node");
			String network = network(oldTo);
			if (!network.equals(network(to)) || !network.equals(network(from))) {
				throw new EditRefusedException("Both ends of a connection must be nodes of the same network.");
			}
			if (from.id().equals(oldFrom.id()) && to.id().equals(oldTo.id())) {
				throw new EditRefusedException("The edge already connects those nodes.");
			}
			return List.of(new DiagramEdit.Disconnect(network, oldFrom.name(), oldTo.name()),
					new DiagramEdit.Connect(network, from.name(), to.name()));
		}
	}

	/** An argument set, added or removed in the properties panel. */
	public static class SetArgumentHandler extends TextEditHandler<SetArgumentOperation> {
		@Override
		protected List<DiagramEdit> edits(SetArgumentOperation operation) throws EditRefusedException {
			Node node = node(operation.getElementId(), "a layer");
			String name = operation.getName() == null || operation.getName().isBlank() ? null : operation.getName().trim();
			if (name != null && isMain(node.kind(), name)) {
				name = null;
			}
			String value = operation.getValue() == null || operation.getValue().isBlank() ? null : operation.getValue().trim();
			return List.of(new DiagramEdit.SetArgument(network(node), node.name(), name, value));
		}

		private static boolean isMain(String kind, String name) {
			return org.nnet.core.catalog.Catalog.layer(kind).flatMap(e -> e.mainArg()).map(a -> a.name().equals(name))
					.orElse(false);
		}
	}
}
