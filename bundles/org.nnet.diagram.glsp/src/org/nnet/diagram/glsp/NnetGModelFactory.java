package org.nnet.diagram.glsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GGraph;
import org.eclipse.glsp.graph.GIssueMarker;
import org.eclipse.glsp.graph.GLabel;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.builder.impl.GEdgeBuilder;
import org.eclipse.glsp.graph.builder.impl.GEdgePlacementBuilder;
import org.eclipse.glsp.graph.builder.impl.GGraphBuilder;
import org.eclipse.glsp.graph.builder.impl.GIssueBuilder;
import org.eclipse.glsp.graph.builder.impl.GIssueMarkerBuilder;
import org.eclipse.glsp.graph.builder.impl.GLabelBuilder;
import org.eclipse.glsp.graph.builder.impl.GNodeBuilder;
import org.eclipse.glsp.graph.GSeverity;
import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.features.core.model.GModelFactory;
import org.eclipse.glsp.server.utils.MessageActionUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.diagram.DiagramLayout;
import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.PlacedGraph;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramLayout.Route;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramModel.Graph;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramModel.Role;
import org.nnet.model.Argument;
import org.nnet.model.LayerStep;
import org.nnet.model.Network;
import org.nnet.model.SymbolRef;

import com.google.inject.Inject;

/**
 * Builds the GLSP graph of the current text: parses it, makes the {@link DiagramModel} from core's reports,
 * lays it out with our ELK {@link DiagramLayout} and turns the placed boxes into GModel elements with fixed
 * positions and sizes (the client does no layout). One container node per network, autoencoder and GAN
 * (type {@value #GRAPH}) holds a node per layer, input, group or data source; the text lines of a box are
 * labels, errors an issue marker whose hover shows the messages, and edges carry the tensor shape as label.
 * <p>
 * Element ids are the diagram model's path ids ({@code LeNet5/c1}, {@code LeNet5/c1->LeNet5/s2}); labels add
 * {@code #name}, {@code #kind}, {@code #shape}, {@code #params}. Layer nodes carry their data as arguments
 * ({@code name}, {@code kind}, {@code shape}, {@code parameters}, {@code network}, {@code a:NAME} for each
 * argument written, {@code spec:NAME} with the default of each argument the kind takes).
 */
public class NnetGModelFactory implements GModelFactory {

	/** Type of a network's, autoencoder's or GAN's container node. */
	public static final String GRAPH = "nnet:graph";
	/** Type of a layer node (also the prefix of the palette's element types: {@code layer:dense}). */
	public static final String LAYER = "nnet:layer";
	/** Type of an input node. */
	public static final String INPUT = "nnet:input";
	/** Type of a group (a network used as a step, a member of a composite). */
	public static final String GROUP = "nnet:group";
	/** Type of a data source of a composite (a GAN's noise and real samples). */
	public static final String SOURCE = "nnet:source";
	/** Type of a data-flow edge. */
	public static final String EDGE = "edge";
	/** Type of a node's name label (editable: rename). */
	public static final String NAME = "nnet:name";
	/** Type of a node's other text lines. */
	public static final String TEXT = "nnet:text";
	/** Type of an edge's shape label. */
	public static final String SHAPE = "nnet:shape";
	/** Type of a graph's title. */
	public static final String TITLE = "nnet:title";
	/** Type of a problem line under a graph. */
	public static final String PROBLEM = "nnet:problem";
	/** Type of the root. */
	public static final String ROOT = "graph";

	private static final double BASELINE = 12;

	@Inject
	protected NnetModelState state;

	@Inject
	protected ActionDispatcher actionDispatcher;

	@Override
	public void createGModel() {
		NnetText source = state.source();
		String text = source.text();
		XtextResource resource = source.parse(text);
		boolean parses = resource.getErrors().isEmpty();
		NnetModelState.Shown last = state.lastGood();
		DiagramModel model = DiagramModel.of(resource, Set.copyOf(state.expanded()), last == null ? null : last.model());
		Map<String, int[]> ranges = !parses && last != null ? last.ranges() : model.textRanges();
		String warning = state.readPins();
		if (warning != null) {
			actionDispatcher.dispatch(MessageActionUtil.warn(warning));
		}
		DiagramLayout.Result layout = new DiagramLayout().layout(new DiagramModel(model.graphs(), null), state.pins());
		state.setShown(new NnetModelState.Shown(text, model, layout, ranges), parses);
		GGraph root = graph(model, layout);
		root.getArgs().put("pinned", (double) state.pins().pinned().size());
		state.updateRoot(root);
	}

