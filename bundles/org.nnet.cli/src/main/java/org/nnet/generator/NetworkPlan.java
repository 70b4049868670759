package org.nnet.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.inference.ModelKind;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.Port;
import org.nnet.core.inference.ShapeInference;
import org.nnet.core.inference.TrainingReport;
import org.nnet.core.shape.Shape;
import org.nnet.model.LayerStep;
import org.nnet.model.Network;
import org.nnet.model.Parameter;
import org.nnet.model.Property;
import org.nnet.model.SymbolRef;
import org.nnet.model.Training;

/**
 * A network as the generated program builds it on the runtime, for tools that read or write its weights
 * (the ONNX exporter): every layer with the graph name the runtime gives it (its parameters are
 * {@code graphName/W}, {@code graphName/b}, ...), the graph names of its inputs, its output shape and its
 * arguments with the catalogue's defaults. Networks used as steps are flattened, their layers named under
 * the step's name, as {@link GraphCode} writes them.
 *
 * <p>It lives in the command line's jar but in the generator's package, whose package-private {@link Values} and
 * {@link GraphCode} it uses (one class loader on the command line's plain classpath): the command line then builds
 * against any installed generator of the same API.
 */
public final class NetworkPlan {

    /** A built-in name with its arguments ({@code leakyrelu(0.2)}, {@code same}, {@code normal(0.05)}). */
    public record Fn(String name, Map<String, Object> args) {
        /** An argument, else the catalogue default of this built-in's argument. */
        public Object arg(String key) {
            return plain(Values.argOrDefault(args, Catalog.entry(name).orElse(null), key));
        }
    }

    /**
     * One node.
     *
     * @param graphName the runtime's name of the node (and the prefix of its parameters)
     * @param name      the node's name in its network
     * @param kind      {@code input} or a layer of the catalogue
     * @param inputs    graph names of the nodes that feed it
     * @param shape     output shape without the batch axis
     * @param trainable trainable parameter count, from core
     * @param source    the model object (for error positions)
     */
    public record Step(String graphName, String name, String kind, List<String> inputs, Shape shape, Long trainable,
            EObject source, Map<String, Object> args) {

        /** An argument with the catalogue default: Long, Double, Boolean, String, long[], List, or {@link Fn}. */
        public Object arg(String key) {
            return plain(Values.argOrDefault(args, Catalog.layer(kind).orElse(null), key));
        }

        /** Whether the argument was written in the source (not a default). */
        public boolean given(String key) {
            return args.get(key) != null;
        }
    }

    private final String name;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Set<String> graphNames = new HashSet<>();

    private NetworkPlan(String name) {
        this.name = name;
    }

    /** The network's name. */
    public String name() {
        return name;
    }

    /** Inputs first, then every layer after the nodes that feed it. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Graph names of the network's outputs. */
    public List<String> outputs() {
        return List.copyOf(outputs);
    }

    /** The network a supervised training trains, with the parameters its {@code model:} binds. */
    public static NetworkPlan of(Training training) {
        TrainingReport report = new ShapeInference().checkTraining(training);
        ModelReport model = report.model();
        if (model == null || model.kind() != ModelKind.NETWORK || !(model.element() instanceof Network network)) {
            throw new GeneratorException("only a training of a network can be exported"
                    + (model == null ? "" : ", and " + training.getName() + " trains " + model.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " " + model.qualifiedName()), training);
        }
        Map<Parameter, Object> env = new HashMap<>();
        for (Property p : training.getProperties()) {
            if ("model".equals(p.getKey()) && !p.getValues().isEmpty() && p.getValues().get(0) instanceof SymbolRef ref
                    && !ref.getArgs().isEmpty()) {
                env.putAll(GraphCode.bindParameters(network, ref.getArgs(), new Values(Map.of())));
            }
        }
        return build(network, model, env);
    }

    /** A network on its own (its parameters, if any, must have values where sizes depend on them). */
    public static NetworkPlan of(Network network) {
        return build(network, new ShapeInference().infer(network), Map.of());
    }

    private static NetworkPlan build(Network network, ModelReport model, Map<Parameter, Object> env) {
        NetworkPlan plan = new NetworkPlan(network.getName());
        for (Port in : model.inputs()) {
            plan.graphNames.add(in.name());
        }
        Map<String, String> vars = plan.walk(model.nodes(), network, "", new Values(env), Map.of(), true);
        for (Port out : model.outputs()) {
            plan.outputs.add(vars.get(out.name()));
        }
        return plan;
    }

    private Map<String, String> walk(List<NodeReport> nodes, Network network, String prefix, Values env, Map<String, String> given,
            boolean top) {
        Map<String, String> vars = new HashMap<>();
        for (NodeReport n : GraphCode.order(nodes)) {
            if ("input".equals(n.kind())) {
                String existing = given.get(n.name());
                if (existing != null) {
                    vars.put(n.name(), existing);
                    continue;
                }
                String graph = top ? n.name() : graphName(prefix + n.name());
                vars.put(n.name(), graph);
                steps.add(new Step(graph, n.name(), "input", List.of(), n.shape(), 0L, n.source(), Map.of()));
                continue;
            }
            if (n.isNetworkStep()) {
                LayerStep step = (LayerStep) n.source();
                Network inner = (Network) step.getCallee();
                Values innerEnv = new Values(GraphCode.bindParameters(inner, step.getArgs(), env));
                String in = n.inputs().isEmpty() ? null : vars.get(n.inputs().get(0));
                Map<String, String> innerVars = walk(n.children(), inner, prefix + n.name() + "/", innerEnv,
                        Map.of(inner.getInputs().get(0).getName(), in), false);
                String outName = GraphCode.outputName(inner);
                vars.put(n.name(), outName != null && innerVars.containsKey(outName) ? innerVars.get(outName)
                        : innerVars.get(n.children().get(n.children().size() - 1).name()));
                continue;
            }
            LayerStep step = n.source() instanceof LayerStep l ? l : null;
            CatalogEntry entry = Catalog.layer(n.kind()).orElse(null);
            Map<String, Object> args = step == null || entry == null ? Map.of() : env.bind(step.getArgs(), entry);
            List<String> ins = new ArrayList<>();
            for (String i : n.inputs()) {
                ins.add(vars.get(i));
            }
            String graph = graphName(prefix + n.name());
            vars.put(n.name(), graph);
            Map<String, Object> plainArgs = new LinkedHashMap<>();
            args.forEach((k, v) -> plainArgs.put(k, v));
            steps.add(new Step(graph, n.name(), n.kind(), ins, n.shape(), n.trainable(), n.source(), plainArgs));
        }
        return vars;
    }

    private String graphName(String n) {
        String g = n;
        while (!graphNames.add(g)) {
            g = g + "_";
        }
        return g;
    }

    /** Values' symbols as {@link Fn}, lists element by element. */
    static Object plain(Object v) {
        if (v instanceof Values.Sym s) {
            return new Fn(s.name(), s.args());
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }
}
