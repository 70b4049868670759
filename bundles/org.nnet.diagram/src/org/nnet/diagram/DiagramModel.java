package org.nnet.diagram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.nnet.core.Problem;
import org.nnet.core.inference.MemberReport;
import org.nnet.core.inference.ModelKind;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.Port;
import org.nnet.core.inference.ShapeInference;
import org.nnet.core.shape.Shape;
import org.nnet.model.Argument;
import org.nnet.model.Element;
import org.nnet.model.LayerStep;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.Property;

/**
 * What the diagram shows for one .nnet file: a {@link Graph} per network, autoencoder and GAN, built from
 * the parsed model and core's shape inference. A node per layer (kind, main arguments, output shape,
 * parameters), inputs and outputs marked, edges labelled with the shape that flows along them, a network
 * used as a step as a group that is collapsed unless its id is in the expanded set, composites as their
 * member networks joined, and every problem of core's checks on the node it is about.
 * <p>
 * Immutable; rebuilt from the model after every change of the text. Node ids are paths
 * ({@code LeNet5/c1}, {@code MiniInception/mixed/b1}) and stay stable while names do.
 *
 * @param graphs the graphs in file order
 * @param banner a message to show above the diagram (e.g. that the text does not parse and this is the
 *               last good model), or {@code null}
 */
public record DiagramModel(List<Graph> graphs, String banner) {

	/** Creates a model; the list is copied. */
	public DiagramModel {
		graphs = List.copyOf(graphs);
	}

	/** What a node stands for. */
	public enum Role {
		/** An input of a network. */
		INPUT,
		/** A layer. */
		LAYER,
		/** A network used as a step, or a member network of a composite: a group. */
		GROUP,
		/** Data entering a composite from outside (a GAN's noise and real data). */
		SOURCE
	}

	/**
	 * One network, autoencoder or GAN.
	 *
	 * @param name      the element's name
	 * @param kind      network, autoencoder or gan
	 * @param title     the heading shown ({@code network LeNet5 · 61,706 parameters})
	 * @param nodes     the top-level nodes in source order
	 * @param edges     every edge, including those between the children of expanded groups
	 * @param problems  messages of problems not on any node
	 * @param source    the model element
	 */
	public record Graph(String name, ModelKind kind, String title, List<Node> nodes, List<Edge> edges,
			List<String> problems, EObject source) {

		/** Creates a graph; lists are copied. */
		public Graph {
			nodes = List.copyOf(nodes);
			edges = List.copyOf(edges);
			problems = List.copyOf(problems);
		}

		/** Every node, children of groups included (those of collapsed groups too), depth first. */
		public List<Node> allNodes() {
			List<Node> all = new ArrayList<>();
			collect(nodes, all);
			return all;
		}

		/** The node with that id, at any depth, or {@code null}. */
		public Node node(String id) {
			return allNodes().stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
		}

		/** The edges that are drawn: those whose ends are both visible (not inside a collapsed group). */
		public List<Edge> visibleEdges() {
			Set<String> visible = Collections.newSetFromMap(new LinkedHashMap<>());
			collectVisible(nodes, visible);
			return edges.stream().filter(e -> visible.contains(e.source()) && visible.contains(e.target())).toList();
		}

		/** The nodes that are drawn, groups first then their children. */
		public List<Node> visibleNodes() {
			List<Node> out = new ArrayList<>();
			visit(nodes, out);
			return out;
		}

		private static void visit(List<Node> nodes, List<Node> out) {
			for (Node n : nodes) {
				out.add(n);
				if (n.expanded()) {
					visit(n.children(), out);
				}
			}
		}

		private static void collect(List<Node> nodes, List<Node> all) {
			for (Node n : nodes) {
				all.add(n);
				collect(n.children(), all);
			}
		}

		private static void collectVisible(List<Node> nodes, Set<String> ids) {
			for (Node n : nodes) {
				ids.add(n.id());
				if (n.expanded()) {
					collectVisible(n.children(), ids);
				}
			}
		}
	}

