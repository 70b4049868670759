package org.nnet.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.shape.Shape;
import org.nnet.model.Argument;
import org.nnet.model.LayerStep;
import org.nnet.model.Network;
import org.nnet.model.Node;
import org.nnet.model.Output;
import org.nnet.model.Parameter;

/**
 * Writes the statements that build a network's graph on {@code org.nnet.runtime.graph.Network}: one
 * statement per node, in dependency order, each with a comment giving its shape and parameter count
 * from core's shape inference. Networks used as steps are written inline, their layers named under
 * the step's name ({@code mixed/b1}), as the language says.
 */
final class GraphCode {
    private static final String INDENT = "        ";
    private static final int COMMENT_COLUMN = 96;

    private final StringBuilder out = new StringBuilder();
    private final Set<String> locals = new HashSet<>();
    private final Set<String> graphNames = new HashSet<>();

    GraphCode(Set<String> reservedLocals) {
        locals.addAll(reservedLocals);
    }

    String text() {
        return out.toString();
    }

    /** A fresh Java local variable name derived from a node name. */
    String local(String base) {
        String id = JavaText.identifier(base);
        String name = id;
        for (int i = 2; !locals.add(name); i++) {
            name = id + "_" + i;
        }
        return name;
    }

    /** Reserves a graph name; returns a variant with underscores if it is taken. */
    String graphName(String name) {
        String n = name;
        while (!graphNames.add(n)) {
            n = n + "_";
        }
        return n;
    }

    void line(String code) {
        out.append(INDENT).append(code).append('\n');
    }

    void line(String code, String comment) {
        StringBuilder b = new StringBuilder(INDENT).append(code);
        if (comment != null && !comment.isBlank()) {
            int pad = Math.max(1, COMMENT_COLUMN - b.length());
            b.append(" ".repeat(pad)).append("// ").append(JavaText.comment(comment));
        }
        out.append(b).append('\n');
    }

    void blank() {
        out.append('\n');
    }

    static String describe(Shape shape, Long trainable) {
        String s = shape == null ? "?" : shape.toString();
        return trainable == null || trainable == 0 ? s : String.format(Locale.ROOT, "%-16s %,9d", s, trainable);
    }

    // ---- networks

    /**
     * Writes a network's nodes.
     *
     * @param nodes   the network's nodes (inputs first)
     * @param network the network they belong to (for its parameters and outputs)
     * @param prefix  the graph-name prefix of this network's nodes ("" at the top)
     * @param env     the values of the network's parameters
     * @param inputs  input name to an existing Java expression of a node; inputs not in the map become placeholders
     *                named {@code inputNames.get(name)} (or the input's own name)
     * @param inputNames graph names of placeholder inputs
     * @return the Java local of each node by its name
     */
    Map<String, String> network(List<NodeReport> nodes, Network network, String prefix, Values env, Map<String, String> inputs,
            Map<String, String> inputNames) {
        Map<String, String> vars = new HashMap<>();
        for (NodeReport n : order(nodes)) {
            if ("input".equals(n.kind())) {
                String existing = inputs.get(n.name());
                if (existing != null) {
                    vars.put(n.name(), existing);
                    continue;
                }
                String graph = graphName(inputNames.getOrDefault(n.name(), prefix + n.name()));
                String v = local(prefix + n.name());
                vars.put(n.name(), v);
                line("SDVariable " + v + " = " + placeholder(graph, n.shape(), n.source()) + ";", describe(n.shape(), null));
                continue;
            }
            if (n.isNetworkStep()) {
                vars.put(n.name(), networkStep(n, prefix, env, vars));
                continue;
            }
            vars.put(n.name(), layer(n, prefix, env, vars));
        }
        return vars;
    }

    /** The name of a network's single output node, or null. */
    static String outputName(Network n) {
        for (Output o : n.getOutputs()) {
            for (Node x : o.getNodes()) {
                return x.getName();
            }
        }
        return null;
    }

