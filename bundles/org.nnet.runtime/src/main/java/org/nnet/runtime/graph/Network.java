package org.nnet.runtime.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network under construction: one SameDiff graph, the static shape of each node, and the noise
 * inputs its stochastic layers need. Every method adds one layer and returns its output node,
 * named after the layer. Shapes are given and returned without the batch axis, as in the language.
 *
 * <p>Layouts: dense weights {@code [in, units]}; conv2d weights {@code [kh, kw, in, filters]} on
 * channels-first images; lstm gates in the order input, forget, cell, output.
 */
public final class Network {
    private final SameDiff sd;
    private final DataType dataType;
    private final Random random;
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, Noise> noise = new LinkedHashMap<>();
    /** The 0/1 switches of the gaussian layers between the posterior sample (1) and the prior (0). */
    private final List<String> posteriorFlags = new ArrayList<>();
    /** Running statistics of batchnorm layers: state variable name to the batch statistic node that updates it. */
    private final Map<String, RunningStat> state = new LinkedHashMap<>();
    private SDVariable trainingFlag;
    /** What each builder call added, by output node name, in call order. */
    private final Map<String, Layer> layers = new LinkedHashMap<>();

    /** A noise placeholder: a dropout mask (keep probability in (0, 1]) or standard normal samples (keep = -1). */
    private record Noise(long[] sampleShape, double keep) {
    }

    /** A running statistic: updated after each training step as {@code momentum*value + (1-momentum)*batch}. */
    private record RunningStat(String batchNode, double momentum) {
    }

    /**
     * One builder call: what a training step compiled from the network needs to know about it.
     *
     * @param kind       the layer's kind as in the language ({@code dense}, {@code dropout}, ...) or the loss's
     *                   ({@code cross_entropy}, ...); {@code input} for a placeholder
     * @param output     the node it made (the layer's name in the .nnet)
     * @param inputs     the nodes it reads (for a dropout also its mask placeholder; for a loss prediction then target)
     * @param params     its trainable parameters, by variable name (the weights first)
     * @param activation its activation, or null
     * @param args       further settings: a dropout's keep probability; a convolution's
     *                   {@code kh, kw, sh, sw, ph, pw, same (1 or 0), dh, dw}; a pooling's {@code kh, kw, sh, sw, ph, pw, same}
     */
    public record Layer(String kind, String output, List<String> inputs, List<String> params, Activation activation, double... args) {
    }

    /** The nodes of a {@link #gaussian} layer. */
    public record Gaussian(SDVariable sample, SDVariable mean, SDVariable logVariance, SDVariable kl) {
    }

    /** A float32 network whose weights are drawn with the given seed. */
    public Network(long seed) {
        this(seed, DataType.FLOAT);
    }

    /** A network of the given floating-point type (DOUBLE for gradient checks). */
    public Network(long seed, DataType dataType) {
        this.sd = SameDiff.create();
        this.dataType = dataType;
        this.random = new Random(seed);
    }

    /** The graph. */
    public SameDiff sd() {
        return sd;
    }

    /** The floating-point type of weights and activations. */
    public DataType dataType() {
        return dataType;
    }

    /** The shape of a node without the batch axis. */
    public long[] shape(SDVariable node) {
        long[] s = shapes.get(node.name());
        if (s == null) {
            throw new IllegalArgumentException("No shape is known for node '" + node.name() + "'.");
        }
        return s.clone();
    }

