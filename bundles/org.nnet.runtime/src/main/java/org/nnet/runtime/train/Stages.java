package org.nnet.runtime.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftPlusBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELUDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Network.Layer;
import org.nnet.runtime.graph.Network;

/**
 * The schedule of a {@link CompiledStep} for one batch size: a stage per layer the loss depends on (in build order)
 * with its buffers, allocated here once, and the loss. {@link #run} does forward, loss and backward into those buffers;
 * per step it makes only small views and op descriptors (and batchnorm's running statistics are moved by
 * {@link Network#updateState}, which allocates).
 */
final class Stages {
    /** The losses compiled. */
    static final Set<String> LOSSES = Set.of("cross_entropy", "mse", "binary_cross_entropy");

    private final SameDiff sd;
    private final Network net;
    private final long n;
    private final DataType type;
    private final List<Stage> stages = new ArrayList<>();
    /** How many layers read each node; nodes read by several get a buffer where their gradients are summed. */
    private final Map<String, Integer> consumers = new HashMap<>();
    private final Map<String, INDArray> sums = new HashMap<>();
    /** The gradient of each node reached so far in the backward pass of a step. */
    private final Map<String, INDArray> pending = new HashMap<>();
    private String prediction;
    private final Map<String, INDArray> values = new HashMap<>();
    private final Loss loss;
    private final INDArray in;
    private final INDArray target;

    Stages(Network net, List<Layer> chain, Layer lossLayer, long n, Map<String, INDArray> grads) {
        this.sd = net.sd();
        this.net = net;
        this.n = n;
        this.type = net.dataType();
        this.in = buffer(net.shape(chain.get(0).output()));
        this.target = buffer(net.shape(lossLayer.inputs().get(1)));
        values.put(chain.get(0).output(), in);
        this.prediction = lossLayer.inputs().get(0);
        // a node needs a gradient when a layer with parameters made it or something it depends on
        Set<String> needsGradient = new HashSet<>();
        for (Layer l : chain.subList(1, chain.size())) {
            for (String i : nodeInputs(l)) {
                consumers.merge(i, 1, Integer::sum);
            }
            if (!l.params().isEmpty() || nodeInputs(l).stream().anyMatch(needsGradient::contains)) {
                needsGradient.add(l.output());
            }
        }
        for (Layer l : chain.subList(1, chain.size())) {
            INDArray x = values.get(nodeInputs(l).get(0));
            boolean needInputGradient = needsGradient.contains(nodeInputs(l).get(0));
            boolean fused = l.output().equals(prediction) && lossLayer.kind().equals("cross_entropy");
            long[] outShape = net.shape(l.output());
            Stage s = switch (l.kind()) {
            case "dense" -> new Dense(l, x, outShape, grads, needInputGradient, fused);
            case "activation" -> new Act(l, x, needInputGradient, fused);
            case "dropout" -> new Dropout(l, x);
            case "reshape" -> new Reshape(x, outShape, net.shape(l.inputs().get(0)));
            case "conv2d" -> needInputGradient || FirstConv.padding(l, x, outShape) == null
                    || "op".equals(System.getProperty("nnet.firstconv")) ? new Conv(l, x, outShape, grads, needInputGradient)
                            : new FirstConv(l, x, outShape, grads);
            case "maxpool2d", "avgpool2d" -> new Pool(l, x, outShape, needInputGradient);
            case "globalavgpool" -> new GlobalAvgPool(x);
            case "batchnorm" -> new BatchNorm(l, x, grads, needInputGradient);
            case "concat" -> new Concat(l, outShape, l.inputs().stream().map(net::shape).toList(),
                    l.inputs().stream().map(needsGradient::contains).toList());
            case "add" -> new Add(outShape, l.inputs().stream().map(needsGradient::contains).toList());
            default -> throw new IllegalStateException(l.kind());
            };
            s.output = l.output();
            s.inputs = nodeInputs(l);
            s.ins = s.inputs.stream().map(values::get).toArray(INDArray[]::new);
            stages.add(s);
            values.put(l.output(), s.out);
            if (s instanceof Dropout d) {
                values.put(l.output() + "/mask", d.mask);
            }
        }
        consumers.forEach((node, count) -> {
            if (count > 1) {
                sums.put(node, Nd4j.createUninitialized(type, values.get(node).shape()));
            }
        });
        INDArray x = values.get(prediction);
        this.loss = switch (lossLayer.kind()) {
        case "cross_entropy" -> new SoftmaxCrossEntropy(x, target);
        case "mse" -> new MeanSquaredError(x, target);
        default -> new BinaryCrossEntropy(x, target);
        };
    }

