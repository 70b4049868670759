package org.nnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.example.StepThroughput;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Init;
import org.nnet.runtime.graph.Network;

/**
 * Differential test of the compiled step against the SameDiff graph of the same network, kept as the reference: same
 * initial parameters, same batch and the same dropout masks give the same loss and the same gradient of every
 * parameter (double precision), and the same parameters after several optimizer steps (float).
 */
class CompiledStepTest {
    private static final double TIGHT = 1e-9;

    /** Random features [n, shape] and one-hot labels [n, classes] (or values in (0, 1) when classes is negative). */
    private static Map<String, INDArray> batch(DataType type, long seed, int n, long[] shape, int classes) {
        Nd4j.getRandom().setSeed(seed);
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        Map<String, INDArray> b = new LinkedHashMap<>();
        b.put("features", Nd4j.randn(type, s));
        if (classes > 0) {
            INDArray y = Nd4j.zeros(type, n, classes);
            java.util.Random r = new java.util.Random(seed);
            for (int i = 0; i < n; i++) {
                y.putScalar(i, r.nextInt(classes), 1.0);
            }
            b.put("labels", y);
        } else {
            b.put("labels", Nd4j.rand(type, n, -classes));
        }
        return b;
    }

    /** Compiles, runs one forward-backward, and the graph on the same feeds and masks; compares loss and gradients. */
    private static void sameAsGraph(Network net, String output, Map<String, INDArray> batch) {
        net.sd().setLossVariables("loss");
        GraphStep graph = new GraphStep(net, Optimizer.sgd(0.1, 0, false), Regularization.NONE);
        CompiledStep.Compilation c = CompiledStep.compile(net, output, "loss", graph.params);
        assertNull(c.reason(), () -> "not compiled: " + c.reason());
        CompiledStep step = c.step();
        double loss = step.forwardBackward(batch);
        Map<String, INDArray> feeds = graph.feeds(batch, true);
        for (Network.Layer l : net.layers()) {
            if (l.kind().equals("dropout")) {
                feeds.put(l.output() + "/mask", step.mask(l.output()).dup());
            }
        }
        OutAndGrad r = graph.gradients(feeds, List.of("loss", output));
        double expected = r.getOutputs().get("loss").getDouble(0);
        assertEquals(expected, loss, TIGHT * Math.max(1, Math.abs(expected)), "loss");
        assertClose(r.getOutputs().get(output), step.output(), "output " + output);
        for (String p : graph.params) {
            assertClose(r.getGradients().get(p), step.gradients().get(p), "gradient of " + p);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertNotNull(actual, what);
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.reshape(expected.shape()).shape()), what);
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual.reshape(expected.shape()).castTo(expected.dataType())).amaxNumber().doubleValue();
        assertTrue(diff <= TIGHT * scale, () -> what + ": max difference " + diff + " (scale " + scale + ")");
    }

    @Test
    void mlpOfTheExampleMatchesTheGraph() {
        sameAsGraph(StepThroughput.mlp(1, DataType.DOUBLE, 0.2), "digits", batch(DataType.DOUBLE, 7, 16, new long[] {1, 28, 28}, 10));
    }

    @Test
    void lenet5OfTheExampleMatchesTheGraph() {
        sameAsGraph(StepThroughput.lenet5(5, DataType.DOUBLE), "digits", batch(DataType.DOUBLE, 8, 6, new long[] {1, 28, 28}, 10));
    }

    /**
     * The first convolution's weight gradient by im2col (-Dnnet.firstconv=im2col, otherwise used for strides above 1),
     * and by default (as a convolution at stride 1), one and three channels.
     */
    @Test
    void firstConvolutionsWeightGradientMatchesTheGraphEitherWay() {
        firstConvolutions();
        System.setProperty("nnet.firstconv", "im2col");
        try {
            firstConvolutions();
        } finally {
            System.clearProperty("nnet.firstconv");
        }
    }

    private static void firstConvolutions() {
        sameAsGraph(StepThroughput.lenet5(5, DataType.DOUBLE), "digits", batch(DataType.DOUBLE, 8, 6, new long[] {1, 28, 28}, 10));
        Network net = new Network(2, DataType.DOUBLE);
        SDVariable x = net.input("features", 3, 9, 8);
        x = net.conv2d("a", x, 4, new int[] {3, 2}, new int[] {1, 1}, new int[] {1, 0}, false, new int[] {1, 1}, Activation.TANH,
                Init.HE, true);
        x = net.flatten("flat", x);
        SDVariable out = net.dense("out", x, 3, Activation.SIGMOID);
        net.meanSquaredError("loss", out, net.input("labels", 3));
        sameAsGraph(net, "out", batch(DataType.DOUBLE, 4, 5, new long[] {3, 9, 8}, -3));
    }

    @Test
    void convolutionsAndPoolingsOfEveryKindMatchTheGraph() {
        Network net = new Network(2, DataType.DOUBLE);
        SDVariable x = net.input("features", 3, 11, 10);
        x = net.conv2d("a", x, 4, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}, false, new int[] {1, 1}, Activation.RELU,
                Init.HE, false);
        x = net.pool2d("b", x, true, new int[] {2, 2}, new int[] {1, 2}, new int[] {0, 0}, true);
        x = net.conv2d("c", x, 5, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0}, true, new int[] {1, 1}, Activation.LINEAR,
                Init.XAVIER, true);
        x = net.avgPool2d("d", x, 3, 2, -1);
        x = net.maxPool2d("e", x, 2);
        x = net.flatten("flat", x);
        SDVariable out = net.dense("out", x, 3, Activation.SIGMOID);
        net.meanSquaredError("loss", out, net.input("labels", 3));
        sameAsGraph(net, "out", batch(DataType.DOUBLE, 4, 5, new long[] {3, 11, 10}, -3));
    }

    /** The MiniInception of examples/fashion/inception.nnet, smaller: branches from one node, concat, globalavgpool. */
    @Test
    void branchesAndJoinsMatchTheGraph() {
        Network net = new Network(4, DataType.DOUBLE);
        SDVariable image = net.input("features", 1, 12, 12);
        SDVariable x = net.conv2d("stem", image, 6, 3, 1, -1, Activation.RELU);
        x = net.maxPool2d("pool", x, 2);
        SDVariable b1 = net.conv2d("b1", x, 3, 1, 1, 0, Activation.RELU);
        SDVariable b3 = net.conv2d("b3", net.conv2d("b3r", x, 2, 1, 1, 0, Activation.RELU), 4, 3, 1, -1, Activation.RELU);
        SDVariable bp = net.conv2d("bp", net.maxPool2d("bpool", x, 3, 1, -1), 2, 1, 1, 0, Activation.RELU);
        SDVariable mixed = net.concat("mixed", 0, b1, b3, bp);
        SDVariable g = net.globalAvgPool("gap", mixed);
        // a residual join of two branches of the pooled features, one through dropout
        SDVariable r1 = net.dense("r1", g, 9, Activation.TANH);
        SDVariable r2 = net.dropout("r2", net.dense("r2d", g, 9, Activation.ELU), 0.25);
        SDVariable sum = net.add("sum", r1, r2, net.dense("r3", g, 9, Activation.LINEAR));
        SDVariable out = net.dense("classes", net.concat("both", 0, sum, g), 4, Activation.SOFTMAX);
        net.crossEntropy("loss", out, net.input("labels", 4));
        sameAsGraph(net, "classes", batch(DataType.DOUBLE, 9, 5, new long[] {1, 12, 12}, 4));
    }

    /** batchnorm of an image, of flat features and of a reshaped sequence-like input. */
    private static Network batchnormNet() {
        Network net = new Network(6, DataType.DOUBLE);
        SDVariable x = net.input("features", 2, 6, 6);
        x = net.conv2d("c", x, 3, 3, 1, 0, Activation.LINEAR);
        x = net.batchnorm("bn1", x, 0.9, 1e-5);
        x = net.activation("relu", x, Activation.RELU);
        x = net.reshape("seq", x, 3, 16);
        x = net.batchnorm("bn2", x, 0.8, 1e-3);
        x = net.flatten("flat", x);
        x = net.dense("d", x, 5, Activation.TANH);
        x = net.batchnorm("bn3", x, 0.99, 1e-5);
        SDVariable out = net.dense("out", x, 3, Activation.SOFTMAX);
        net.crossEntropy("loss", out, net.input("labels", 3));
        return net;
    }

    @Test
    void batchnormMatchesTheGraphWithItsRunningStatistics() {
        Map<String, INDArray> b = batch(DataType.DOUBLE, 12, 7, new long[] {2, 6, 6}, 3);
        sameAsGraph(batchnormNet(), "out", b);
        // the running statistics after a step of each kind
        Network compiled = batchnormNet(), graph = batchnormNet();
        SupervisedTask tc = new SupervisedTask(compiled, "out", "loss", "labels");
        tc.prepare(Optimizer.sgd(0.1, 0, false), Regularization.NONE, Set.of());
        SupervisedTask tg = new SupervisedTask(graph, "out", "loss", "labels");
        System.setProperty(CompiledStep.PROPERTY, "graph");
        try {
            tg.prepare(Optimizer.sgd(0.1, 0, false), Regularization.NONE, Set.of());
        } finally {
            System.clearProperty(CompiledStep.PROPERTY);
        }
        assertNotNull(tc.compiled());
        tc.trainBatch(b);
        tg.trainBatch(b);
        for (String v : compiled.stateNames()) {
            assertClose(graph.sd().getVariable(v).getArr(), compiled.sd().getVariable(v).getArr(), v);
        }
        for (String v : compiled.parameterNames()) {
            assertClose(graph.sd().getVariable(v).getArr(), compiled.sd().getVariable(v).getArr(), v);
        }
    }

    @Test
    void everyActivationMatchesTheGraphUnderEachLoss() {
        List<Activation> fns = List.of(Activation.LINEAR, Activation.RELU, Activation.leakyRelu(0.1), Activation.ELU,
                Activation.elu(0.5), Activation.GELU, Activation.SIGMOID, Activation.TANH, Activation.SOFTMAX, Activation.SOFTPLUS,
                Activation.ABS);
        for (Activation fn : fns) {
            for (String loss : List.of("mse", "binary_cross_entropy", "cross_entropy")) {
                Network net = new Network(5, DataType.DOUBLE);
                SDVariable x = net.input("features", 6);
                x = net.dense("hidden", x, 7, fn, Init.HE, true);
                x = net.activation("act", x, fn);
                x = net.dropout("drop", x, 0.3);
                x = net.dense("hidden2", x, 5, Activation.TANH, Init.XAVIER, false);
                SDVariable out;
                Map<String, INDArray> b;
                switch (loss) {
                case "mse" -> {
                    out = net.dense("out", x, 3, fn);
                    net.meanSquaredError("loss", out, net.input("labels", 3));
                    b = batch(DataType.DOUBLE, 3, 9, new long[] {6}, -3);
                }
                case "binary_cross_entropy" -> {
                    out = net.dense("out", x, 3, Activation.SIGMOID);
                    net.binaryCrossEntropy("loss", out, net.input("labels", 3));
                    b = batch(DataType.DOUBLE, 3, 9, new long[] {6}, -3);
                }
                default -> {
                    out = net.activation("out", net.dense("logits", x, 3, fn), Activation.SOFTMAX);
                    net.crossEntropy("loss", out, net.input("labels", 3));
                    b = batch(DataType.DOUBLE, 3, 9, new long[] {6}, 3);
                }
                }
                try {
                    sameAsGraph(net, out.name(), b);
                } catch (AssertionError e) {
                    throw new AssertionError(fn + " with " + loss + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void unsupportedLayersStayOnTheGraphAndSayWhich() {
        Network net = new Network(1, DataType.FLOAT);
        SDVariable x = net.input("features", 5, 3);
        x = net.lstm("memory", x, 4, false);
        SDVariable p = net.dense("out", x, 2, Activation.SOFTMAX);
        net.crossEntropy("loss", p, net.input("labels", 2));
        CompiledStep.Compilation c = CompiledStep.compile(net, "out", "loss", net.parameterNames());
        assertNull(c.step());
        assertEquals("Training step: graph (layer 'memory' (lstm) is not compiled yet)", c.describe());
    }

    /** Two copies of a network trained for a few steps, one per step kind: the same parameters (float). */
    @Test
    void optimizerStepsGiveTheGraphsParameters() {
        Map<String, Function<Void, Optimizer>> optimizers = new LinkedHashMap<>();
        optimizers.put("adam", v -> Optimizer.adam(1e-3));
        optimizers.put("sgd nesterov", v -> Optimizer.sgd(0.05, 0.9, true));
        optimizers.put("rmsprop", v -> Optimizer.rmsprop(1e-3, 0.9));
        optimizers.put("adagrad", v -> Optimizer.adagrad(0.01));
        Regularization reg = new Regularization(1e-4, 1e-3, 2.0);
        for (Map.Entry<String, Function<Void, Optimizer>> e : optimizers.entrySet()) {
            SupervisedTask graph = new SupervisedTask(StepThroughput.mlp(1, DataType.FLOAT, 0), "digits", "loss", "labels");
            System.setProperty(CompiledStep.PROPERTY, "graph");
            try {
                graph.prepare(e.getValue().apply(null), reg, Set.of("accuracy"));
            } finally {
                System.clearProperty(CompiledStep.PROPERTY);
            }
            SupervisedTask compiled = new SupervisedTask(StepThroughput.mlp(1, DataType.FLOAT, 0), "digits", "loss", "labels");
            compiled.prepare(e.getValue().apply(null), reg, Set.of("accuracy"));
            assertNull(graph.compiled());
            assertNotNull(compiled.compiled());
            for (int s = 0; s < 4; s++) {
                Map<String, INDArray> b = batch(DataType.FLOAT, 11 + s, s == 3 ? 5 : 32, new long[] {1, 28, 28}, 10);
                Map<String, Double> mg = graph.trainBatch(b);
                Map<String, Double> mc = compiled.trainBatch(b);
                assertEquals(mg.get("loss"), mc.get("loss"), 1e-4, e.getKey() + " loss at step " + s);
                assertEquals(mg.get("accuracy"), mc.get("accuracy"), 1e-9, e.getKey() + " accuracy at step " + s);
            }
            Network ng = graph.networks().get("model"), nc = compiled.networks().get("model");
            for (String p : ng.parameterNames()) {
                INDArray a = ng.sd().getVariable(p).getArr(), b = nc.sd().getVariable(p).getArr();
                double diff = a.sub(b).amaxNumber().doubleValue();
                assertTrue(diff < 2e-5, e.getKey() + ": parameter " + p + " differs by " + diff);
            }
        }
    }

    /** A non-finite value stops a compiled training naming the data input or the .nnet layer where it first appears. */
    @Test
    void nonFiniteValuesStopACompiledRunNamingTheInputOrLayer() {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 2);
        labels.getColumn(0).assign(1);
        INDArray nan = Nd4j.rand(DataType.FLOAT, 8, 4);
        nan.putScalar(5, 2, Float.NaN);
        assertTrue(stop(nan, labels).contains("first non-finite in the input features"));
        // finite inputs whose product with weights of ones overflows float: infinity first appears in layer hidden
        String huge = stop(Nd4j.valueArrayOf(new long[] {8, 4}, 3e38f, DataType.FLOAT), labels);
        assertTrue(huge.contains("first non-finite in layer hidden (dense)"), huge);
    }

    private static String stop(INDArray features, INDArray labels) {
        Network net = new Network(1);
        SDVariable x = net.input("features", 4);
        x = net.dense("hidden", x, 3, Activation.RELU);
        SDVariable p = net.dense("out", x, 2, Activation.SOFTMAX);
        net.crossEntropy("loss", p, net.input("labels", 2));
        net.sd().getVariable("hidden/W").getArr().assign(1);
        SupervisedTask t = new SupervisedTask(net, "out", "loss", "labels");
        TrainingException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingException.class,
                () -> new Trainer(t, new TrainingOptions().batch(8)).fit(org.nnet.runtime.data.Dataset.classification(features, labels), null));
        assertNotNull(t.compiled(), "trained on the compiled step");
        assertTrue(e.getMessage().contains("epoch 1, batch 1"), e.getMessage());
        return e.getMessage();
    }
}