    /** Names of the trainable parameters, in creation order. */
    public List<String> parameterNames() {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE && !state.containsKey(v.name()))
                .map(SDVariable::name).toList();
    }

    /** Names of the non-trainable state variables (batchnorm's running mean and variance), saved with the parameters. */
    public List<String> stateNames() {
        return List.copyOf(state.keySet());
    }

    /** The graph nodes whose values (from a training step) {@link #updateState} needs. */
    public List<String> stateInputs() {
        return state.values().stream().map(RunningStat::batchNode).toList();
    }

    /** Moves every running statistic towards its batch value computed in a training step. */
    public void updateState(Map<String, INDArray> values) {
        state.forEach((name, stat) -> {
            INDArray batch = values.get(stat.batchNode());
            if (batch != null) {
                INDArray v = sd.getVariable(name).getArr();
                v.muli(stat.momentum()).addi(batch.reshape(v.shape()).castTo(v.dataType()).mul(1 - stat.momentum()));
            }
        });
    }

    /** The builder calls so far, in order. */
    public List<Layer> layers() {
        return List.copyOf(layers.values());
    }

    /** The layer (or loss, or input) that made a node; null for nodes made with SameDiff directly. */
    public Layer layer(String node) {
        return layers.get(node);
    }

    /** The shape of a node, by name, without the batch axis. */
    public long[] shape(String node) {
        long[] s = shapes.get(node);
        if (s == null) {
            throw new IllegalArgumentException("No shape is known for node '" + node + "'.");
        }
        return s.clone();
    }

    /** Total number of trainable parameters. */
    public long parameterCount() {
        return parameterNames().stream().mapToLong(n -> sd.getVariable(n).getArr().length()).sum();
    }

    // ---- inputs and plumbing ------------------------------------------------------------------

    /** A floating-point input of the given sample shape. */
    public SDVariable input(String name, long... shape) {
        return record(new Layer("input", name, List.of(), List.of(), null), sd.placeHolder(name, dataType, withBatch(shape)), shape);
    }

    /** An integer token input of the given sample shape (e.g. {@code [time]}). */
    public SDVariable tokenInput(String name, long... shape) {
        return node("token input", sd.placeHolder(name, DataType.INT32, withBatch(shape)), shape);
    }

    /** {@code flatten()}. */
    public SDVariable flatten(String name, SDVariable x) {
        return reshape(name, x, product(shape(x)));
    }

    /** {@code reshape([shape])}. */
    public SDVariable reshape(String name, SDVariable x, long... shape) {
        if (product(shape) != product(shape(x))) {
            throw new IllegalArgumentException(name + ": cannot reshape " + Arrays.toString(shape(x)) + " to " + Arrays.toString(shape));
        }
        return record(new Layer("reshape", name, List.of(x.name()), List.of(), null), sd.reshape(name, x, withBatch(shape)), shape);
    }

    /** {@code activation(fn)}. */
    public SDVariable activation(String name, SDVariable x, Activation fn) {
        return record(new Layer("activation", name, List.of(x.name()), List.of(), fn), fn.apply(sd, name, x, shape(x).length + 1), shape(x));
    }

    /** Names a node computed with SameDiff's own operations and records its shape (without the batch axis). */
    public SDVariable custom(String name, SDVariable x, long... shape) {
        return node("custom", sd.identity(name, x), shape);
    }

    /** {@code concat(a, b, …, axis:)}; the axis does not count the batch axis. */
    public SDVariable concat(String name, int axis, SDVariable... xs) {
        long[] s = shape(xs[0]);
        for (int i = 1; i < xs.length; i++) {
            s[axis] += shape(xs[i])[axis];
        }
        return record(new Layer("concat", name, names(xs), List.of(), null, axis), sd.concat(name, axis + 1, xs), s);
    }

    /** {@code add(a, b, …)}. */
    public SDVariable add(String name, SDVariable... xs) {
        SDVariable sum = xs[0];
        for (int i = 1; i < xs.length; i++) {
            sum = i == xs.length - 1 ? sd.math.add(name, sum, xs[i]) : sum.add(xs[i]);
        }
        return record(new Layer("add", name, names(xs), List.of(), null), xs.length == 1 ? sd.identity(name, sum) : sum, shape(xs[0]));
    }

    // ---- layers --------------------------------------------------------------------------------

    /** {@code dense(units, activation:)} with Xavier initialisation and a bias. */
    public SDVariable dense(String name, SDVariable x, int units, Activation fn) {
        return dense(name, x, units, fn, Init.XAVIER, true);
    }

    /** {@code dense(units, activation:, init:, bias:)}; on a sequence {@code [T, f]} it applies per time step. */
    public SDVariable dense(String name, SDVariable x, int units, Activation fn, Init init, boolean bias) {
        long[] in = shape(x);
        long f = in[in.length - 1];
        SDVariable w = weight(name + "/W", init, f, units, f, units);
        SDVariable z = perStep(x, in, w, units);
        SDVariable b = bias ? zeros(name + "/b", units) : null;
        if (bias) {
            z = z.add(b);
        }
        long[] out = in.clone();
        out[out.length - 1] = units;
        return record(new Layer("dense", name, List.of(x.name()), params(w, b), fn), fn.apply(sd, name, z, out.length + 1), out);
    }

    /**
     * {@code dropout(rate)}: multiplies by a mask fed at every step (inverted dropout: kept units are
     * scaled by 1/(1-rate) while training, so nothing changes at evaluation, when the mask is all ones).
     */
    public SDVariable dropout(String name, SDVariable x, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1) but is " + rate);
        }
        SDVariable mask = sd.placeHolder(name + "/mask", dataType, withBatch(shape(x)));
        noise.put(mask.name(), new Noise(shape(x), 1 - rate));
        return record(new Layer("dropout", name, List.of(x.name(), mask.name()), List.of(), null, 1 - rate), sd.math.mul(name, x, mask),
                shape(x));
    }

    /**
     * {@code gaussian(latent)}: mean and log-variance heads and the sample
     * {@code z = mu + exp(logvar/2) * eps}, with eps fed as standard normal noise. {@code kl} is the
     * batch mean of {@code -1/2 sum(1 + logvar - mu^2 - exp(logvar))}. A switch placeholder {@code p}
     * makes it {@code z = p·mu + exp(p·logvar/2) * eps}: {@link #noiseFeeds} sets p = 1 (the layer as above),
     * {@link #priorFeeds} p = 0, so that z is the fed noise itself and the decoder draws from the prior.
     */
    public Gaussian gaussian(String name, SDVariable x, int latent) {
        return gaussian(name, x, latent, Init.XAVIER);
    }

    /** {@code gaussian(latent, init:)}. */
    public Gaussian gaussian(String name, SDVariable x, int latent, Init init) {
        SDVariable mean = dense(name + "/mean", x, latent, Activation.LINEAR, init, true);
        SDVariable logVar = dense(name + "/logvar", x, latent, Activation.LINEAR, init, true);
        SDVariable eps = sd.placeHolder(name + "/eps", dataType, -1, latent);
        noise.put(eps.name(), new Noise(new long[] {latent}, -1));
        SDVariable posterior = sd.placeHolder(name + "/posterior", dataType, 1);
        posteriorFlags.add(posterior.name());
        SDVariable z = node("gaussian", sd.math.add(name, mean.mul(posterior), sd.math.exp(logVar.mul(posterior.mul(0.5))).mul(eps)),
                new long[] {latent});
        SDVariable perSample = sd.sum(logVar.add(1.0).sub(mean.mul(mean)).sub(sd.math.exp(logVar)), 1).mul(-0.5);
        SDVariable kl = sd.mean(name + "/kl", perSample);
        return new Gaussian(z, mean, logVar, kl);
    }

    /** {@code conv2d(filters, kernel:, stride:, padding:)} on {@code [c, h, w]}; padding -1 means {@code same}. */
    public SDVariable conv2d(String name, SDVariable x, int filters, int kernel, int stride, int padding, Activation fn) {
        long[] in = shape(x);
        long c = in[0];
        SDVariable w = weight(name + "/W", Init.XAVIER, c * kernel * kernel, (long) filters * kernel * kernel, kernel, kernel, c, filters);
        SDVariable b = zeros(name + "/b", filters);
        boolean same = padding < 0;
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride).pH(same ? 0 : padding)
                .pW(same ? 0 : padding).dH(1).dW(1).paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO).build();
        SDVariable z = sd.cnn.conv2d(name + "/z", x, w, b, cfg);
        long[] out = {filters, outLength(in[1], kernel, stride, padding), outLength(in[2], kernel, stride, padding)};
        return record(new Layer("conv2d", name, List.of(x.name()), params(w, b), fn, kernel, kernel, stride, stride, same ? 0 : padding,
                same ? 0 : padding, same ? 1 : 0, 1, 1), fn.apply(sd, name, z, 4), out);
    }

    /** {@code maxpool2d(size)} with stride = size, no padding. */
    public SDVariable maxPool2d(String name, SDVariable x, int size) {
        long[] in = shape(x);
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(size).kW(size).sH(size).sW(size).pH(0).pW(0).paddingMode(PaddingMode.VALID)
                .isNHWC(false).build();
        return record(new Layer("maxpool2d", name, List.of(x.name()), List.of(), null, size, size, size, size, 0, 0, 0), sd.cnn.maxPooling2d(name, x, cfg),
                new long[] {in[0], outLength(in[1], size, size, 0), outLength(in[2], size, size, 0)});
    }

    /** {@code maxpool2d(size, stride:, padding:)} on {@code [c, h, w]}; padding -1 means {@code same}. */
    public SDVariable maxPool2d(String name, SDVariable x, int size, int stride, int padding) {
        return pool2d(name, x, true, size, stride, padding);
    }

    /** {@code avgpool2d(size)} with stride = size, no padding. */
    public SDVariable avgPool2d(String name, SDVariable x, int size) {
        return pool2d(name, x, false, size, size, 0);
    }

    /**
     * {@code avgpool2d(size, stride:, padding:)} on {@code [c, h, w]}; padding -1 means {@code same}.
     * Padded positions do not count in the average.
     */
    public SDVariable avgPool2d(String name, SDVariable x, int size, int stride, int padding) {
        return pool2d(name, x, false, size, stride, padding);
    }

    private SDVariable pool2d(String name, SDVariable x, boolean max, int size, int stride, int padding) {
        long[] in = shape(x);
        boolean same = padding < 0;
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(size).kW(size).sH(stride).sW(stride).pH(same ? 0 : padding)
                .pW(same ? 0 : padding).paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).extra(0).isNHWC(false).build();
        SDVariable y = max ? sd.cnn.maxPooling2d(name, x, cfg) : sd.cnn.avgPooling2d(name, x, cfg);
        Layer l = new Layer(max ? "maxpool2d" : "avgpool2d", name, List.of(x.name()), List.of(), null, size, size, stride, stride,
                same ? 0 : padding, same ? 0 : padding, same ? 1 : 0);
        return record(l, y, new long[] {in[0], outLength(in[1], size, stride, padding), outLength(in[2], size, stride, padding)});
    }

    /** {@code globalavgpool()}: {@code [c, h, w] -> [c]} (mean over the spatial axes), {@code [T, f] -> [f]} (mean over time). */
    public SDVariable globalAvgPool(String name, SDVariable x) {
        long[] in = shape(x);
        return record(new Layer("globalavgpool", name, List.of(x.name()), List.of(), null), sd.mean(name, x, globalAxes(in)),
                new long[] {globalChannels(in)});
    }

    /** {@code globalmaxpool()}: {@code [c, h, w] -> [c]}, {@code [T, f] -> [f]}. */
    public SDVariable globalMaxPool(String name, SDVariable x) {
        long[] in = shape(x);
        return node("globalmaxpool", sd.max(name, x, globalAxes(in)), new long[] {globalChannels(in)});
    }

    private static int[] globalAxes(long[] in) {
        // with the batch axis: an image [n, c, h, w] pools axes 2 and 3, a sequence [n, T, f] axis 1
        return in.length == 3 ? new int[] {2, 3} : new int[] {1};
    }

    private static long globalChannels(long[] in) {
        return in.length == 3 ? in[0] : in[in.length - 1];
    }

    /** {@code multiply(a, b, …)}: the element-wise product. */
    public SDVariable multiply(String name, SDVariable... xs) {
        SDVariable product = xs[0];
        for (int i = 1; i < xs.length; i++) {
            product = i == xs.length - 1 ? sd.math.mul(name, product, xs[i]) : product.mul(xs[i]);
        }
        return node("multiply", xs.length == 1 ? sd.identity(name, product) : product, shape(xs[0]));
    }

    /** {@code embedding(vocab, dim:)}: {@code [T] of token -> [T, dim]}. */
    public SDVariable embedding(String name, SDVariable tokens, int vocab, int dim) {
        return embedding(name, tokens, vocab, dim, Init.normal(0.05));
    }

    /** {@code embedding(vocab, dim:, init:)}. */
    public SDVariable embedding(String name, SDVariable tokens, int vocab, int dim, Init init) {
        SDVariable w = weight(name + "/W", init, vocab, dim, vocab, dim);
        long[] in = shape(tokens);
        long[] out = Arrays.copyOf(in, in.length + 1);
        out[in.length] = dim;
        // one-hot times W rather than gather: gather's gradient is wrong for 2-d indices in M2.1
        SDVariable oneHot = sd.oneHot(tokens, vocab, -1, 1.0, 0.0, dataType);
        long[] oneHotShape = Arrays.copyOf(in, in.length + 1);
        oneHotShape[in.length] = vocab;
        return node("embedding", sd.identity(name, perStep(oneHot, oneHotShape, w, dim)), out);
    }

    /**
     * {@code lstm(units, sequences:)} on {@code [T, f]}, unrolled over the static T: gates
     * {@code [i f g o] = x_t W + h_{t-1} U + b}, {@code c_t = f*c_{t-1} + i*g}, {@code h_t = o*tanh(c_t)}.
     */
    public SDVariable lstm(String name, SDVariable x, int units, boolean sequences) {
        long[] in = shape(x);
        int steps = Math.toIntExact(in[0]);
        long f = in[1];
        SDVariable w = weight(name + "/W", Init.XAVIER, f, units, f, 4L * units);
        SDVariable u = weight(name + "/U", Init.XAVIER, units, units, units, 4L * units);
        SDVariable b = zeros(name + "/b", 4L * units);
        SDVariable h = null, c = null;
        List<SDVariable> outs = new ArrayList<>();
        // unstack rather than x.get(all, point(t), all): strided_slice_bp of M2.1 fails once t >= the feature size
        SDVariable[] xs = sd.unstack(x, 1, steps);
        for (int t = 0; t < steps; t++) {
            SDVariable xt = xs[t];
            SDVariable gates = xt.mmul(w).add(b);
            if (h != null) {
                gates = gates.add(h.mmul(u));
            }
            SDVariable i = sd.nn.sigmoid(gate(gates, 0, units));
            SDVariable fg = sd.nn.sigmoid(gate(gates, 1, units));
            SDVariable g = sd.math.tanh(gate(gates, 2, units));
            SDVariable o = sd.nn.sigmoid(gate(gates, 3, units));
            c = c == null ? i.mul(g) : fg.mul(c).add(i.mul(g));
            h = o.mul(sd.math.tanh(c));
            outs.add(h);
        }
        if (sequences) {
            return node("lstm", sd.stack(name, 1, outs.toArray(new SDVariable[0])), new long[] {steps, units});
        }
        return node("lstm", sd.identity(name, h), new long[] {units});
    }

    private static SDVariable gate(SDVariable gates, int k, int units) {
        return gates.get(SDIndex.all(), SDIndex.interval(k * units, (k + 1) * units));
    }

    /**
     * {@code attention(query, context, heads:, key_dim:, causal:)}: scaled dot-product attention with
     * query, key, value and output projections (with biases); self-attention passes the same node twice.
     */
    public SDVariable attention(String name, SDVariable query, SDVariable context, int heads, int keyDim, boolean causal) {
        return attention(name, query, context, heads, keyDim, causal, 0, Init.XAVIER);
    }

    /**
     * {@code attention(..., dropout:, init:)}: as above, with dropout on the attention weights (a mask fed like
     * {@link #dropout}'s) and the projections initialised with {@code init}.
     */
    public SDVariable attention(String name, SDVariable query, SDVariable context, int heads, int keyDim, boolean causal,
            double dropout, Init init) {
        long[] qs = shape(query), cs = shape(context);
        long tq = qs[0], d = qs[1], tc = cs[0], e = cs[1];
        long hk = (long) heads * keyDim;
        SDVariable q = heads(project(name + "/query", query, d, hk, init), tq, heads, keyDim);
        SDVariable k = heads(project(name + "/key", context, e, hk, init), tc, heads, keyDim);
        SDVariable v = heads(project(name + "/value", context, e, hk, init), tc, heads, keyDim);
        SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(keyDim));
        if (causal) {
            double[][] mask = new double[(int) tq][(int) tc];
            for (int i = 0; i < tq; i++) {
                for (int j = i + 1; j < tc; j++) {
                    mask[i][j] = -1e9;
                }
            }
            scores = scores.add(sd.constant(name + "/causal", Nd4j.create(mask).castTo(dataType)));
        }
        SDVariable weights = sd.nn.softmax(name + "/weights", scores, 3);
        if (dropout > 0) {
            long[] ws = {heads, tq, tc};
            SDVariable mask = sd.placeHolder(name + "/mask", dataType, withBatch(ws));
            noise.put(mask.name(), new Noise(ws, 1 - dropout));
            weights = weights.mul(mask);
        }
        SDVariable mixed = sd.permute(sd.mmul(weights, v), 0, 2, 1, 3).reshape(-1, tq, hk);
        SDVariable wo = weight(name + "/output/W", init, hk, d, hk, d);
        SDVariable out = perStep(mixed, new long[] {tq, hk}, wo, d).add(zeros(name + "/output/b", d));
        return node("attention", sd.identity(name, out), new long[] {tq, d});
    }

    private SDVariable project(String name, SDVariable x, long in, long out, Init init) {
        SDVariable w = weight(name + "/W", init, in, out, in, out);
        return perStep(x, shape(x), w, out).add(zeros(name + "/b", out));
    }

    /** x·W on the last axis of x; sequences are folded into the batch (tensormmul's gradient fails on them in M2.1). */
    private static SDVariable perStep(SDVariable x, long[] in, SDVariable w, long units) {
        if (in.length == 1) {
            return x.mmul(w);
        }
        long[] out = withBatch(in);
        out[out.length - 1] = units;
        return x.reshape(-1, in[in.length - 1]).mmul(w).reshape(out);
    }

    private SDVariable heads(SDVariable x, long t, int heads, int keyDim) {
        return sd.permute(x.reshape(-1, t, heads, keyDim), 0, 2, 1, 3);
    }

    // ---- layers added for the whole language ---------------------------------------------------

    /**
     * {@code conv2d(filters, kernel: (kh, kw), stride: (sh, sw), padding:, dilation: (dh, dw), init:, bias:)} on
     * {@code [c, h, w]}; {@code same} padding when {@code same} is true, else {@code (ph, pw)}.
     */
    public SDVariable conv2d(String name, SDVariable x, int filters, int[] kernel, int[] stride, int[] padding, boolean same,
            int[] dilation, Activation fn, Init init, boolean bias) {
        long[] in = shape(x);
        long c = in[0];
        int kh = kernel[0], kw = kernel[1];
        SDVariable w = weight(name + "/W", init, c * kh * kw, (long) filters * kh * kw, kh, kw, c, filters);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(stride[0]).sW(stride[1]).pH(same ? 0 : padding[0])
                .pW(same ? 0 : padding[1]).dH(1).dW(1).paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        SDVariable w0 = w;
        w = dilate(w, kh, kw, dilation[0], dilation[1], cfg);
        // intermediate ops are named under the layer: SameDiff's generated names (conv2d_2) may be the user's layer names
        SDVariable b = bias ? zeros(name + "/b", filters) : null;
        SDVariable z = bias ? sd.cnn.conv2d(name + "/z", x, w, b, cfg) : sd.cnn.conv2d(name + "/z", x, w, cfg);
        long[] out = {filters, convLength(in[1], kh, stride[0], padding[0], dilation[0], same),
            convLength(in[2], kw, stride[1], padding[1], dilation[1], same)};
        Layer l = new Layer("conv2d", name, List.of(x.name()), params(w0, b), fn, kh, kw, stride[0], stride[1], same ? 0 : padding[0],
                same ? 0 : padding[1], same ? 1 : 0, dilation[0], dilation[1]);
        return record(l, fn.apply(sd, name, z, 4), out);
    }

    /**
     * {@code conv1d(filters, kernel:, stride:, padding:, dilation:)} on a sequence {@code [T, f] -> [T', filters]}:
     * the sequence is turned into a {@code [f, T, 1]} image and convolved with a {@code (k, 1)} kernel, so that it
     * shares conv2d's well-tested kernel and gradient.
     */
    public SDVariable conv1d(String name, SDVariable x, int filters, int kernel, int stride, int padding, boolean same, int dilation,
            Activation fn, Init init, boolean bias) {
        long[] in = shape(x);
        long t = in[0], f = in[1];
        SDVariable w = weight(name + "/W", init, f * kernel, (long) filters * kernel, kernel, 1, f, filters);
        SDVariable image = sd.permute(x, 0, 2, 1).reshape(-1, f, t, 1);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kernel).kW(1).sH(stride).sW(1).pH(same ? 0 : padding).pW(0).dH(1).dW(1)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        w = dilate(w, kernel, 1, dilation, 1, cfg);
        SDVariable z = bias ? sd.cnn.conv2d(name + "/z", image, w, zeros(name + "/b", filters), cfg) : sd.cnn.conv2d(name + "/z", image, w, cfg);
        long tOut = convLength(t, kernel, stride, padding, dilation, same);
        SDVariable seq = sd.permute(z.reshape(-1, filters, tOut), 0, 2, 1);
        return node("conv1d", fn.apply(sd, name, seq, 3), new long[] {tOut, filters});
    }

    /** {@code maxpool1d/avgpool1d(size, stride:, padding:)} on {@code [T, f]}, as 2-d pooling of a {@code [f, T, 1]} image. */
    public SDVariable pool1d(String name, SDVariable x, boolean max, int size, int stride, int padding, boolean same) {
        long[] in = shape(x);
        long t = in[0], f = in[1];
        SDVariable image = sd.permute(x, 0, 2, 1).reshape(-1, f, t, 1);
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(size).kW(1).sH(stride).sW(1).pH(same ? 0 : padding).pW(0)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).extra(0).isNHWC(false).build();
        SDVariable y = max ? sd.cnn.maxPooling2d(name + "/pool", image, cfg) : sd.cnn.avgPooling2d(name + "/pool", image, cfg);
        long tOut = convLength(t, size, stride, padding, 1, same);
        return node("pool1d", sd.permute(name, y.reshape(-1, f, tOut), 0, 2, 1), new long[] {tOut, f});
    }

    /** {@code maxpool2d/avgpool2d(size: (kh, kw), stride: (sh, sw), padding:)} on {@code [c, h, w]}. */
    public SDVariable pool2d(String name, SDVariable x, boolean max, int[] size, int[] stride, int[] padding, boolean same) {
        long[] in = shape(x);
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(size[0]).kW(size[1]).sH(stride[0]).sW(stride[1]).pH(same ? 0 : padding[0])
                .pW(same ? 0 : padding[1]).paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).extra(0).isNHWC(false).build();
        SDVariable y = max ? sd.cnn.maxPooling2d(name, x, cfg) : sd.cnn.avgPooling2d(name, x, cfg);
        Layer l = new Layer(max ? "maxpool2d" : "avgpool2d", name, List.of(x.name()), List.of(), null, size[0], size[1], stride[0],
                stride[1], same ? 0 : padding[0], same ? 0 : padding[1], same ? 1 : 0);
        return record(l, y, new long[] {in[0], convLength(in[1], size[0], stride[0], padding[0], 1, same),
            convLength(in[2], size[1], stride[1], padding[1], 1, same)});
    }

    /**
     * {@code deconv2d(filters, kernel:, stride:, padding:, dilation:)} on {@code [c, h, w]}: the transposed
     * convolution, {@code h' = (h-1)s - 2p + d(k-1) + 1} ({@code h*s} with same padding). Weights {@code [kh, kw, filters, c]}.
     */
    public SDVariable deconv2d(String name, SDVariable x, int filters, int[] kernel, int[] stride, int[] padding, boolean same,
            int[] dilation, Activation fn, Init init, boolean bias) {
        long[] in = shape(x);
        long c = in[0];
        int kh = kernel[0], kw = kernel[1];
        SDVariable w = weight(name + "/W", init, c * kh * kw, (long) filters * kh * kw, kh, kw, filters, c);
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(kh).kW(kw).sH(stride[0]).sW(stride[1]).pH(same ? 0 : padding[0])
                .pW(same ? 0 : padding[1]).dH(1).dW(1).isSameMode(same).dataFormat("NCHW").build();
        if (dilation[0] > 1 || dilation[1] > 1) {
            w = dilatedKernel(w, kh, kw, dilation[0], dilation[1]);
            cfg.setKH((long) (kh - 1) * dilation[0] + 1);
            cfg.setKW((long) (kw - 1) * dilation[1] + 1);
        }
        SDVariable z = bias ? sd.cnn.deconv2d(name + "/z", x, w, zeros(name + "/b", filters), cfg) : sd.cnn.deconv2d(name + "/z", x, w, cfg);
        long[] out = {filters, deconvLength(in[1], kh, stride[0], padding[0], dilation[0], same),
            deconvLength(in[2], kw, stride[1], padding[1], dilation[1], same)};
        return node("deconv2d", fn.apply(sd, name, z, 4), out);
    }

    /**
     * {@code upsample2d(factor)}: nearest neighbour, {@code [c, h, w] -> [c, h*fh, w*fw]}, written as a broadcast
     * product with ones ({@code [n,c,h,1,w,1] * [1,1,1,fh,1,fw]}) so that its gradient is a plain sum.
     */
    public SDVariable upsample2d(String name, SDVariable x, int fh, int fw) {
        long[] in = shape(x);
        long c = in[0], h = in[1], w = in[2];
        SDVariable ones = sd.constant(name + "/ones", Nd4j.ones(dataType, 1, 1, 1, fh, 1, fw));
        SDVariable y = x.reshape(-1, c, h, 1, w, 1).mul(ones).reshape(-1, c, h * fh, w * fw);
        return node("upsample2d", sd.identity(name, y), new long[] {c, h * fh, w * fw});
    }

    /**
     * {@code batchnorm(momentum:, epsilon:)}: normalises the channel axis (axis 0 of an image, the features of a
     * sequence or flat input) with the batch's statistics while training and with running statistics otherwise. The
     * running mean and variance are non-trainable state ({@link #stateNames()}), updated by the trainer after each
     * step and saved in checkpoints; the training/evaluation switch is a placeholder filled by {@link #noiseFeeds}.
     */
    public SDVariable batchnorm(String name, SDVariable x, double momentum, double epsilon) {
        long[] in = shape(x);
        boolean image = in.length == 3;
        long c = image ? in[0] : in[in.length - 1];
        int[] axes = image ? new int[] {0, 2, 3} : in.length == 2 ? new int[] {0, 1} : new int[] {0};
        long[] bshape = image ? new long[] {1, c, 1, 1} : in.length == 2 ? new long[] {1, 1, c} : new long[] {1, c};
        SDVariable gamma = sd.var(name + "/gamma", Nd4j.ones(dataType, c));
        SDVariable beta = zeros(name + "/beta", c);
        SDVariable runMean = sd.var(name + "/running_mean", Nd4j.zeros(dataType, c));
        SDVariable runVar = sd.var(name + "/running_var", Nd4j.ones(dataType, c));
        SDVariable mean = sd.mean(name + "/batch_mean", x, axes);
        SDVariable centred = x.sub(mean.reshape(bshape));
        SDVariable var = sd.mean(name + "/batch_var", centred.mul(centred), axes);
        state.put(runMean.name(), new RunningStat(mean.name(), momentum));
        state.put(runVar.name(), new RunningStat(var.name(), momentum));
        SDVariable t = trainingFlag();
        SDVariable useMean = mean.mul(t).add(runMean.mul(t.rsub(1.0)));
        SDVariable useVar = var.mul(t).add(runVar.mul(t.rsub(1.0)));
        SDVariable normal = x.sub(useMean.reshape(bshape)).div(sd.math.sqrt(useVar.add(epsilon)).reshape(bshape));
        return record(new Layer("batchnorm", name, List.of(x.name()), params(gamma, beta), null, momentum, epsilon),
                sd.math.add(name, normal.mul(gamma.reshape(bshape)), beta.reshape(bshape)), in);
    }

    private SDVariable trainingFlag() {
        if (trainingFlag == null) {
            trainingFlag = sd.placeHolder("nnet/training", dataType, 1);
        }
        return trainingFlag;
    }

    /** {@code layernorm(epsilon:)}: normalises the last axis, then scales and shifts per feature. */
    public SDVariable layernorm(String name, SDVariable x, double epsilon) {
        long[] in = shape(x);
        long f = in[in.length - 1];
        int last = in.length;
        SDVariable mean = sd.mean(x, true, last);
        SDVariable centred = x.sub(mean);
        SDVariable var = sd.mean(centred.mul(centred), true, last);
        SDVariable normal = centred.div(sd.math.sqrt(var.add(epsilon)));
        SDVariable gamma = sd.var(name + "/gamma", Nd4j.ones(dataType, f));
        return node("layernorm", sd.math.add(name, normal.mul(gamma), zeros(name + "/beta", f)), in);
    }

    /** {@code maxout(units, pieces: k)}: the maximum of k linear pieces, on {@code [f]} or per step of {@code [T, f]}. */
    public SDVariable maxout(String name, SDVariable x, int units, int pieces, Init init) {
        long[] in = shape(x);
        long f = in[in.length - 1];
        SDVariable w = weight(name + "/W", init, f, units, f, (long) pieces * units);
        SDVariable z = perStep(x, in, w, (long) pieces * units).add(zeros(name + "/b", (long) pieces * units));
        SDVariable max = sd.max(name + "/max", z.reshape(-1, pieces, units), 1);
        long[] out = in.clone();
        out[out.length - 1] = units;
        return node("maxout", sd.reshape(name, max, withBatch(out)), out);
    }

    /** The recurrent cells. */
    public enum Cell {
        /** {@code h = act(x W + h U + b)} */ RNN,
        /** gates input, forget, cell, output */ LSTM,
        /** gates reset, update, candidate; the reset gate applies after the recurrent product (two biases) */ GRU
    }

    /**
     * {@code rnn/lstm/gru(units, sequences:, bidirectional:, activation:, init:)} on {@code [T, f]}, unrolled over the
     * static T. Bidirectional runs a second cell ({@code name/backward/...}) from the last step to the first and
     * concatenates both on the feature axis: the final states ({@code [2u]}) or the outputs per step ({@code [T, 2u]}).
     */
    public SDVariable recurrent(String name, SDVariable x, Cell cell, int units, boolean sequences, boolean bidirectional,
            Activation fn, Init init) {
        long[] in = shape(x);
        int steps = Math.toIntExact(in[0]);
        SDVariable[] xs = sd.unstack(x, 1, steps);
        List<SDVariable> forward = unroll(name, xs, in[1], cell, units, fn, init, false);
        if (!bidirectional) {
            if (sequences) {
                return node(cell.name().toLowerCase(java.util.Locale.ROOT), sd.stack(name, 1, forward.toArray(new SDVariable[0])), new long[] {steps, units});
            }
            return node(cell.name().toLowerCase(java.util.Locale.ROOT), sd.identity(name, forward.get(steps - 1)), new long[] {units});
        }
        List<SDVariable> backward = unroll(name + "/backward", xs, in[1], cell, units, fn, init, true);
        if (!sequences) {
            return node(cell.name().toLowerCase(java.util.Locale.ROOT), sd.concat(name, 1, forward.get(steps - 1), backward.get(0)), new long[] {2L * units});
        }
        SDVariable[] both = new SDVariable[steps];
        for (int t = 0; t < steps; t++) {
            both[t] = sd.concat(name + "/both_" + t, 1, forward.get(t), backward.get(t));
        }
        return node(cell.name().toLowerCase(java.util.Locale.ROOT), sd.stack(name, 1, both), new long[] {steps, 2L * units});
    }

    /** Runs one cell over the steps (backwards if asked); returns the output at each step, in time order. */
    private List<SDVariable> unroll(String name, SDVariable[] xs, long f, Cell cell, int units, Activation fn, Init init,
            boolean reverse) {
        int gates = switch (cell) {
        case RNN -> 1;
        case LSTM -> 4;
        case GRU -> 3;
        };
        SDVariable w = weight(name + "/W", init, f, units, f, (long) gates * units);
        SDVariable u = weight(name + "/U", init, units, units, units, (long) gates * units);
        SDVariable b = zeros(name + "/b", (long) gates * units);
        SDVariable bh = cell == Cell.GRU ? zeros(name + "/bh", 3L * units) : null;
        SDVariable[] outs = new SDVariable[xs.length];
        SDVariable h = null, c = null;
        for (int k = 0; k < xs.length; k++) {
            int t = reverse ? xs.length - 1 - k : k;
            SDVariable in = xs[t].mmul(w).add(b);
            switch (cell) {
            case RNN -> h = act(fn, h == null ? in : in.add(h.mmul(u)));
            case LSTM -> {
                SDVariable g4 = h == null ? in : in.add(h.mmul(u));
                SDVariable i = sd.nn.sigmoid(gate(g4, 0, units));
                SDVariable fg = sd.nn.sigmoid(gate(g4, 1, units));
                SDVariable g = act(fn, gate(g4, 2, units));
                SDVariable o = sd.nn.sigmoid(gate(g4, 3, units));
                c = c == null ? i.mul(g) : fg.mul(c).add(i.mul(g));
                h = o.mul(act(fn, c));
            }
            case GRU -> {
                if (h == null) {
                    // h_{-1} = 0: the recurrent product is just its bias
                    SDVariable r = sd.nn.sigmoid(gate(in, 0, units).add(gate1(bh, 0, units)));
                    SDVariable z = sd.nn.sigmoid(gate(in, 1, units).add(gate1(bh, 1, units)));
                    SDVariable n = act(fn, gate(in, 2, units).add(r.mul(gate1(bh, 2, units))));
                    h = z.rsub(1.0).mul(n);
                } else {
                    SDVariable rec = h.mmul(u).add(bh);
                    SDVariable r = sd.nn.sigmoid(gate(in, 0, units).add(gate(rec, 0, units)));
                    SDVariable z = sd.nn.sigmoid(gate(in, 1, units).add(gate(rec, 1, units)));
                    SDVariable n = act(fn, gate(in, 2, units).add(r.mul(gate(rec, 2, units))));
                    h = z.rsub(1.0).mul(n).add(z.mul(h));
                }
            }
            }
            outs[t] = h;
        }
        return List.of(outs);
    }

    private SDVariable act(Activation fn, SDVariable x) {
        return fn.apply(sd, null, x, 2);
    }

    private static SDVariable gate1(SDVariable v, int k, int units) {
        return v.get(SDIndex.interval(k * units, (k + 1) * units));
    }

    /** The kernel of a dilated convolution, as an undilated one: see {@link #dilatedKernel}. */
    private SDVariable dilate(SDVariable w, int kh, int kw, int dh, int dw, Conv2DConfig cfg) {
        if (dh == 1 && dw == 1) {
            return w;
        }
        cfg.setKH((long) (kh - 1) * dh + 1);
        cfg.setKW((long) (kw - 1) * dw + 1);
        return dilatedKernel(w, kh, kw, dh, dw);
    }

    /**
     * A kernel {@code [kh, kw, a, b]} spread out with zeros to {@code [(kh-1)dh+1, (kw-1)dw+1, a, b]}: a convolution
     * with it is the dilated convolution. M2.1's oneDNN path fails on dilated float convolutions ("could not create a
     * descriptor for a dilated convolution"), so dilation is done here, with two products by constant 0/1 placement
     * matrices, whose gradient is exact.
     */
    private SDVariable dilatedKernel(SDVariable w, int kh, int kw, int dh, int dw) {
        long[] ws = w.getArr().shape();
        long ab = ws[2] * ws[3];
        int eh = (kh - 1) * dh + 1, ew = (kw - 1) * dw + 1;
        double[][] ph = new double[eh][kh];
        for (int i = 0; i < kh; i++) {
            ph[i * dh][i] = 1;
        }
        double[][] pw = new double[ew][kw];
        for (int j = 0; j < kw; j++) {
            pw[j * dw][j] = 1;
        }
        SDVariable rows = sd.constant(Nd4j.create(ph).castTo(dataType)).mmul(w.reshape(kh, kw * ab)); // [eh, kw*ab]
        SDVariable cols = sd.permute(rows.reshape(eh, kw, ab), 1, 0, 2).reshape(kw, eh * ab);
        SDVariable spread = sd.constant(Nd4j.create(pw).castTo(dataType)).mmul(cols); // [ew, eh*ab]
        return sd.permute(spread.reshape(ew, eh, ab), 1, 0, 2).reshape(eh, ew, ws[2], ws[3]);
    }

    private static long convLength(long n, int k, int s, int p, int d, boolean same) {
        return same ? (n + s - 1) / s : (n + 2L * p - (long) d * (k - 1) - 1) / s + 1;
    }

    private static long deconvLength(long n, int k, int s, int p, int d, boolean same) {
        return same ? n * s : (n - 1) * s - 2L * p + (long) d * (k - 1) + 1;
    }

    // ---- losses -------------------------------------------------------------------------------

    /** Cross-entropy of probabilities against one-hot labels: sum over classes, mean over samples (and steps). */
    public SDVariable crossEntropy(String name, SDVariable probabilities, SDVariable oneHotLabels) {
        int last = shape(probabilities).length + 1 - 1;
        SDVariable p = sd.math.clipByValue(probabilities, 1e-7, 1.0);
        return loss("cross_entropy", probabilities, oneHotLabels, sd.mean(name, sd.sum(oneHotLabels.mul(sd.math.log(p)), last).neg()));
    }

    /** Cross-entropy of probabilities {@code [.., vocab]} against integer tokens (one axis fewer). */
    public SDVariable sparseCrossEntropy(String name, SDVariable probabilities, SDVariable tokens) {
        long[] s = shape(probabilities);
        SDVariable loss = crossEntropy(name, probabilities, sd.oneHot(tokens, (int) s[s.length - 1], -1, 1.0, 0.0, dataType));
        return loss("sparse_cross_entropy", probabilities, tokens, loss);
    }

    /** Binary cross-entropy, mean over every element. */
    public SDVariable binaryCrossEntropy(String name, SDVariable probabilities, SDVariable targets) {
        SDVariable p = sd.math.clipByValue(probabilities, 1e-7, 1 - 1e-7);
        SDVariable ll = targets.mul(sd.math.log(p)).add(targets.rsub(1.0).mul(sd.math.log(p.rsub(1.0))));
        // the name goes on the negated mean: the node called `name` is the loss itself
        return loss("binary_cross_entropy", probabilities, targets, sd.math.neg(name, sd.mean(ll)));
    }

    /** Mean squared error over every element. */
    public SDVariable meanSquaredError(String name, SDVariable predictions, SDVariable targets) {
        SDVariable diff = predictions.sub(targets);
        return loss("mse", predictions, targets, sd.mean(name, diff.mul(diff)));
    }

    // ---- noise --------------------------------------------------------------------------------

    /**
     * Values for the noise placeholders of dropout and gaussian layers for one batch: dropout masks
     * ({@code Bernoulli(1-rate)/(1-rate)} while training, ones otherwise) and standard normal samples,
     * drawn from ND4J's generator, which the trainer seeds.
     */
    public Map<String, INDArray> noiseFeeds(long batch, boolean training) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (trainingFlag != null) {
            out.put(trainingFlag.name(), Nd4j.scalar(dataType, training ? 1.0 : 0.0).reshape(1));
        }
        for (String p : posteriorFlags) {
            out.put(p, Nd4j.scalar(dataType, 1.0).reshape(1));
        }
        noise.forEach((name, n) -> {
            long[] s = withBatch(n.sampleShape());
            s[0] = batch;
            INDArray a;
            if (n.keep() < 0) {
                a = Nd4j.randn(dataType, s);
            } else if (!training || n.keep() >= 1) {
                a = Nd4j.ones(dataType, s);
            } else {
                a = Nd4j.rand(dataType, s).lt(n.keep()).castTo(dataType).divi(n.keep());
            }
            out.put(name, a);
        });
        return out;
    }

    /**
     * Feeds that make a gaussian layer output the given latent points {@code z} ([n, latent]) instead of a
     * sample of its posterior, for decoding from the prior; the other noise as in evaluation.
     */
    public Map<String, INDArray> priorFeeds(Gaussian gaussian, INDArray z) {
        Map<String, INDArray> out = noiseFeeds(z.size(0), false);
        String name = gaussian.sample().name();
        out.put(name + "/posterior", Nd4j.scalar(dataType, 0.0).reshape(1));
        out.put(name + "/eps", z.castTo(dataType));
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private SDVariable node(SDVariable v, long[] shape) {
        shapes.put(v.name(), shape.clone());
        return v;
    }

    /** A node of a layer kind that only the graph runs: recorded by kind, without details. */
    private SDVariable node(String kind, SDVariable v, long[] shape) {
        return record(new Layer(kind, v.name(), List.of(), List.of(), null), v, shape);
    }

    private SDVariable record(Layer layer, SDVariable v, long[] shape) {
        layers.put(v.name(), layer);
        return node(v, shape);
    }

    private SDVariable loss(String kind, SDVariable prediction, SDVariable target, SDVariable loss) {
        layers.put(loss.name(), new Layer(kind, loss.name(), List.of(prediction.name(), target.name()), List.of(), null));
        return loss;
    }

    private static List<String> names(SDVariable... xs) {
        return Arrays.stream(xs).map(SDVariable::name).toList();
    }

    private static List<String> params(SDVariable w, SDVariable b) {
        return b == null ? List.of(w.name()) : List.of(w.name(), b.name());
    }

    private SDVariable weight(String name, Init init, long fanIn, long fanOut, long... shape) {
        double[] values = new double[Math.toIntExact(product(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = init.sample(random, fanIn, fanOut);
        }
        return sd.var(name, Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType));
    }

    private SDVariable zeros(String name, long size) {
        return sd.var(name, Nd4j.zeros(dataType, size));
    }

    private static long outLength(long n, int k, int s, int p) {
        return p < 0 ? (n + s - 1) / s : (n + 2L * p - k) / s + 1;
    }

    private static long[] withBatch(long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = -1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static long product(long[] s) {
        long p = 1;
        for (long d : s) {
            p *= d;
        }
        return p;
    }
}