    /** Why the compiled step cannot run a layer, or null if it can. */
    static String unsupported(Network net, Layer l) {
        return switch (l.kind()) {
        case "input" -> net.sd().getVariable(l.output()).dataType().isFPType() ? null : "is not a floating-point input";
        case "dense" -> net.shape(l.inputs().get(0)).length == 1 ? null : "on a sequence is not compiled yet";
        case "activation" -> net.shape(l.output()).length == 1 || l.activation().kind() != Activation.Kind.SOFTMAX ? null
                : "softmax of an image or sequence is not compiled yet";
        case "dropout", "reshape", "maxpool2d", "avgpool2d", "concat", "add", "batchnorm" -> null;
        case "globalavgpool" -> net.shape(l.inputs().get(0)).length == 3 ? null : "of a sequence is not compiled yet";
        case "conv2d" -> l.args()[7] == 1 && l.args()[8] == 1 ? null : "with dilation is not compiled yet";
        default -> "is not compiled yet";
        };
    }

    /** Whether a layer ends with a softmax, which the cross-entropy loss fuses with. */
    static boolean softmax(Layer l) {
        return (l.kind().equals("dense") || l.kind().equals("activation")) && l.activation().kind() == Activation.Kind.SOFTMAX;
    }

    /** One step on a batch: copies it into the step's buffers, returns the loss and leaves the gradients. */
    double run(INDArray x, INDArray y) {
        in.assign(x.dataType() == type ? x : x.castTo(type));
        target.assign(y.dataType() == type ? y : y.castTo(type));
        for (Stage s : stages) {
            s.forwardAll(s.ins);
        }
        double value = loss.forward();
        pending.clear();
        pending.put(prediction, loss.backward());
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage s = stages.get(i);
            INDArray g = pending.get(s.output);
            if (g == null) {
                continue;
            }
            INDArray[] gi = s.backwardAll(g);
            for (int j = 0; j < gi.length; j++) {
                if (gi[j] != null) {
                    accumulate(s.inputs.get(j), gi[j]);
                }
            }
        }
        return value;
    }

    /** Adds a gradient contribution to a node: kept as is for a node with one reader, summed in its buffer otherwise. */
    private void accumulate(String node, INDArray g) {
        INDArray sum = sums.get(node);
        if (sum == null) {
            pending.put(node, g);
        } else if (pending.containsKey(node)) {
            sum.addi(g);
        } else {
            pending.put(node, sum.assign(g));
        }
    }

    /** The graph nodes a layer reads (a dropout's mask is fed by the step, not a node). */
    static List<String> nodeInputs(Layer l) {
        return l.kind().equals("dropout") ? List.of(l.inputs().get(0)) : l.inputs();
    }

    /** A node's buffer (or a dropout's mask, as {@code layer/mask}). */
    INDArray value(String node) {
        return values.get(node);
    }

    private INDArray buffer(long... sampleShape) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = n;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return Nd4j.createUninitialized(type, s);
    }

    private INDArray param(String name) {
        return sd.getVariable(name).getArr();
    }

    /** A layer: its output buffer, forward from its input, backward from its output's gradient to its input's. */
    private abstract static class Stage {
        INDArray out;
        String output;
        List<String> inputs;
        INDArray[] ins;

        abstract void forward(INDArray x);

        /** The input's gradient, or null when nothing before needs it. */
        abstract INDArray backward(INDArray g);

        void forwardAll(INDArray[] xs) {
            forward(xs[0]);
        }

        /** The gradient of each input (null where not needed); must not change g, which other inputs may get too. */
        INDArray[] backwardAll(INDArray g) {
            return new INDArray[] {backward(g)};
        }
    }

    /** Several inputs: {@link #forwardAll} and {@link #backwardAll} instead of the one-input methods. */
    private abstract static class MultiStage extends Stage {
        @Override
        void forward(INDArray x) {
            throw new UnsupportedOperationException();
        }

        @Override
        INDArray backward(INDArray g) {
            throw new UnsupportedOperationException();
        }
    }

    /** {@code concat(..., axis:)}: each input copied into its slice of the output; each gradient is a view of a slice. */
    private final class Concat extends MultiStage {
        private final INDArrayIndex[][] slices;
        private final INDArray[] views;
        private final List<Boolean> need;

        Concat(Layer layer, long[] outShape, List<long[]> inShapes, List<Boolean> need) {
            this.need = need;
            this.out = buffer(outShape);
            int axis = (int) layer.args()[0] + 1;
            int k = layer.inputs().size();
            this.slices = new INDArrayIndex[k][];
            this.views = new INDArray[k];
            long from = 0;
            for (int i = 0; i < k; i++) {
                long size = inShapes.get(i)[axis - 1];
                INDArrayIndex[] idx = new INDArrayIndex[outShape.length + 1];
                for (int d = 0; d < idx.length; d++) {
                    idx[d] = d == axis ? NDArrayIndex.interval(from, from + size) : NDArrayIndex.all();
                }
                slices[i] = idx;
                views[i] = out.get(idx);
                from += size;
            }
        }

        @Override
        void forwardAll(INDArray[] xs) {
            for (int i = 0; i < xs.length; i++) {
                views[i].assign(xs[i]);
            }
        }

        @Override
        INDArray[] backwardAll(INDArray g) {
            INDArray[] gi = new INDArray[slices.length];
            for (int i = 0; i < gi.length; i++) {
                gi[i] = need.get(i) ? g.get(slices[i]) : null;
            }
            return gi;
        }
    }

    /** {@code add(...)}: every input gets the output's gradient. */
    private final class Add extends MultiStage {
        private final List<Boolean> need;

        Add(long[] outShape, List<Boolean> need) {
            this.need = need;
            this.out = buffer(outShape);
        }

        @Override
        void forwardAll(INDArray[] xs) {
            out.assign(xs[0]);
            for (int i = 1; i < xs.length; i++) {
                out.addi(xs[i]);
            }
        }

        @Override
        INDArray[] backwardAll(INDArray g) {
            INDArray[] gi = new INDArray[need.size()];
            for (int i = 0; i < gi.length; i++) {
                gi[i] = need.get(i) ? g : null;
            }
            return gi;
        }
    }

    /**
     * {@code batchnorm()} while training: normalised with the batch's statistics over every axis but the channels' (1 of
     * an image or flat input, 2 of a sequence), as the graph; the running statistics move towards them after each step
     * ({@link Network#updateState}). The backward pass is the usual one through the batch statistics:
     * {@code dx = γ/(m·σ) · (m·g - Σg - x̂·Σ(g·x̂))}.
     */
    private final class BatchNorm extends Stage {
        private final Layer layer;
        private final int ch;
        private final int[] dims;
        private final long m;
        private final INDArray mean, var, invStd, scale, xhat, tmp, dx, gGamma, gBeta;
        private final Map<String, INDArray> stats;

        BatchNorm(Layer layer, INDArray x, Map<String, INDArray> grads, boolean needInputGradient) {
            this.layer = layer;
            int rank = x.rank();
            this.ch = rank == 3 ? 2 : 1;
            this.dims = java.util.stream.IntStream.range(0, rank).filter(d -> d != ch).toArray();
            long c = x.size(ch);
            this.m = x.length() / c;
            this.mean = Nd4j.createUninitialized(type, c);
            this.var = Nd4j.createUninitialized(type, c);
            this.invStd = Nd4j.createUninitialized(type, c);
            this.scale = Nd4j.createUninitialized(type, c);
            this.xhat = buffer(shapeOf(x));
            this.tmp = buffer(shapeOf(x));
            this.out = buffer(shapeOf(x));
            this.dx = needInputGradient ? buffer(shapeOf(x)) : null;
            this.gGamma = grads.get(layer.params().get(0));
            this.gBeta = grads.get(layer.params().get(1));
            this.stats = Map.of(layer.output() + "/batch_mean", mean, layer.output() + "/batch_var", var);
        }

        @Override
        void forward(INDArray x) {
            x.mean(mean, dims);
            Nd4j.exec(new BroadcastSubOp(x, mean, xhat, ch));
            xhat.mul(xhat, tmp).mean(var, dims);
            Transforms.sqrt(invStd.assign(var).addi(layer.args()[1]), false).rdivi(1.0);
            Nd4j.exec(new BroadcastMulOp(xhat, invStd, xhat, ch));
            Nd4j.exec(new BroadcastMulOp(xhat, param(layer.params().get(0)), out, ch));
            Nd4j.exec(new BroadcastAddOp(out, param(layer.params().get(1)), out, ch));
            net.updateState(stats);
        }

        @Override
        INDArray backward(INDArray g) {
            g.sum(gBeta, dims);
            g.mul(xhat, tmp).sum(gGamma, dims);
            if (dx == null) {
                return null;
            }
            Nd4j.exec(new BroadcastMulOp(xhat, gGamma, tmp, ch));
            dx.assign(g).muli(m).subi(tmp);
            Nd4j.exec(new BroadcastSubOp(dx, gBeta, dx, ch));
            scale.assign(param(layer.params().get(0))).muli(invStd).muli(1.0 / m);
            Nd4j.exec(new BroadcastMulOp(dx, scale, dx, ch));
            return dx;
        }
    }

    /** {@code globalavgpool()} of an image: the mean over its spatial axes; the gradient spreads evenly. */
    private final class GlobalAvgPool extends Stage {
        private final INDArray dx;
        private final long channels, area;

        GlobalAvgPool(INDArray x) {
            this.channels = x.size(1);
            this.area = x.size(2) * x.size(3);
            this.out = buffer(channels);
            this.dx = buffer(shapeOf(x));
        }

        @Override
        void forward(INDArray x) {
            x.mean(out, 2, 3);
        }

        @Override
        INDArray backward(INDArray g) {
            INDArray d = dx.reshape(n * channels, area);
            d.assign(0.0).addiColumnVector(g.reshape(n * channels, 1)).muli(1.0 / area);
            return dx;
        }
    }

    /** {@code x W + b}, then the activation; the loss fused with a softmax gives the pre-activation gradient directly. */
    private final class Dense extends Stage {
        private final Layer layer;
        private final INDArray z, dz, dx, gw, gb;
        private final Activations act;
        private final boolean fused;
        private INDArray x;

        Dense(Layer layer, INDArray x, long[] outShape, Map<String, INDArray> grads, boolean needInputGradient, boolean fused) {
            this.layer = layer;
            this.fused = fused;
            this.z = buffer(outShape);
            this.act = new Activations(layer.activation(), z);
            this.out = act.out;
            this.dz = fused || act.passThrough() ? null : buffer(outShape);
            this.dx = needInputGradient ? buffer(shapeOf(x)) : null;
            this.gw = grads.get(layer.params().get(0));
            this.gb = layer.params().size() > 1 ? grads.get(layer.params().get(1)) : null;
        }

        @Override
        void forward(INDArray x) {
            this.x = x;
            Nd4j.gemm(x, param(layer.params().get(0)), z, false, false, 1.0, 0.0);
            if (gb != null) {
                z.addiRowVector(param(layer.params().get(1)));
            }
            act.forward();
        }

        @Override
        INDArray backward(INDArray g) {
            INDArray d = fused ? g : act.backward(g, dz);
            Nd4j.gemm(x, d, gw, true, false, 1.0, 0.0);
            if (gb != null) {
                d.sum(gb, 0);
            }
            if (dx == null) {
                return null;
            }
            Nd4j.gemm(d, param(layer.params().get(0)), dx, false, true, 1.0, 0.0);
            return dx;
        }
    }

    /**
     * conv2d with its bias and activation: ND4J's {@code conv2d} and {@code conv2d_bp} ops (oneDNN inside the natives)
     * into this stage's buffers. {@code conv2d_bp} always computes the input's gradient: for the first layer it goes to a
     * scratch buffer nobody reads.
     */
    private final class Conv extends Stage {
        private final Layer layer;
        private final Conv2DConfig cfg;
        private final INDArray z, dz, dx, gw, gb;
        private final Activations act;
        private final boolean needInputGradient;
        private int[] iArgs;
        private INDArray x;

        Conv(Layer layer, INDArray x, long[] outShape, Map<String, INDArray> grads, boolean needInputGradient) {
            this.layer = layer;
            this.needInputGradient = needInputGradient;
            double[] a = layer.args();
            boolean same = a[6] == 1;
            this.cfg = Conv2DConfig.builder().kH((long) a[0]).kW((long) a[1]).sH((long) a[2]).sW((long) a[3]).pH((long) a[4])
                    .pW((long) a[5]).dH(1).dW(1).paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW")
                    .weightsFormat(WeightsFormat.YXIO).build();
            this.z = buffer(outShape);
            this.act = new Activations(layer.activation(), z);
            this.out = act.out;
            this.dz = act.passThrough() ? null : buffer(outShape);
            this.dx = buffer(shapeOf(x));
            this.gw = grads.get(layer.params().get(0));
            this.gb = layer.params().size() > 1 ? grads.get(layer.params().get(1)) : null;
        }

        @Override
        void forward(INDArray x) {
            this.x = x;
            INDArray w = param(layer.params().get(0));
            Conv2D op = gb != null ? new Conv2D(x, w, param(layer.params().get(1)), z, cfg) : new Conv2D(x, w, null, z, cfg);
            if (iArgs == null) {
                iArgs = java.util.Arrays.stream(op.iArgs()).mapToInt(v -> (int) v).toArray();
            }
            Nd4j.exec(op);
            act.forward();
        }

        @Override
        INDArray backward(INDArray g) {
            INDArray d = act.backward(g, dz);
            INDArray w = param(layer.params().get(0));
            DynamicCustomOp.DynamicCustomOpsBuilder bp = DynamicCustomOp.builder("conv2d_bp").addIntegerArguments(iArgs);
            if (gb != null) {
                bp.addInputs(x, w, param(layer.params().get(1)), d).addOutputs(dx, gw, gb);
            } else {
                bp.addInputs(x, w, d).addOutputs(dx, gw);
            }
            Nd4j.exec(bp.build());
            return needInputGradient ? dx : null;
        }
    }

    /**
     * A conv2d whose input's gradient nobody reads (the first layer with parameters): forward by ND4J's conv2d op, the
     * weight gradient, with stride 1, as one more conv2d (of the input, batch as channels, by the output's gradient),
     * otherwise as im2col into {@code [n, c·kh·kw, oh·ow]} columns and one batched product with the output's gradient
     * {@code [n, f, oh·ow]}, summed over the batch; no input gradient at all (conv2d_bp always makes one).
     */
    private final class FirstConv extends Stage {
        private final Conv conv;
        private final int[] k;
        private final long f, c, hw;
        private final INDArray cols, perSample, gwt;
        /**
         * For the weight gradient as a convolution (stride 1, unless -Dnnet.firstconv=im2col): the input as
         * {@code [c, n, h, w]}, the output's gradient as the kernel. Taking turns batch by batch with the other two
         * ways in one JVM ({@code StepThroughput firstconv-ab}), LeNet-5's step took 12–16 ms of CPU this way, 15–18 with
         * im2col and 21–36 with conv2d_bp (loaded machine).
         */
        private final boolean asConv;
        private final INDArray xt, kernel, gwConv;
        private final Conv2DConfig wcfg;
        private INDArray x;

        FirstConv(Layer layer, INDArray x, long[] outShape, Map<String, INDArray> grads) {
            this.conv = new Conv(layer, x, outShape, grads, false);
            this.out = conv.out;
            double[] a = layer.args();
            int[] p = padding(layer, x, outShape);
            this.k = new int[] {(int) a[0], (int) a[1], (int) a[2], (int) a[3], p[0], p[1]};
            this.c = x.size(1);
            this.f = outShape[0];
            this.hw = outShape[1] * outShape[2];
            this.cols = Nd4j.createUninitialized(type, n, c, k[0], k[1], outShape[1], outShape[2]);
            this.perSample = Nd4j.createUninitialized(type, n, f, c * k[0] * k[1]);
            this.gwt = Nd4j.createUninitialized(type, f, c * k[0] * k[1]);
            this.asConv = !"im2col".equals(System.getProperty("nnet.firstconv")) && k[2] == 1 && k[3] == 1;
            this.xt = asConv && c > 1 ? Nd4j.createUninitialized(type, c, n, x.size(2), x.size(3)) : null;
            this.kernel = asConv ? Nd4j.createUninitialized(type, outShape[1], outShape[2], n, f) : null;
            this.gwConv = asConv ? Nd4j.createUninitialized(type, c, f, k[0], k[1]) : null;
            this.wcfg = Conv2DConfig.builder().kH(outShape[1]).kW(outShape[2]).sH(1).sW(1).pH(k[4]).pW(k[5]).dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        }

        /**
         * The explicit padding (top, left) that gives the layer's output size, or null when 'same' padding would need
         * more at the bottom or right than at the top or left (even kernels), which im2col's explicit padding cannot do.
         */
        static int[] padding(Layer layer, INDArray x, long[] outShape) {
            double[] a = layer.args();
            int[] p = {(int) a[4], (int) a[5]};
            for (int d = 0; d < 2; d++) {
                long in = x.size(2 + d), kd = (long) a[d], sd = (long) a[2 + d], out = outShape[1 + d];
                if (a[6] == 1) {
                    p[d] = (int) Math.max(0, ((out - 1) * sd + kd - in) / 2);
                }
                if ((in + 2L * p[d] - kd) / sd + 1 != out) {
                    return null;
                }
            }
            return p;
        }

        @Override
        void forward(INDArray x) {
            this.x = x;
            conv.forward(x);
        }

        @Override
        INDArray backward(INDArray g) {
            INDArray d = conv.act.backward(g, conv.dz).reshape(n, f, hw);
            if (asConv) {
                // dW[kh, kw, c, f] = Σ_n,y,x x[n, c, y+kh, x+kw]·d[n, f, y, x]: a convolution of the input, batch as channels,
                // with the output's gradient as its kernel
                INDArray in = c == 1 ? x.reshape(1, n, x.size(2), x.size(3)) : xt.assign(x.permute(1, 0, 2, 3));
                kernel.assign(d.reshape(n, f, kernel.size(0), kernel.size(1)).permute(2, 3, 0, 1));
                Nd4j.exec(new Conv2D(in, kernel, null, gwConv, wcfg));
                conv.gw.assign(gwConv.permute(2, 3, 0, 1));
                if (conv.gb != null) {
                    d.sum(conv.gb, 0, 2);
                }
                return null;
            }
            Convolution.im2col(x, k[0], k[1], k[2], k[3], k[4], k[5], 1, 1, false, cols);
            Nd4j.matmul(d, cols.reshape(n, c * k[0] * k[1], hw), perSample, false, true, false);
            perSample.sum(gwt, 0);
            // [f, c, kh, kw] -> the weights' [kh, kw, c, f]
            conv.gw.assign(gwt.reshape(f, c, k[0], k[1]).permute(2, 3, 1, 0));
            if (conv.gb != null) {
                d.sum(conv.gb, 0, 2);
            }
            return null;
        }
    }

    /** max and average pooling (padding excluded from averages), ND4J's ops. */
    private final class Pool extends Stage {
        private final Pooling2DConfig cfg;
        private final boolean max;
        private final INDArray dx;
        private INDArray x;

        Pool(Layer layer, INDArray x, long[] outShape, boolean needInputGradient) {
            double[] a = layer.args();
            this.max = layer.kind().equals("maxpool2d");
            this.cfg = Pooling2DConfig.builder().kH((long) a[0]).kW((long) a[1]).sH((long) a[2]).sW((long) a[3]).pH((long) a[4])
                    .pW((long) a[5]).paddingMode(a[6] == 1 ? PaddingMode.SAME : PaddingMode.VALID).extra(0).isNHWC(false)
                    .type(max ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG).build();
            this.out = buffer(outShape);
            this.dx = needInputGradient ? buffer(shapeOf(x)) : null;
        }

        @Override
        void forward(INDArray x) {
            this.x = x;
            Nd4j.exec(max ? new MaxPooling2D(x, out, cfg) : new AvgPooling2D(x, out, cfg));
        }

        @Override
        INDArray backward(INDArray g) {
            if (dx == null) {
                return null;
            }
            Nd4j.exec(new Pooling2DDerivative(x, g, dx, cfg));
            return dx;
        }
    }

    /** A standalone activation. */
    private final class Act extends Stage {
        private final Activations act;
        private final INDArray dz;
        private final boolean fused, needInputGradient;

        Act(Layer layer, INDArray x, boolean needInputGradient, boolean fused) {
            this.fused = fused;
            this.needInputGradient = needInputGradient;
            this.act = new Activations(layer.activation(), buffer(shapeOf(x)));
            this.out = act.out;
            this.dz = needInputGradient && !fused && !act.passThrough() ? buffer(shapeOf(x)) : null;
        }

        @Override
        void forward(INDArray x) {
            act.z.assign(x);
            act.forward();
        }

        @Override
        INDArray backward(INDArray g) {
            if (!needInputGradient) {
                return null;
            }
            return fused ? g : act.backward(g, dz);
        }
    }

    /**
     * An activation from a pre-activation buffer z to its output (z itself for linear), with ND4J's own forward and
     * backward ops (those the graph's gradient uses).
     */
    private final class Activations {
        final Activation fn;
        final INDArray z, out;

        Activations(Activation fn, INDArray z) {
            this.fn = fn;
            this.z = z;
            this.out = passThrough() ? z : buffer(shapeOf(z));
        }

        boolean passThrough() {
            return fn.kind() == Activation.Kind.LINEAR;
        }

        void forward() {
            switch (fn.kind()) {
            case LINEAR -> {
            }
            case RELU -> Nd4j.exec(new RectifiedLinear(z, out, 0.0));
            case LEAKYRELU -> Nd4j.exec(new LeakyReLU(z, out, fn.alpha()));
            case ELU -> Nd4j.exec(new ELU(z, out, fn.alpha()));
            case GELU -> Nd4j.exec(new GELU(z, out));
            case SIGMOID -> Nd4j.exec(new Sigmoid(z, out));
            case TANH -> Nd4j.exec(new Tanh(z, out));
            case SOFTMAX -> Nd4j.exec(new SoftMax(z, out, z.rank() - 1));
            case SOFTPLUS -> Nd4j.exec(new SoftPlus(z, out));
            case ABS -> Nd4j.exec(new Abs(z, out));
            }
        }

        /** The gradient at z from the gradient g at the output, into dz (g itself for linear). */
        INDArray backward(INDArray g, INDArray dz) {
            switch (fn.kind()) {
            case LINEAR -> {
                return g;
            }
            case RELU -> Nd4j.exec(new RectifiedLinearDerivative(z, g, dz));
            case LEAKYRELU -> Nd4j.exec(new LeakyReLUBp(z, g, dz, fn.alpha()));
            case ELU -> Nd4j.exec(new EluBp(z, g, dz, fn.alpha()));
            case GELU -> {
                Nd4j.exec(new GELUDerivative(z, dz));
                dz.muli(g);
            }
            case SIGMOID -> Nd4j.exec(new SigmoidDerivative(z, g, dz));
            case TANH -> Nd4j.exec(new TanhDerivative(z, g, dz));
            case SOFTMAX -> Nd4j.exec(new SoftmaxBp(z, g, dz, z.rank() - 1));
            case SOFTPLUS -> Nd4j.exec(new SoftPlusBp(z, g, dz));
            case ABS -> {
                Nd4j.exec(new Sign(z, dz));
                dz.muli(g);
            }
            }
            return dz;
        }
    }

    /** Inverted dropout with a mask drawn per step: kept units scaled by 1/keep. */
    private final class Dropout extends Stage {
        private final double keep;
        final INDArray mask;

        private final INDArray dx;

        Dropout(Layer layer, INDArray x) {
            this.keep = layer.args()[0];
            this.mask = buffer(shapeOf(x));
            this.out = buffer(shapeOf(x));
            this.dx = buffer(shapeOf(x));
        }

        @Override
        void forward(INDArray x) {
            if (keep >= 1) {
                mask.assign(1);
            } else {
                Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), Nd4j.getRandom());
                mask.muli(1 / keep);
            }
            x.mul(mask, out);
        }

        @Override
        INDArray backward(INDArray g) {
            return g.mul(mask, dx);
        }
    }

    /** flatten and reshape: views of the same buffer. */
    private final class Reshape extends Stage {
        private final long[] inShape;

        Reshape(INDArray x, long[] outShape, long[] inShape) {
            this.out = x.reshape('c', withBatch(outShape));
            this.inShape = withBatch(inShape);
        }

        @Override
        void forward(INDArray x) {
            // out is a view of x's buffer
        }

        @Override
        INDArray backward(INDArray g) {
            return g.reshape('c', inShape);
        }
    }

    private long[] withBatch(long[] sampleShape) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = n;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return s;
    }

    private static long[] shapeOf(INDArray batch) {
        long[] s = batch.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    /** The loss: forward returns its value, backward the gradient at the last stage's output (or its logits, fused). */
    private interface Loss {
        double forward();

        INDArray backward();
    }

    /**
     * {@code -mean_n Σ y·log(max(p, 1e-7))} of a softmax output p, as the graph's {@code crossEntropy}; the gradient at the
     * logits is {@code (p·Σy - y)/n} (the clip's zero gradient below 1e-7, which the graph has, is not reproduced).
     */
    private final class SoftmaxCrossEntropy implements Loss {
        private final INDArray p, y, dz;
        private final int k;

        SoftmaxCrossEntropy(INDArray p, INDArray y) {
            this.p = p;
            this.y = y;
            this.dz = buffer(shapeOf(p));
            this.k = Math.toIntExact(p.size(1));
        }

        /**
         * Loss and logit gradient in one pass over the batch's few scores on the JVM (cheaper than the five ND4J
         * ops, each with its call overhead, that it replaces); the buffers are this step's own, dense from offset 0.
         */
        @Override
        public double forward() {
            DataBuffer pb = p.data(), yb = y.data(), db = dz.data();
            double loss = 0;
            for (long i = 0, o = 0; i < n; i++, o += k) {
                double ySum = 0;
                for (int j = 0; j < k; j++) {
                    double yv = yb.getDouble(o + j);
                    ySum += yv;
                    loss -= yv * Math.log(Math.max(pb.getDouble(o + j), 1e-7));
                }
                for (int j = 0; j < k; j++) {
                    db.put(o + j, (pb.getDouble(o + j) * ySum - yb.getDouble(o + j)) / n);
                }
            }
            return loss / n;
        }

        @Override
        public INDArray backward() {
            return dz;
        }
    }

    /** {@code mean (p - y)²} over every element; gradient {@code 2(p - y)/m}. */
    private final class MeanSquaredError implements Loss {
        private final INDArray p, y, d, flatD;
        private final long m;

        MeanSquaredError(INDArray p, INDArray y) {
            this.p = p;
            this.y = y;
            this.d = buffer(shapeOf(p));
            this.flatD = flat(d);
            this.m = p.length();
        }

        @Override
        public double forward() {
            p.sub(y, d);
            return Nd4j.getBlasWrapper().dot(flatD, flatD) / m;
        }

        @Override
        public INDArray backward() {
            return d.muli(2.0 / m);
        }
    }

    /**
     * {@code -mean (y·log q + (1-y)·log(1-q))}, {@code q = clip(p, 1e-7, 1-1e-7)}, as the graph's; the gradient at p is
     * {@code (q - y)/(q(1-q))/m} where p is inside the clip range and 0 where it was clipped, as the graph's.
     */
    private final class BinaryCrossEntropy implements Loss {
        private final INDArray p, y, q, logq, log1mq, inside, d;
        private final long m;

        BinaryCrossEntropy(INDArray p, INDArray y) {
            this.p = p;
            this.y = y;
            this.q = buffer(shapeOf(p));
            this.logq = buffer(shapeOf(p));
            this.log1mq = buffer(shapeOf(p));
            this.inside = buffer(shapeOf(p));
            this.d = buffer(shapeOf(p));
            this.m = p.length();
        }

        @Override
        public double forward() {
            q.assign(p);
            Transforms.max(q, 1e-7, false);
            Transforms.min(q, 1 - 1e-7, false);
            Transforms.log(logq.assign(q), false);
            Transforms.log(log1mq.assign(q).rsubi(1.0), false);
            // Σ y log q + (1 - y) log(1-q) = Σ y (log q - log(1-q)) + Σ log(1-q)
            double sum1m = log1mq.sumNumber().doubleValue();
            logq.subi(log1mq);
            return -(Nd4j.getBlasWrapper().dot(flat(y), flat(logq)) + sum1m) / m;
        }

        @Override
        public INDArray backward() {
            // inside = 1 - sign|p - q|: 1 where p was not clipped
            Transforms.sign(Transforms.abs(p.sub(q, inside), false), false).rsubi(1.0);
            q.sub(y, d);
            d.muli(inside).divi(log1mq.assign(q).rsubi(1.0).muli(q)).muli(1.0 / m);
            return d;
        }
    }

    private static INDArray flat(INDArray a) {
        return a.reshape(new long[] {a.length()});
    }
}