	/** The GLSP graph of a laid-out diagram. */
	static GGraph graph(DiagramModel model, DiagramLayout.Result layout) {
		GGraph root = new GGraphBuilder(ROOT).id("nnet").build();
		root.getArgs().put("banner", model.banner() == null ? "" : model.banner());
		root.getArgs().put("graphs", (double) model.graphs().size());
		root.getArgs().put("width", layout.width());
		root.getArgs().put("height", layout.height());
		for (PlacedGraph g : layout.graphs()) {
			root.getChildren().add(container(g));
		}
		return root;
	}

	private static GNode container(PlacedGraph g) {
		Box bounds = g.bounds();
		Graph graph = g.graph();
		GNode container = new GNodeBuilder(GRAPH).id("graph:" + graph.name()).position(bounds.x(), bounds.y())
				.size(bounds.width(), bounds.height()).addCssClass("nnet-" + graph.kind().id())
				.add(label(TITLE, "graph:" + graph.name() + "#title", graph.title(), 0, 18)).build();
		container.getArgs().put("name", graph.name());
		container.getArgs().put("kind", graph.kind().id());
		double y = bounds.height() - graph.problems().size() * DiagramLayout.LINE_HEIGHT;
		int i = 0;
		for (String problem : graph.problems()) {
			GLabel line = label(PROBLEM, "graph:" + graph.name() + "#problem" + i++, "error: " + problem, 0, y + BASELINE);
			line.getCssClasses().add("error");
			container.getChildren().add(line);
			y += DiagramLayout.LINE_HEIGHT;
		}
		for (Node node : graph.nodes()) {
			container.getChildren().add(node(graph, node, g.nodes(), bounds.x(), bounds.y()));
		}
		for (Route r : g.routes()) {
			container.getChildren().add(edge(r, bounds.x(), bounds.y()));
		}
		return container;
	}

