package org.nnet.core.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.nnet.core.shape.Shape;

/**
 * What a node costs before anything is trained: forward floating-point operations per sample (a multiply-add
 * counts two) and the bytes of its output activation per sample (float32). Both come from the inferred shapes
 * and parameter counts alone, so they are estimates of the work, not measurements: a weight applied at every
 * output position costs two operations per position, an element-wise step one per element (batch and layer
 * normalisation four), pooling one per input element, attention its projections plus 4·Tq·Tc·h·k for the
 * scores and the weighted sum. Reshaping, concatenating and looking up embeddings cost nothing.
 *
 * @param flops           forward operations per sample, or {@code null} when a size is unknown
 * @param activationBytes bytes of the node's output per sample, or {@code null} when a size is unknown
 */
public record Cost(Long flops, Long activationBytes) {

    /** Bytes of one activation (float32, what the runtime trains in). */
    public static final long BYTES_PER_VALUE = 4;

    private static final Cost UNKNOWN = new Cost(null, null);

    /** The cost of every node of a report (also of the children of networks used as steps), by node. */
    public static Map<NodeReport, Cost> of(ModelReport report) {
        Map<NodeReport, Cost> costs = new IdentityHashMap<>();
        Map<String, Shape> shapes = new HashMap<>();
        for (Port p : report.inputs()) {
            shapes.put(p.name(), p.shape());
        }
        List<NodeReport> nodes = new ArrayList<>(report.nodes());
        if (report.gaussian() != null && !nodes.contains(report.gaussian())) {
            nodes.add(report.gaussian());
        }
        collect(nodes, shapes, costs);
        return costs;
    }

    /** The sum of the top-level nodes' costs of a report: one sample's forward pass and its activations. */
    public static Cost total(ModelReport report) {
        Map<NodeReport, Cost> costs = of(report);
        Cost sum = new Cost(0L, 0L);
        for (NodeReport n : report.nodes()) {
            if (!"input".equals(n.kind())) {
                sum = sum.plus(costs.getOrDefault(n, UNKNOWN));
            }
        }
        if (report.gaussian() != null && !report.nodes().contains(report.gaussian())) {
            sum = sum.plus(costs.getOrDefault(report.gaussian(), UNKNOWN));
        }
        return sum;
    }

    /**
     * The memory a training needs at a batch size, estimated: the parameters with their gradients and the
     * optimizer's slots per parameter ({@link #optimizerSlots}), plus each sample's
     * activations kept for the backward pass and their gradients; {@code null} when a size is unknown.
     */
    public static Long trainingBytes(ModelReport report, long batch, int optimizerSlots) {
        Cost t = total(report);
        if (t.activationBytes == null || report.total() == null) {
            return null;
        }
        long params = report.total() * BYTES_PER_VALUE * (2 + optimizerSlots);
        return Math.addExact(params, Math.multiplyExact(batch, Math.multiplyExact(2L, t.activationBytes)));
    }

    /**
     * The state an optimizer keeps per parameter, by its name in the language: two moments for the Adam family,
     * one buffer for the others (SGD's momentum, counted also when its momentum is 0: an upper bound).
     */
    public static int optimizerSlots(String optimizer) {
        return optimizer != null && optimizer.startsWith("adam") || "nadam".equals(optimizer) ? 2 : 1;
    }

    /** Operations with a unit: {@code 2.1 MFLOPs}, {@code 850 FLOPs}. */
    public static String formatFlops(long flops) {
        return scaled(flops, 1000, new String[] {" FLOPs", " kFLOPs", " MFLOPs", " GFLOPs", " TFLOPs"});
    }

    /** Bytes with a binary unit: {@code 18.4 KB}, {@code 40 B}. */
    public static String formatBytes(long bytes) {
        return scaled(bytes, 1024, new String[] {" B", " KB", " MB", " GB", " TB"});
    }

    private static String scaled(long value, int step, String[] units) {
        double v = value;
        int u = 0;
        while (Math.abs(v) >= step && u < units.length - 1) {
            v /= step;
            u++;
        }
        return u == 0 ? value + units[0] : String.format(java.util.Locale.ROOT, "%.1f%s", v, units[u]);
    }

    /** This cost plus another; unknown when either is. */
    public Cost plus(Cost other) {
        return new Cost(flops == null || other.flops == null ? null : flops + other.flops,
                activationBytes == null || other.activationBytes == null ? null : activationBytes + other.activationBytes);
    }

