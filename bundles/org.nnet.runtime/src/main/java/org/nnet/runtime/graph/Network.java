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

    /** A noise placeholder: a dropout mask (keep probability in (0, 1]) or standard normal samples (keep = -1). */
    private record Noise(long[] sampleShape, double keep) {
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
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).map(SDVariable::name).toList();
    }

    /** Total number of trainable parameters. */
    public long parameterCount() {
        return parameterNames().stream().mapToLong(n -> sd.getVariable(n).getArr().length()).sum();
    }

    // ---- inputs and plumbing ------------------------------------------------------------------

    /** A floating-point input of the given sample shape. */
    public SDVariable input(String name, long... shape) {
        return node(sd.placeHolder(name, dataType, withBatch(shape)), shape);
    }

    /** An integer token input of the given sample shape (e.g. {@code [time]}). */
    public SDVariable tokenInput(String name, long... shape) {
        return node(sd.placeHolder(name, DataType.INT32, withBatch(shape)), shape);
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
        return node(sd.reshape(name, x, withBatch(shape)), shape);
    }

    /** {@code activation(fn)}. */
    public SDVariable activation(String name, SDVariable x, Activation fn) {
        return node(fn.apply(sd, name, x, shape(x).length + 1), shape(x));
    }

    /** Names a node computed with SameDiff's own operations and records its shape (without the batch axis). */
    public SDVariable custom(String name, SDVariable x, long... shape) {
        return node(sd.identity(name, x), shape);
    }

    /** {@code concat(a, b, …, axis:)}; the axis does not count the batch axis. */
    public SDVariable concat(String name, int axis, SDVariable... xs) {
        long[] s = shape(xs[0]);
        for (int i = 1; i < xs.length; i++) {
            s[axis] += shape(xs[i])[axis];
        }
        return node(sd.concat(name, axis + 1, xs), s);
    }

    /** {@code add(a, b, …)}. */
    public SDVariable add(String name, SDVariable... xs) {
        SDVariable sum = xs[0];
        for (int i = 1; i < xs.length; i++) {
            sum = i == xs.length - 1 ? sd.math.add(name, sum, xs[i]) : sum.add(xs[i]);
        }
        return node(xs.length == 1 ? sd.identity(name, sum) : sum, shape(xs[0]));
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
        if (bias) {
            z = z.add(zeros(name + "/b", units));
        }
        long[] out = in.clone();
        out[out.length - 1] = units;
        return node(fn.apply(sd, name, z, out.length + 1), out);
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
        return node(sd.math.mul(name, x, mask), shape(x));
    }

    /**
     * {@code gaussian(latent)}: mean and log-variance heads and the sample
     * {@code z = mu + exp(logvar/2) * eps}, with eps fed as standard normal noise. {@code kl} is the
     * batch mean of {@code -1/2 sum(1 + logvar - mu^2 - exp(logvar))}.
     */
    public Gaussian gaussian(String name, SDVariable x, int latent) {
        SDVariable mean = dense(name + "/mean", x, latent, Activation.LINEAR);
        SDVariable logVar = dense(name + "/logvar", x, latent, Activation.LINEAR);
        SDVariable eps = sd.placeHolder(name + "/eps", dataType, -1, latent);
        noise.put(eps.name(), new Noise(new long[] {latent}, -1));
        SDVariable z = node(sd.math.add(name, mean, sd.math.exp(logVar.mul(0.5)).mul(eps)), new long[] {latent});
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
        SDVariable z = sd.cnn.conv2d(x, w, b, cfg);
        long[] out = {filters, outLength(in[1], kernel, stride, padding), outLength(in[2], kernel, stride, padding)};
        return node(fn.apply(sd, name, z, 4), out);
    }

    /** {@code maxpool2d(size)} with stride = size, no padding. */
    public SDVariable maxPool2d(String name, SDVariable x, int size) {
        long[] in = shape(x);
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(size).kW(size).sH(size).sW(size).pH(0).pW(0).paddingMode(PaddingMode.VALID)
                .isNHWC(false).build();
        return node(sd.cnn.maxPooling2d(name, x, cfg), new long[] {in[0], outLength(in[1], size, size, 0), outLength(in[2], size, size, 0)});
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
        return node(y, new long[] {in[0], outLength(in[1], size, stride, padding), outLength(in[2], size, stride, padding)});
    }

    /** {@code globalavgpool()}: {@code [c, h, w] -> [c]} (mean over the spatial axes), {@code [T, f] -> [f]} (mean over time). */
    public SDVariable globalAvgPool(String name, SDVariable x) {
        long[] in = shape(x);
        return node(sd.mean(name, x, globalAxes(in)), new long[] {globalChannels(in)});
    }

    /** {@code globalmaxpool()}: {@code [c, h, w] -> [c]}, {@code [T, f] -> [f]}. */
    public SDVariable globalMaxPool(String name, SDVariable x) {
        long[] in = shape(x);
        return node(sd.max(name, x, globalAxes(in)), new long[] {globalChannels(in)});
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
        return node(xs.length == 1 ? sd.identity(name, product) : product, shape(xs[0]));
    }

    /** {@code embedding(vocab, dim:)}: {@code [T] of token -> [T, dim]}. */
    public SDVariable embedding(String name, SDVariable tokens, int vocab, int dim) {
        SDVariable w = weight(name + "/W", Init.normal(0.05), vocab, dim, vocab, dim);
        long[] in = shape(tokens);
        long[] out = Arrays.copyOf(in, in.length + 1);
        out[in.length] = dim;
        // one-hot times W rather than gather: gather's gradient is wrong for 2-d indices in M2.1
        SDVariable oneHot = sd.oneHot(tokens, vocab, -1, 1.0, 0.0, dataType);
        long[] oneHotShape = Arrays.copyOf(in, in.length + 1);
        oneHotShape[in.length] = vocab;
        return node(sd.identity(name, perStep(oneHot, oneHotShape, w, dim)), out);
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
            return node(sd.stack(name, 1, outs.toArray(new SDVariable[0])), new long[] {steps, units});
        }
        return node(sd.identity(name, h), new long[] {units});
    }

    private static SDVariable gate(SDVariable gates, int k, int units) {
        return gates.get(SDIndex.all(), SDIndex.interval(k * units, (k + 1) * units));
    }

    /**
     * {@code attention(query, context, heads:, key_dim:, causal:)}: scaled dot-product attention with
     * query, key, value and output projections (with biases); self-attention passes the same node twice.
     */
    public SDVariable attention(String name, SDVariable query, SDVariable context, int heads, int keyDim, boolean causal) {
        long[] qs = shape(query), cs = shape(context);
        long tq = qs[0], d = qs[1], tc = cs[0], e = cs[1];
        long hk = (long) heads * keyDim;
        SDVariable q = heads(project(name + "/query", query, d, hk), tq, heads, keyDim);
        SDVariable k = heads(project(name + "/key", context, e, hk), tc, heads, keyDim);
        SDVariable v = heads(project(name + "/value", context, e, hk), tc, heads, keyDim);
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
        SDVariable mixed = sd.permute(sd.mmul(weights, v), 0, 2, 1, 3).reshape(-1, tq, hk);
        SDVariable wo = weight(name + "/output/W", Init.XAVIER, hk, d, hk, d);
        SDVariable out = perStep(mixed, new long[] {tq, hk}, wo, d).add(zeros(name + "/output/b", d));
        return node(sd.identity(name, out), new long[] {tq, d});
    }

    private SDVariable project(String name, SDVariable x, long in, long out) {
        SDVariable w = weight(name + "/W", Init.XAVIER, in, out, in, out);
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

    // ---- losses -------------------------------------------------------------------------------

    /** Cross-entropy of probabilities against one-hot labels: sum over classes, mean over samples (and steps). */
    public SDVariable crossEntropy(String name, SDVariable probabilities, SDVariable oneHotLabels) {
        int last = shape(probabilities).length + 1 - 1;
        SDVariable p = sd.math.clipByValue(probabilities, 1e-7, 1.0);
        return sd.mean(name, sd.sum(oneHotLabels.mul(sd.math.log(p)), last).neg());
    }

    /** Cross-entropy of probabilities {@code [.., vocab]} against integer tokens (one axis fewer). */
    public SDVariable sparseCrossEntropy(String name, SDVariable probabilities, SDVariable tokens) {
        long[] s = shape(probabilities);
        return crossEntropy(name, probabilities, sd.oneHot(tokens, (int) s[s.length - 1], -1, 1.0, 0.0, dataType));
    }

    /** Binary cross-entropy, mean over every element. */
    public SDVariable binaryCrossEntropy(String name, SDVariable probabilities, SDVariable targets) {
        SDVariable p = sd.math.clipByValue(probabilities, 1e-7, 1 - 1e-7);
        SDVariable ll = targets.mul(sd.math.log(p)).add(targets.rsub(1.0).mul(sd.math.log(p.rsub(1.0))));
        // the name goes on the negated mean: the node called `name` is the loss itself
        return sd.math.neg(name, sd.mean(ll));
    }

    /** Mean squared error over every element. */
    public SDVariable meanSquaredError(String name, SDVariable predictions, SDVariable targets) {
        SDVariable diff = predictions.sub(targets);
        return sd.mean(name, diff.mul(diff));
    }

    // ---- noise --------------------------------------------------------------------------------

    /**
     * Values for the noise placeholders of dropout and gaussian layers for one batch: dropout masks
     * ({@code Bernoulli(1-rate)/(1-rate)} while training, ones otherwise) and standard normal samples,
     * drawn from ND4J's generator, which the trainer seeds.
     */
    public Map<String, INDArray> noiseFeeds(long batch, boolean training) {
        Map<String, INDArray> out = new LinkedHashMap<>();
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

    // ---- helpers -------------------------------------------------------------------------------

    private SDVariable node(SDVariable v, long[] shape) {
        shapes.put(v.name(), shape.clone());
        return v;
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