	private static GNode node(Graph graph, Node node, Map<String, Box> boxes, double originX, double originY) {
		Box box = boxes.get(node.id());
		String type = switch (node.role()) {
		case INPUT -> INPUT;
		case LAYER -> LAYER;
		case GROUP -> GROUP;
		case SOURCE -> SOURCE;
		};
		GNodeBuilder b = new GNodeBuilder(type).id(node.id()).position(box.x() - originX, box.y() - originY)
				.size(box.width(), box.height()).addCssClass("nnet-" + node.role().name().toLowerCase());
		if (node.output()) {
			b.addCssClass("nnet-output");
		}
		if (!node.errors().isEmpty()) {
			b.addCssClass("nnet-error");
		}
		if (node.generatedName()) {
			b.addCssClass("nnet-generated");
		}
		if (node.expanded()) {
			b.addCssClass("nnet-expanded");
		}
		List<String> lines = node.lines();
		if (node.expanded()) {
			lines = lines.subList(0, Math.min(2, lines.size()));
		}
		String[] suffixes = suffixes(node, lines);
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			double y = DiagramLayout.PADDING + i * DiagramLayout.LINE_HEIGHT + BASELINE - 1;
			if (i == 0 && node.isGroup()) {
				line = (node.expanded() ? "− " : "+ ") + line;
			}
			GLabel label = label(i == 0 ? NAME : TEXT, node.id() + "#" + suffixes[i], line, DiagramLayout.PADDING, y);
			label.getCssClasses().add("nnet-" + suffixes[i]);
			b.add(label);
		}
		if (node.role() == Role.INPUT || node.output()) {
			String mark = node.output() ? "output" : "input";
			GLabel label = label(TEXT, node.id() + "#mark", mark, box.width() - 4 - mark.length() * DiagramLayout.CHAR_WIDTH * 0.75, -3);
			label.getCssClasses().add("nnet-mark");
			b.add(label);
		}
		if (!node.errors().isEmpty()) {
			GIssueMarkerBuilder marker = new GIssueMarkerBuilder().id(node.id() + "#errors").position(box.width() - 17, 3)
					.size(14, 14);
			GIssueMarker built = marker.build();
			for (String message : node.errors()) {
				built.getIssues().add(new GIssueBuilder().severity(GSeverity.ERROR).message(message).build());
			}
			b.add(built);
		}
		GNode n = b.build();
		n.getArgs().put("name", node.name());
		n.getArgs().put("kind", node.kind());
		n.getArgs().put("arguments", node.arguments());
		n.getArgs().put("shape", node.shape());
		n.getArgs().put("parameters", node.parameters());
		n.getArgs().put("network", graph.name());
		n.getArgs().put("errors", String.join("\n", node.errors()));
		if (node.role() == Role.LAYER) {
			arguments(node, n);
		}
		if (node.expanded()) {
			for (Node child : node.children()) {
				n.getChildren().add(node(graph, child, boxes, box.x(), box.y()));
			}
		}
		return n;
	}

	private static String[] suffixes(Node node, List<String> lines) {
		String[] s = new String[lines.size()];
		int i = 0;
		s[i++] = "name";
		if (i < s.length && !node.kindLine().equals(node.name())) {
			s[i++] = "kind";
		}
		if (i < s.length) {
			s[i++] = "shape";
		}
		if (i < s.length) {
			s[i++] = "params";
		}
		return s;
	}

	/** The arguments as written ({@code a:NAME}) and the ones the kind takes with their defaults ({@code spec:NAME}). */
	private static void arguments(Node node, GModelElement element) {
		CatalogEntry entry = Catalog.layer(node.kind()).orElse(null);
		if (entry != null) {
			for (ArgSpec spec : entry.args()) {
				element.getArgs().put("spec:" + spec.name(), (spec.main() ? "main " : "") + (spec.defaultText() == null ? "" : spec.defaultText()));
			}
		}
		if (node.source() instanceof LayerStep step && !(step.getCallee() instanceof Network)) {
			for (Argument a : step.getArgs()) {
				if (a.getName() == null && a.getValue() instanceof SymbolRef r && r.getTarget() instanceof org.nnet.model.Node) {
					continue;
				}
				String name = a.getName();
				if (name == null) {
					name = entry == null ? "" : entry.mainArg().map(ArgSpec::name).orElse("");
				}
				element.getArgs().put("a:" + name, text(a.getValue()));
			}
		}
	}

	private static String text(org.eclipse.emf.ecore.EObject object) {
		var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.findActualNodeFor(object);
		return node == null ? "?" : org.eclipse.xtext.nodemodel.util.NodeModelUtils.getTokenText(node);
	}

	private static GEdge edge(Route r, double originX, double originY) {
		GEdgeBuilder b = new GEdgeBuilder(EDGE).id(r.edge().id()).sourceId(r.edge().source()).targetId(r.edge().target());
		List<Point> points = r.route();
		List<org.eclipse.glsp.graph.GPoint> inner = new ArrayList<>();
		for (int i = 1; i < points.size() - 1; i++) {
			inner.add(org.eclipse.glsp.graph.util.GraphUtil.point(points.get(i).x() - originX, points.get(i).y() - originY));
		}
		b.addRoutingPoints(inner);
		GLabel label = new GLabelBuilder(SHAPE).id(r.edge().id() + "#shape").text(r.edge().label())
				.edgePlacement(new GEdgePlacementBuilder().position(0.5).side("top").offset(2).rotate(false).build())
				.size(r.edge().label().length() * DiagramLayout.CHAR_WIDTH * 0.9 + 4, DiagramLayout.LINE_HEIGHT).build();
		b.add(label);
		GEdge edge = b.build();
		edge.getArgs().put("edgePadding", 8.0);
		return edge;
	}

	private static GLabel label(String type, String id, String text, double x, double y) {
		return new GLabelBuilder(type).id(id).text(text).position(x, y).build();
	}
}