	/**
	 * One node.
	 *
	 * @param id          the path id, unique in the file
	 * @param name        the node's name as core reports it ({@code c1}, or a generated {@code dense_2})
	 * @param generatedName whether the user did not name it
	 * @param role        input, layer, group or source
	 * @param kind        {@code input}, a layer kind, a network's name, or a composite role
	 * @param arguments   the main arguments in short form ({@code 6, k5, same, tanh}), possibly empty
	 * @param shape       the output shape as text ({@code [6, 28, 28]}, {@code ?} when unknown)
	 * @param parameters  the total parameter count as text ({@code 2,416}, {@code ?} when unknown)
	 * @param output      whether it is an output of its network
	 * @param errors      the messages of the errors on it (empty when it is fine)
	 * @param expanded    for a group: whether its children are shown
	 * @param children    for a group: its nodes
	 * @param source      the model object, for selecting the text (null for sources of composites)
	 */
	public record Node(String id, String name, boolean generatedName, Role role, String kind, String arguments,
			String shape, String parameters, boolean output, List<String> errors, boolean expanded,
			List<Node> children, EObject source) {

		/** Creates a node; lists are copied. */
		public Node {
			errors = List.copyOf(errors);
			children = List.copyOf(children);
		}

		/** Whether it is a group (a network used as a step, or a member of a composite). */
		public boolean isGroup() {
			return role == Role.GROUP;
		}

		/** The kind with its arguments as shown: {@code conv2d 6, k5, same, tanh}. */
		public String kindLine() {
			return arguments.isEmpty() ? kind : kind + " " + arguments;
		}

		/** The text lines of the node's box, top to bottom. */
		public List<String> lines() {
			List<String> lines = new ArrayList<>();
			lines.add(name);
			if (!kindLine().equals(name)) {
				lines.add(kindLine());
			}
			lines.add(shape);
			if (!parameters.equals("0")) {
				lines.add(parameters + " params");
			}
			return lines;
		}

		/** The source's text range (offset, length) in the file, or {@code null}. */
		public int[] textRange() {
			ICompositeNode node = source == null ? null : NodeModelUtils.findActualNodeFor(source);
			return node == null ? null : new int[] { node.getOffset(), node.getLength() };
		}
	}

	/**
	 * A data flow from one node to another.
	 *
	 * @param id     {@code source->target}
	 * @param source the id of the node the data comes from
	 * @param target the id of the node it goes to
	 * @param label  the shape flowing along it
	 */
	public record Edge(String id, String source, String target, String label) {
	}

	/** Builds the diagram of a parsed file, every group collapsed. */
	public static DiagramModel of(Resource resource) {
		return of(resource, Set.of(), null);
	}