    private static void collect(List<NodeReport> nodes, Map<String, Shape> shapes, Map<NodeReport, Cost> costs) {
        for (NodeReport n : nodes) {
            if ("input".equals(n.kind())) {
                shapes.put(n.name(), n.shape());
                continue;
            }
            List<Shape> ins = new ArrayList<>();
            for (String in : n.inputs()) {
                ins.add(shapes.getOrDefault(in, Shape.UNKNOWN));
            }
            Cost c;
            if (n.isNetworkStep()) {
                Map<String, Shape> inner = new HashMap<>();
                List<NodeReport> children = n.children();
                int i = 0;
                for (NodeReport child : children) {
                    if ("input".equals(child.kind()) && i < ins.size()) {
                        inner.put(child.name(), ins.get(i++));
                    }
                }
                collect(children, inner, costs);
                c = new Cost(0L, 0L);
                for (NodeReport child : children) {
                    if (!"input".equals(child.kind())) {
                        c = c.plus(costs.getOrDefault(child, UNKNOWN));
                    }
                }
                c = new Cost(c.flops, bytes(n.shape()));
            } else {
                c = new Cost(flops(n, ins), bytes(n.shape()));
            }
            costs.put(n, c);
            shapes.put(n.name(), n.shape());
        }
    }

    private static Long bytes(Shape s) {
        Long e = elements(s);
        return e == null ? null : e * BYTES_PER_VALUE;
    }

    private static Long elements(Shape s) {
        return s == null || !s.isRankKnown() ? null : s.product();
    }

    private static Long flops(NodeReport n, List<Shape> ins) {
        Shape in = ins.isEmpty() ? Shape.UNKNOWN : ins.get(0);
        Long out = elements(n.shape());
        Long inE = elements(in);
        Long p = n.trainable();
        try {
            return switch (n.kind()) {
                case "dense", "maxout", "gaussian" -> weighted(p, positions(n.shape(), n.shape().isRankKnown()
                        && n.shape().rank() == 2 ? n.shape().size(0) : Long.valueOf(1L)), out);
                case "conv1d" -> weighted(p, n.shape().isRankKnown() ? n.shape().size(0) : null, out);
                case "conv2d" -> weighted(p, spatial(n.shape()), out);
                case "deconv2d" -> weighted(p, spatial(in), out);
                case "rnn", "lstm", "gru" -> weighted(p, in.isRankKnown() && in.rank() == 2 ? in.size(0) : null, out);
                case "attention" -> attention(p, in, ins.size() > 1 ? ins.get(1) : in);
                case "maxpool1d", "avgpool1d", "maxpool2d", "avgpool2d", "globalavgpool", "globalmaxpool" -> inE;
                case "batchnorm", "layernorm" -> out == null ? null : 4 * out;
                case "activation", "dropout" -> out;
                case "add", "multiply" -> out == null ? null : out * Math.max(1, ins.size() - 1);
                case "embedding", "flatten", "reshape", "concat", "upsample2d" -> 0L;
                default -> null;
            };
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    private static Long positions(Shape s, Long n) {
        return s.isRankKnown() ? n : null;
    }

    private static Long spatial(Shape s) {
        if (!s.isRankKnown() || s.rank() != 3 || s.size(1) == null || s.size(2) == null) {
            return null;
        }
        return s.size(1) * s.size(2);
    }

    /** Two operations per parameter per position, plus one per output element for the activation. */
    private static Long weighted(Long params, Long positions, Long out) {
        if (params == null || positions == null || out == null) {
            return null;
        }
        return Math.addExact(Math.multiplyExact(2L, Math.multiplyExact(params, positions)), out);
    }

    /** Projections of query and context, then scores and weighted sum: 4·Tq·Tc·h·k. */
    private static Long attention(Long p, Shape query, Shape context) {
        if (p == null || !query.isRankKnown() || !context.isRankKnown() || query.rank() != 2 || context.rank() != 2) {
            return null;
        }
        Long tq = query.size(0), d = query.size(1), tc = context.size(0), e = context.size(1);
        if (tq == null || d == null || tc == null || e == null) {
            return null;
        }
        // parameters = d·hk + 2e·hk + hk·d + 3hk + d (Layers), so hk follows from them
        long hk = (p - d) / (2 * d + 2 * e + 3);
        long projections = 2 * (d * hk * tq + 2 * e * hk * tc + hk * d * tq);
        return Math.addExact(projections, Math.multiplyExact(4L, Math.multiplyExact(tq * tc, hk)));
    }
}
