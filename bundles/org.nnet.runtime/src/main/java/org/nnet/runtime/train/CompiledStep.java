package org.nnet.runtime.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.graph.Network;
import org.nnet.runtime.graph.Network.Layer;

/**
 * A training step compiled from a network's layer records ({@link Network#layers()}) instead of interpreted from its
 * SameDiff graph: a fixed schedule of forward, loss, backward and update over buffers allocated once per batch size.
 * Kernels are ND4J's (GEMM through OpenBLAS into preallocated outputs, element-wise ops in place, the native updater
 * ops of {@link Optimizer}); no gradient is computed that nobody reads (never the input gradient of the first layer),
 * softmax and cross-entropy are fused (the gradient at the logits is {@code (p·Σy - y)/n}).
 *
 * <p>The step reads and updates the very parameter arrays of the graph, so checkpoints, {@code --resume}, evaluation
 * (still on the graph) and the non-finite search ({@link GraphStep#locate}) see what it trained.
 *
 * <p>It compiles the layers the loss depends on, from one data input, when {@link Stages#unsupported} accepts each
 * (branches and joins included: a node read by several layers sums their gradients); anything else leaves the task on
 * the graph step, and {@link #compile} says why.
 */
final class CompiledStep {
    /** The outcome of {@link #compile}: a step, or null and the reason the graph step is used. */
    record Compilation(CompiledStep step, String reason) {
        /** The line a training prints about its step. */
        String describe() {
            return step != null ? "Training step: compiled (" + step.summary() + ")" : "Training step: graph (" + reason + ")";
        }
    }

    /** Set {@code -Dnnet.step=graph} to train on the graph step even where the compiled one exists (for comparisons). */
    static final String PROPERTY = "nnet.step";

    private final Network net;
    private final List<Layer> chain;
    private final Layer lossLayer;
    private final String input;
    private final String target;
    private final String output;
    private final Map<String, INDArray> grads = new LinkedHashMap<>();
    private final Map<Long, Stages> plans = new HashMap<>();
    private Stages last;

    private CompiledStep(Network net, List<Layer> chain, Layer lossLayer, String output) {
        this.net = net;
        this.chain = chain;
        this.lossLayer = lossLayer;
        this.input = chain.get(0).output();
        this.target = lossLayer.inputs().get(1);
        this.output = output;
        SameDiff sd = net.sd();
        for (Layer l : chain) {
            for (String p : l.params()) {
                INDArray v = sd.getVariable(p).getArr();
                grads.put(p, Nd4j.createUninitialized(v.dataType(), v.shape()));
            }
        }
    }