	/**
	 * Builds the diagram of a parsed file. When the text has syntax errors and a last good diagram is given,
	 * that one is returned with a banner saying why; without one, what did parse is shown with the banner.
	 *
	 * @param expanded ids of the groups to show expanded
	 * @param lastGood the diagram of the last text that parsed, or {@code null}
	 */
	public static DiagramModel of(Resource resource, Set<String> expanded, DiagramModel lastGood) {
		String banner = null;
		if (!resource.getErrors().isEmpty()) {
			Resource.Diagnostic first = resource.getErrors().get(0);
			banner = "The text has " + resource.getErrors().size() + " syntax error"
					+ (resource.getErrors().size() == 1 ? "" : "s") + " (line " + first.getLine() + ": "
					+ first.getMessage() + "); "
					+ (lastGood != null ? "showing the last version that parsed. " : "showing what parsed. ")
					+ "Diagram edits are disabled until the text parses again.";
			if (lastGood != null) {
				return new DiagramModel(lastGood.graphs(), banner);
			}
		}
		Model model = resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model m) ? null : m;
		List<Graph> graphs = new ArrayList<>();
		if (model != null) {
			ShapeInference inference = new ShapeInference();
			for (Element element : model.getElements()) {
				ModelReport report = inference.infer(element);
				if (report != null) {
					graphs.add(new GraphBuilder(element, report, expanded).build());
				}
			}
		}
		return new DiagramModel(graphs, banner);
	}

	/** The text range (offset, length) of every node that has a source in the text, by id. */
	public Map<String, int[]> textRanges() {
		Map<String, int[]> ranges = new LinkedHashMap<>();
		for (Graph g : graphs) {
			for (Node n : g.allNodes()) {
				int[] range = n.textRange();
				if (range != null) {
					ranges.put(n.id(), range);
				}
			}
		}
		return ranges;
	}

	/** The graph of that element name, or {@code null}. */
	public Graph graph(String name) {
		return graphs.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
	}

	/** The node with that id in any graph, at any depth, or {@code null}. */
	public Node node(String id) {
		if (id == null) {
			return null;
		}
		for (Graph g : graphs) {
			Node n = g.node(id);
			if (n != null) {
				return n;
			}
		}
		return null;
	}

	/** The edge with that id in any graph, or {@code null}. */
	public Edge edge(String id) {
		return id == null ? null
				: graphs.stream().flatMap(g -> g.edges().stream()).filter(e -> e.id().equals(id)).findFirst().orElse(null);
	}

	/**
	 * The network definition that a node belongs to, i.e. whose text a diagram edit of the node changes.
	 *
	 * @param network   the network's name
	 * @param nested    whether the node is shown inside a group (a network used as a step, a composite's
	 *                  member): editing it edits that network's definition, and so every use of it
	 * @param otherFile the file that defines the network when it is not the diagram's file, else {@code null}
	 * @param uses      how many steps of the diagram's file use the network (for nested nodes)
	 */
	public record Owner(String network, boolean nested, String otherFile, int uses) {

		/** Why a diagram edit of that node cannot be made (its network is defined in another file), or {@code null}. */
		public String refusal(String nodeName) {
			return otherFile == null ? null
					: "'" + nodeName + "' belongs to network " + network + ", defined in " + otherFile + ": open that file to edit it.";
		}

		/** What the status line says after an edit of a node inside a group, or {@code null} for a network's own node. */
		public String note() {
			return !nested ? null
					: "Edited network " + network + " (used " + uses + (uses == 1 ? " time" : " times") + " in this file): every use of it changed.";
		}
	}

	/**
	 * Which network definition the node with that id belongs to: its graph's for a top-level node of a network,
	 * the network that contains its source for a node inside a group; {@code null} for unknown ids and for the
	 * top-level nodes of autoencoders and GANs.
	 */
	public Owner owner(String id) {
		for (Graph g : graphs) {
			Node node = g.node(id);
			if (node == null) {
				continue;
			}
			if (g.nodes().contains(node)) {
				return g.kind() == ModelKind.NETWORK ? new Owner(g.name(), false, null, 0) : null;
			}
			Network definition = node.source() == null ? null : EcoreUtil2.getContainerOfType(node.source(), Network.class);
			Resource here = g.source() == null ? null : g.source().eResource();
			if (definition == null || here == null || definition.eResource() == null) {
				return null;
			}
			int uses = 0;
			for (TreeIterator<EObject> it = here.getAllContents(); it.hasNext();) {
				if (it.next() instanceof LayerStep s && s.getCallee() == definition) {
					uses++;
				}
			}
			URI uri = definition.eResource().getURI();
			String other = definition.eResource() == here ? null
					: uri.isPlatformResource() ? uri.toPlatformString(true) : uri.isFile() ? uri.toFileString() : uri.toString();
			return new Owner(definition.getName(), true, other, uses);
		}
		return null;
	}

	/** Builds one graph: nodes from core's report, problems attached to the nodes they are about. */
	private static final class GraphBuilder {
		private final Element element;
		private final ModelReport report;
		private final Set<String> expanded;
		private final List<Edge> edges = new ArrayList<>();
		private final Map<EObject, String> nodeBySource = new IdentityHashMap<>();
		private final Map<String, List<String>> errors = new LinkedHashMap<>();
		private final List<String> unplaced = new ArrayList<>();

		GraphBuilder(Element element, ModelReport report, Set<String> expanded) {
			this.element = element;
			this.report = report;
			this.expanded = expanded;
		}

		Graph build() {
			String name = element.getName() == null ? "?" : element.getName();
			String title = report.kind().id() + " " + name + " · " + ModelReport.format(report.total()) + " parameters";
			for (NodeReport n : report.nodes()) {
				if (n.source() != null) {
					nodeBySource.put(n.source(), name + "/" + n.name());
				}
			}
			for (Problem p : report.problems()) {
				if (p.isError()) {
					String id = owner(p.object());
					if (id != null) {
						errors.computeIfAbsent(id, k -> new ArrayList<>()).add(p.message());
					} else {
						unplaced.add(p.message());
					}
				}
			}
			List<Node> nodes = report.kind() == ModelKind.NETWORK ? network(name) : composite(name);
			return new Graph(name, report.kind(), title, nodes, edges, unplaced, element);
		}

		private String owner(EObject object) {
			for (EObject o = object; o != null && o != element; o = o.eContainer()) {
				String id = nodeBySource.get(o);
				if (id != null) {
					return id;
				}
			}
			return null;
		}

		private List<Node> network(String prefix) {
			List<String> outputs = report.outputs().stream().map(Port::name).toList();
			return nodes(prefix, report.nodes(), outputs, true);
		}

		private List<Node> nodes(String prefix, List<NodeReport> reports, List<String> outputs, boolean topLevel) {
			List<Node> nodes = new ArrayList<>();
			Map<String, NodeReport> byName = new LinkedHashMap<>();
			for (NodeReport n : reports) {
				byName.put(n.name(), n);
			}
			for (NodeReport n : reports) {
				String id = prefix + "/" + n.name();
				for (String input : n.inputs()) {
					NodeReport from = byName.get(input);
					String label = from == null ? "?" : shape(from.shape());
					edges.add(new Edge(prefix + "/" + input + "->" + id, prefix + "/" + input, id, label));
				}
				nodes.add(node(id, n, outputs.contains(n.name()), topLevel));
			}
			return nodes;
		}

		private Node node(String id, NodeReport n, boolean output, boolean topLevel) {
			List<Node> children = List.of();
			Role role = "input".equals(n.kind()) ? Role.INPUT : Role.LAYER;
			if (n.isNetworkStep()) {
				role = Role.GROUP;
				List<String> innerOutputs = n.children().isEmpty() ? List.of() : List.of(n.children().get(n.children().size() - 1).name());
				children = nodes(id, n.children(), innerOutputs, false);
			}
			List<String> errs = topLevel ? errors.getOrDefault(id, List.of()) : List.of();
			return new Node(id, n.name(), n.generatedName(), role, n.kind(), arguments(n.source()), shape(n.shape()),
					ModelReport.format(n.total()), output, errs, role == Role.GROUP && expanded.contains(id), children,
					n.source());
		}

		private List<Node> composite(String name) {
			List<Node> nodes = new ArrayList<>();
			boolean gan = report.kind() == ModelKind.GAN;
			String previous = null;
			Shape previousShape = null;
			if (!report.inputs().isEmpty()) {
				Port in = report.inputs().get(0);
				String id = name + "/" + (gan ? "noise" : in.name());
				nodes.add(new Node(id, gan ? "noise" : in.name(), false, gan ? Role.SOURCE : Role.INPUT,
						gan ? noiseKind() : "input", "", shape(in.shape()), "0", false, List.of(), false, List.of(),
						gan ? property("noise") : in.source()));
				previous = id;
				previousShape = in.shape();
			}
			List<NodeReport> parts = new ArrayList<>(report.nodes());
			for (int i = 0; i < parts.size(); i++) {
				NodeReport part = parts.get(i);
				String id = name + "/" + part.name();
				boolean last = i == parts.size() - 1;
				List<Node> children = nodes(id, part.children(), List.of(), false);
				Role role = part.isNetworkStep() ? Role.GROUP : Role.LAYER;
				nodes.add(new Node(id, part.name(), false, role, part.kind(), "", shape(part.shape()),
						ModelReport.format(part.total()), last && !gan, errors.getOrDefault(id, List.of()),
						role == Role.GROUP && expanded.contains(id), children, part.source()));
				if (previous != null) {
					edges.add(new Edge(previous + "->" + id, previous, id, shape(previousShape)));
				}
				if (gan && "discriminator".equals(part.name())) {
					MemberReport d = report.members().stream().filter(m -> m.role().equals("discriminator")).findFirst().orElse(null);
					Shape sample = d == null || d.report() == null || d.report().inputs().isEmpty() ? Shape.UNKNOWN
							: d.report().inputs().get(0).shape();
					String data = name + "/data";
					nodes.add(new Node(data, "data", false, Role.SOURCE, "real samples", "", shape(sample), "0", false,
							List.of(), false, List.of(), null));
					edges.add(new Edge(data + "->" + id, data, id, shape(sample)));
				}
				previous = id;
				previousShape = part.shape();
			}
			return nodes;
		}

		private EObject property(String key) {
			if (element instanceof org.nnet.model.Gan g) {
				for (Property p : g.getProperties()) {
					if (key.equals(p.getKey())) {
						return p;
					}
				}
			}
			return null;
		}

		private String noiseKind() {
			EObject p = property("noise");
			if (p instanceof Property prop && !prop.getValues().isEmpty()) {
				String text = text(prop.getValues().get(0));
				int paren = text.indexOf('(');
				return paren > 0 ? text.substring(0, paren) : text;
			}
			return "noise";
		}
	}

	/** A shape as shown on edges and nodes. */
	static String shape(Shape shape) {
		return shape == null || !shape.isRankKnown() ? "?" : shape.toString();
	}

	/** The short form of a layer's arguments: positional as written, then kernel/stride/padding/activation. */
	static String arguments(EObject source) {
		if (!(source instanceof LayerStep step) || !step.isCall() || step.getCallee() instanceof Network) {
			return "";
		}
		List<String> parts = new ArrayList<>();
		for (Argument a : step.getArgs()) {
			String value = text(a.getValue());
			String name = a.getName();
			if (name == null) {
				parts.add(value);
			} else {
				parts.add(switch (name) {
				case "kernel" -> "k" + value;
				case "stride" -> "s" + value;
				case "padding" -> value.matches("\\d.*") ? "p" + value : value;
				case "activation", "init" -> value;
				default -> name + ": " + value;
				});
			}
		}
		return String.join(", ", parts);
	}

	/** The text an object was parsed from, whitespace collapsed. */
	static String text(EObject object) {
		ICompositeNode node = object == null ? null : NodeModelUtils.findActualNodeFor(object);
		return node == null ? "?" : NodeModelUtils.getTokenText(node);
	}
}