    /** The Java local of the network's output among {@code vars}, by the output's name or else the last node. */
    static String output(Map<String, String> vars, List<NodeReport> nodes, Network n) {
        String name = outputName(n);
        if (name != null && vars.containsKey(name)) {
            return vars.get(name);
        }
        return vars.get(nodes.get(nodes.size() - 1).name());
    }

    /** Nodes in an order where every node comes after its inputs (stable: source order where possible). */
    static List<NodeReport> order(List<NodeReport> nodes) {
        Map<String, NodeReport> byName = new LinkedHashMap<>();
        for (NodeReport n : nodes) {
            byName.put(n.name(), n);
        }
        List<NodeReport> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (NodeReport n : nodes) {
            visit(n, byName, done, out, new HashSet<>());
        }
        return out;
    }

    private static void visit(NodeReport n, Map<String, NodeReport> byName, Set<String> done, List<NodeReport> out,
            Set<String> path) {
        if (done.contains(n.name()) || !path.add(n.name())) {
            return;
        }
        for (String in : n.inputs()) {
            NodeReport d = byName.get(in);
            if (d != null) {
                visit(d, byName, done, out, path);
            }
        }
        done.add(n.name());
        out.add(n);
    }

    private String placeholder(String graph, Shape shape, EObject at) {
        long[] dims = dims(shape, at, "the input");
        String list = joinDims(dims);
        return shape.isTokens() ? "net.tokenInput(" + JavaText.string(graph) + ", " + list + ")"
                : "net.input(" + JavaText.string(graph) + ", " + list + ")";
    }

    static long[] dims(Shape shape, EObject at, String what) {
        if (shape == null || !shape.isFullyKnown()) {
            throw new GeneratorException("Cannot generate a program: " + what + " has the shape " + shape
                    + ", with sizes that are only known at run time; give every size of the model's inputs", at);
        }
        long[] d = new long[shape.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = shape.size(i);
        }
        return d;
    }