    /**
     * Compiles the step that trains {@code params} of the network on the loss node, or says why it cannot.
     *
     * @param output the node whose value the task's metrics read
     */
    static Compilation compile(Network net, String output, String loss, List<String> params) {
        if ("graph".equals(System.getProperty(PROPERTY))) {
            return new Compilation(null, "-D" + PROPERTY + "=graph");
        }
        Layer lossLayer = net.layer(loss);
        if (lossLayer == null) {
            return new Compilation(null, "the loss '" + loss + "' was not made by a loss of the runtime");
        }
        if (!Stages.LOSSES.contains(lossLayer.kind())) {
            return new Compilation(null, "the " + lossLayer.kind() + " loss is not compiled yet");
        }
        Layer targetLayer = net.layer(lossLayer.inputs().get(1));
        if (targetLayer == null || !targetLayer.kind().equals("input")) {
            return new Compilation(null, "the loss's targets are not a data input");
        }
        // every layer the loss depends on, checked, then in the order the network was built (a topological order)
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(lossLayer.inputs().get(0)));
        while (!todo.isEmpty()) {
            String node = todo.pop();
            if (!needed.add(node)) {
                continue;
            }
            Layer l = net.layer(node);
            if (l == null) {
                return new Compilation(null, "node '" + node + "' is made by SameDiff operations, not a layer");
            }
            String why = Stages.unsupported(net, l);
            if (why != null) {
                return new Compilation(null, "layer '" + l.output() + "' (" + l.kind() + ") " + why);
            }
            todo.addAll(Stages.nodeInputs(l));
        }
        List<Layer> chain = net.layers().stream().filter(l -> needed.contains(l.output())).toList();
        if (chain.stream().filter(l -> l.kind().equals("input")).count() != 1 || !chain.get(0).kind().equals("input")) {
            return new Compilation(null, "the loss does not depend on exactly one data input");
        }
        if (chain.size() < 2) {
            return new Compilation(null, "the loss reads an input directly");
        }
        if (chain.stream().noneMatch(l -> l.output().equals(output))) {
            return new Compilation(null, "the output '" + output + "' is not on the path to the loss");
        }
        if (lossLayer.kind().equals("cross_entropy") && !Stages.softmax(net.layer(lossLayer.inputs().get(0)))) {
            return new Compilation(null, "cross_entropy of an output that is not a softmax is not compiled yet");
        }
        List<String> reached = chain.stream().flatMap(l -> l.params().stream()).toList();
        for (String p : params) {
            if (!reached.contains(p)) {
                return new Compilation(null, "parameter '" + p + "' does not reach the loss through compiled layers");
            }
        }
        return new Compilation(new CompiledStep(net, chain, lossLayer, output), null);
    }

    /** The layer kinds of the chain and the loss, for the log. */
    String summary() {
        List<String> kinds = new ArrayList<>();
        for (Layer l : chain.subList(1, chain.size())) {
            kinds.add(l.kind() + " " + l.output());
        }
        return String.join(", ", kinds) + "; " + lossLayer.kind() + " loss";
    }

    /**
     * Forward, loss and backward on one batch: returns the loss and leaves every parameter's gradient in
     * {@link #gradients()} and the output in {@link #output()}. Dropout masks are drawn from ND4J's generator.
     */
    double forwardBackward(Map<String, INDArray> batch) {
        INDArray x = checked(batch, input);
        INDArray y = checked(batch, target);
        long n = x.size(0);
        if (y.size(0) != n) {
            throw new IllegalArgumentException("The batch has " + n + " samples of '" + input + "' but " + y.size(0) + " of '" + target + "'.");
        }
        last = plans.computeIfAbsent(n, k -> new Stages(net, chain, lossLayer, k, grads));
        return last.run(x, y);
    }

    /** A field of the batch, if its samples have the shape of the network's input of that name. */
    private INDArray checked(Map<String, INDArray> batch, String name) {
        INDArray a = batch.get(name);
        if (a == null) {
            throw new IllegalArgumentException("The batch has no field '" + name + "', which the network reads.");
        }
        long[] s = a.shape();
        long[] want = net.shape(name);
        if (!java.util.Arrays.equals(java.util.Arrays.copyOfRange(s, 1, s.length), want)) {
            throw new IllegalArgumentException("The samples of '" + name + "' have the shape " + java.util.Arrays.toString(
                    java.util.Arrays.copyOfRange(s, 1, s.length)) + " but the network's input has " + java.util.Arrays.toString(want) + ".");
        }
        return a;
    }

    /** The gradients of the last {@link #forwardBackward}, by parameter name (arrays reused by the next step). */
    Map<String, INDArray> gradients() {
        return grads;
    }

    /** The output node's value in the last {@link #forwardBackward} (a buffer reused by the next step). */
    INDArray output() {
        return last.value(output);
    }

    /** The dropout mask a layer used in the last {@link #forwardBackward}, for tests that replay the step on the graph. */
    INDArray mask(String layer) {
        return last.value(layer + "/mask");
    }

    /**
     * Where the last {@link #forwardBackward} first went non-finite: a parameter, else the data input or the first layer
     * (by its .nnet name) whose output holds NaN or infinity, else the loss; null before any step.
     */
    String locate() {
        if (last == null) {
            return null;
        }
        for (Layer l : chain) {
            for (String p : l.params()) {
                if (!GraphStep.finite(net.sd().getVariable(p).getArr())) {
                    return GraphStep.describe(p) + ", a parameter";
                }
            }
        }
        for (Layer l : chain) {
            if (!GraphStep.finite(last.value(l.output()))) {
                return l.kind().equals("input") ? "the input " + l.output() : "layer " + l.output() + " (" + l.kind() + ")";
            }
        }
        return "the " + lossLayer.kind() + " loss " + lossLayer.output();
    }

    /** The data type of the network. */
    DataType dataType() {
        return net.dataType();
    }
}