    static String joinDims(long[] dims) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return b.toString();
    }

    private String networkStep(NodeReport n, String prefix, Values env, Map<String, String> vars) {
        LayerStep step = (LayerStep) n.source();
        Network inner = (Network) step.getCallee();
        Values innerEnv = new Values(bindParameters(inner, step.getArgs(), env));
        String in = n.inputs().isEmpty() ? null : vars.get(n.inputs().get(0));
        String innerInput = inner.getInputs().get(0).getName();
        line("// " + JavaText.comment(inner.getName()) + " as " + JavaText.comment(n.name()) + ": "
                + JavaText.comment(describe(n.shape(), n.trainable())).replaceAll(" +", " "));
        Map<String, String> innerVars = network(n.children(), inner, prefix + n.name() + "/", innerEnv, Map.of(innerInput, in), Map.of());
        return output(innerVars, n.children(), inner);
    }

    /** Binds a network's parameters to a call's arguments (positional in declaration order, or by name). */
    static Map<Parameter, Object> bindParameters(Network inner, List<Argument> args, Values env) {
        Map<Parameter, Object> bound = new HashMap<>();
        int pos = 0;
        for (Argument a : args) {
            Parameter p = null;
            if (a.getName() == null) {
                p = pos < inner.getParameters().size() ? inner.getParameters().get(pos++) : null;
            } else {
                for (Parameter x : inner.getParameters()) {
                    if (a.getName().equals(x.getName())) {
                        p = x;
                    }
                }
            }
            if (p != null) {
                bound.put(p, env.eval(a.getValue()));
            }
        }
        return bound;
    }

    // ---- layers

    private String layer(NodeReport n, String prefix, Values env, Map<String, String> vars) {
        LayerStep step = n.source() instanceof LayerStep l ? l : null;
        String kind = n.kind();
        CatalogEntry entry = Catalog.layer(kind).orElseThrow(() -> new GeneratorException(
                "Cannot generate a program: " + kind + " is not a layer", n.source()));
        Map<String, Object> args = step == null ? Map.of() : env.bind(step.getArgs(), entry);
        List<String> ins = new ArrayList<>();
        for (String i : n.inputs()) {
            ins.add(vars.get(i));
        }
        String x = ins.isEmpty() ? null : ins.get(0);
        String graph = JavaText.string(graphName(prefix + n.name()));
        String v = local(prefix + n.name());
        Args a = new Args(args, entry, step);
        String call = switch (kind) {
            case "dense" -> {
                String act = activation(a.sym("activation"), step);
                boolean simple = a.bool("bias") && "xavier".equals(a.sym("init").name());
                yield simple ? "net.dense(" + graph + ", " + x + ", " + a.integer("units") + ", " + act + ")"
                        : "net.dense(" + graph + ", " + x + ", " + a.integer("units") + ", " + act + ", " + init(a.sym("init"))
                                + ", " + a.bool("bias") + ")";
            }
            case "flatten" -> "net.flatten(" + graph + ", " + x + ")";
            case "reshape" -> "net.reshape(" + graph + ", " + x + ", " + joinDims(dims(n.shape(), step, "reshape")) + ")";
            case "dropout" -> "net.dropout(" + graph + ", " + x + ", " + JavaText.number(a.real("rate")) + ")";
            case "activation" -> "net.activation(" + graph + ", " + x + ", " + activation(a.sym("fn"), step) + ")";
            case "conv2d", "deconv2d" -> {
                boolean simple = kind.equals("conv2d") && a.isSquare("kernel") && a.isSquare("stride") && a.isSquare("padding")
                        && a.ints("dilation")[0] == 1 && a.ints("dilation")[1] == 1 && a.bool("bias") && a.args.get("init") == null;
                if (simple) {
                    yield "net.conv2d(" + graph + ", " + x + ", " + a.integer("filters") + ", " + a.square("kernel") + ", "
                            + a.square("stride") + ", " + a.padding() + ", " + activation(a.sym("activation"), step) + ")";
                }
                String method = kind.equals("conv2d") ? "net.conv2d(" : "net.deconv2d(";
                yield method + graph + ", " + x + ", " + a.integer("filters") + ", " + a.pair("kernel") + ", " + a.pair("stride") + ", "
                        + a.padPair() + ", " + a.same() + ", " + a.pair("dilation") + ", " + activation(a.sym("activation"), step) + ", "
                        + init(a.sym("init")) + ", " + a.bool("bias") + ")";
            }
            case "conv1d" -> "net.conv1d(" + graph + ", " + x + ", " + a.integer("filters") + ", " + a.integer("kernel") + ", "
                    + a.integer("stride") + ", " + a.padOne() + ", " + a.same() + ", " + a.integer("dilation") + ", "
                    + activation(a.sym("activation"), step) + ", " + init(a.sym("init")) + ", " + a.bool("bias") + ")";
            case "maxpool1d", "avgpool1d" -> {
                int size = a.integer("size");
                int stride = a.args.get("stride") == null ? size : a.integer("stride");
                yield "net.pool1d(" + graph + ", " + x + ", " + kind.startsWith("max") + ", " + size + ", " + stride + ", " + a.padOne()
                        + ", " + a.same() + ")";
            }
            case "maxpool2d", "avgpool2d" -> {
                String method = kind.startsWith("max") ? "net.maxPool2d(" : "net.avgPool2d(";
                if (a.isSquare("size") && (a.args.get("stride") == null || a.isSquare("stride")) && a.isSquare("padding")) {
                    int size = a.square("size");
                    int stride = a.args.get("stride") == null ? size : a.square("stride");
                    int padding = a.padding();
                    yield stride == size && padding == 0 ? method + graph + ", " + x + ", " + size + ")"
                            : method + graph + ", " + x + ", " + size + ", " + stride + ", " + padding + ")";
                }
                String stride = a.args.get("stride") == null ? a.pair("size") : a.pair("stride");
                yield "net.pool2d(" + graph + ", " + x + ", " + kind.startsWith("max") + ", " + a.pair("size") + ", " + stride + ", "
                        + a.padPair() + ", " + a.same() + ")";
            }
            case "upsample2d" -> {
                int[] f = a.ints("factor");
                yield "net.upsample2d(" + graph + ", " + x + ", " + f[0] + ", " + f[1] + ")";
            }
            case "batchnorm" -> "net.batchnorm(" + graph + ", " + x + ", " + JavaText.number(a.real("momentum")) + ", "
                    + JavaText.number(a.real("epsilon")) + ")";
            case "layernorm" -> "net.layernorm(" + graph + ", " + x + ", " + JavaText.number(a.real("epsilon")) + ")";
            case "maxout" -> "net.maxout(" + graph + ", " + x + ", " + a.integer("units") + ", " + a.integer("pieces") + ", "
                    + init(a.sym("init")) + ")";
            case "globalavgpool" -> "net.globalAvgPool(" + graph + ", " + x + ")";
            case "globalmaxpool" -> "net.globalMaxPool(" + graph + ", " + x + ")";
            case "embedding" -> "net.embedding(" + graph + ", " + x + ", " + a.integer("vocab") + ", " + a.integer("dim")
                    + (a.args.get("init") == null ? "" : ", " + init(a.sym("init"))) + ")";
            case "rnn", "lstm", "gru" -> {
                boolean plainLstm = kind.equals("lstm") && !a.bool("bidirectional") && (a.sym("activation") == null || "tanh".equals(a.sym("activation").name()))
                        && a.args.get("init") == null;
                yield plainLstm ? "net.lstm(" + graph + ", " + x + ", " + a.integer("units") + ", " + a.bool("sequences") + ")"
                        : "net.recurrent(" + graph + ", " + x + ", Network.Cell." + kind.toUpperCase(Locale.ROOT) + ", " + a.integer("units")
                                + ", " + a.bool("sequences") + ", " + a.bool("bidirectional") + ", " + activation(a.sym("activation"), step)
                                + ", " + init(a.sym("init")) + ")";
            }
            case "attention" -> {
                String q = x, c = ins.size() > 1 ? ins.get(1) : x;
                boolean plain = a.real("dropout") == 0 && a.args.get("init") == null;
                yield "net.attention(" + graph + ", " + q + ", " + c + ", " + a.integer("heads") + ", " + a.integer("key_dim") + ", "
                        + a.bool("causal") + (plain ? "" : ", " + JavaText.number(a.real("dropout")) + ", " + init(a.sym("init"))) + ")";
            }
            case "concat" -> "net.concat(" + graph + ", " + a.integer("axis") + ", " + String.join(", ", ins) + ")";
            case "add" -> "net.add(" + graph + ", " + String.join(", ", ins) + ")";
            case "multiply" -> "net.multiply(" + graph + ", " + String.join(", ", ins) + ")";
            case "gaussian" -> {
                String g = local(prefix + n.name() + "_layer");
                line("Network.Gaussian " + g + " = net.gaussian(" + graph + ", " + x + ", " + a.integer("latent")
                        + (a.args.get("init") == null ? "" : ", " + init(a.sym("init"))) + ");");
                yield g + ".sample()";
            }
            default -> throw new GeneratorException("Cannot generate a program: the runtime has no " + kind + " layer", step);
        };
        line("SDVariable " + v + " = " + call + ";", describe(n.shape(), n.trainable()));
        return v;
    }

    /** Java for an activation: {@code Activation.RELU}, {@code Activation.leakyRelu(0.2)}. */
    static String activation(Values.Sym s, EObject at) {
        String name = s == null ? "linear" : s.name();
        return switch (name) {
            case "linear" -> "Activation.LINEAR";
            case "relu" -> "Activation.RELU";
            case "leakyrelu" -> {
                Object alpha = Values.argOrDefault(s.args(), Catalog.entry("leakyrelu").orElse(null), "alpha");
                yield "Activation.leakyRelu(" + JavaText.number(((Number) alpha).doubleValue()) + ")";
            }
            case "elu" -> {
                double alpha = ((Number) Values.argOrDefault(s.args(), Catalog.entry("elu").orElse(null), "alpha")).doubleValue();
                yield alpha == 1 ? "Activation.ELU" : "Activation.elu(" + JavaText.number(alpha) + ")";
            }
            case "gelu" -> "Activation.GELU";
            case "sigmoid" -> "Activation.SIGMOID";
            case "tanh" -> "Activation.TANH";
            case "softmax" -> "Activation.SOFTMAX";
            case "softplus" -> "Activation.SOFTPLUS";
            case "abs" -> "Activation.ABS";
            default -> throw new GeneratorException("Cannot generate a program: " + name + " is not an activation", at);
        };
    }

    /** Java for an initializer. */
    static String init(Values.Sym s) {
        String name = s == null ? "xavier" : s.name();
        return switch (name) {
            case "he" -> "Init.HE";
            case "zeros" -> "Init.ZEROS";
            case "normal" -> {
                Object std = Values.argOrDefault(s.args(), Catalog.entry("normal").orElse(null), "std");
                yield "Init.normal(" + JavaText.number(((Number) std).doubleValue()) + ")";
            }
            default -> "Init.XAVIER";
        };
    }

    /** The bound arguments of one layer step, with catalogue defaults. */
    private static final class Args {
        final Map<String, Object> args;
        final CatalogEntry entry;
        final EObject at;

        Args(Map<String, Object> args, CatalogEntry entry, EObject at) {
            this.args = args;
            this.entry = entry;
            this.at = at;
        }

        Object get(String name) {
            return Values.argOrDefault(args, entry, name);
        }

        int integer(String name) {
            Object v = get(name);
            if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) (long) l;
            }
            throw new GeneratorException("Cannot generate a program: " + entry.name() + "'s " + name + " is " + v
                    + ", not an integer the runtime can take", at);
        }

        double real(String name) {
            Object v = get(name);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new GeneratorException("Cannot generate a program: " + entry.name() + "'s " + name + " is not a number", at);
        }

        boolean bool(String name) {
            return Boolean.TRUE.equals(get(name));
        }

        Values.Sym sym(String name) {
            Object v = get(name);
            return v instanceof Values.Sym s ? s : null;
        }

        /** An int, or a pair of two equal ints. */
        int square(String name) {
            Object v = get(name);
            if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Long h && h.equals(l.get(1))) {
                return (int) (long) h;
            }
            if (v instanceof List<?>) {
                throw unsupported(name + " with two different sizes");
            }
            return integer(name);
        }

        /** An int k as (k, k), or a pair (a, b). */
        int[] ints(String name) {
            Object v = get(name);
            if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Long h && l.get(1) instanceof Long w) {
                return new int[] {Math.toIntExact(h), Math.toIntExact(w)};
            }
            int k = integer(name);
            return new int[] {k, k};
        }

        /** Java for {@link #ints}: {@code new int[] {kh, kw}}. */
        String pair(String name) {
            int[] p = ints(name);
            return "new int[] {" + p[0] + ", " + p[1] + "}";
        }

        boolean isSquare(String name) {
            Object v = get(name);
            return !(v instanceof List<?> l) || l.size() == 2 && l.get(0).equals(l.get(1));
        }

        /** Whether the padding is {@code same}. */
        boolean same() {
            return get("padding") instanceof Values.Sym s && "same".equals(s.name());
        }

        /** Java for an explicit (ph, pw) padding; (0, 0) for valid and same. */
        String padPair() {
            Object v = get("padding");
            if (v instanceof Values.Sym || v == null) {
                return "new int[] {0, 0}";
            }
            return pair("padding");
        }

        /** An explicit 1-d padding; 0 for valid and same. */
        int padOne() {
            Object v = get("padding");
            return v instanceof Values.Sym || v == null ? 0 : integer("padding");
        }

        /** -1 for same, else the padding. */
        int padding() {
            Object v = get("padding");
            if (v instanceof Values.Sym s) {
                return "same".equals(s.name()) ? -1 : 0;
            }
            return v == null ? 0 : square("padding");
        }

        GeneratorException unsupported(String what) {
            return new GeneratorException("Cannot generate a program yet: the runtime's " + entry.name() + " does not support "
                    + what + "; remove it or use the default", at);
        }
    }
}
