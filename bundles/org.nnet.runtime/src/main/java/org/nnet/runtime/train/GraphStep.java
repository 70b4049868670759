package org.nnet.runtime.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.graph.Network;

/** Feeding, gradients, updates and non-finite checks for one network: what every task shares. */
final class GraphStep {
    final Network net;
    final SameDiff sd;
    final Optimizer optimizer;
    final Regularization regularization;
    final List<String> params;

    GraphStep(Network net, Optimizer optimizer, Regularization regularization) {
        this(net, optimizer, regularization, net.parameterNames());
    }

    /** A step that trains only the given parameters of the network. */
    GraphStep(Network net, Optimizer optimizer, Regularization regularization, List<String> params) {
        this.net = net;
        this.sd = net.sd();
        this.optimizer = optimizer;
        this.regularization = regularization;
        this.params = params;
    }

    /** Placeholders of the graph found in the batch, plus noise for dropout and gaussian layers. */
    Map<String, INDArray> feeds(Map<String, INDArray> batch, boolean training) {
        long n = batch.values().iterator().next().size(0);
        Map<String, INDArray> feeds = new LinkedHashMap<>(net.noiseFeeds(n, training));
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.PLACEHOLDER && batch.containsKey(v.name())) {
                INDArray a = batch.get(v.name());
                feeds.put(v.name(), a.dataType() == v.dataType() ? a : a.castTo(v.dataType()));
            }
        }
        return feeds;
    }

    /** Gradients and outputs of one training step; batchnorm's running statistics move towards this batch's. */
    OutAndGrad gradients(Map<String, INDArray> feeds, Collection<String> outputs) {
        List<String> stats = net.stateInputs();
        if (stats.isEmpty()) {
            return sd.calculateGradientsAndOutputs(feeds, outputs, params);
        }
        List<String> all = new ArrayList<>(outputs);
        all.addAll(stats);
        OutAndGrad r = sd.calculateGradientsAndOutputs(feeds, all, params);
        net.updateState(r.getOutputs());
        return r;
    }

    /** Checks the gradients, adds penalties, applies the optimizer and max-norm. */
    void update(Map<String, INDArray> grads) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (String p : params) {
            INDArray g = grads.get(p);
            if (g != null && !finite(g)) {
                throw new NonFiniteValueException("the gradient of " + describe(p));
            }
            values.put(p, sd.getVariable(p).getArr());
        }
        regularization.addPenaltyGradients(values, grads);
        optimizer.apply(values, grads);
        regularization.constrain(values);
    }

    /** The first parameter, then the first node in graph order, whose value is not finite; null if none. */
    String locate(Map<String, INDArray> feeds) {
        for (String p : params) {
            if (!finite(sd.getVariable(p).getArr())) {
                return describe(p) + ", a parameter";
            }
        }
        List<String> nodes = new ArrayList<>();
        for (DifferentialFunction op : sd.ops()) {
            for (String out : op.outputVariablesNames()) {
                if (sd.getVariable(out).getVariableType() == VariableType.ARRAY) {
                    nodes.add(out);
                }
            }
        }
        Map<String, INDArray> values = sd.output(feeds, nodes);
        for (String node : nodes) {
            INDArray v = values.get(node);
            if (v != null && v.dataType().isFPType() && !finite(v)) {
                return describe(node);
            }
        }
        return null;
    }

    static boolean finite(INDArray a) {
        if (!a.dataType().isFPType() || a.isEmpty()) {
            return true;
        }
        // Σ|a| by BLAS (no temporary) is finite when every element is; only an overflow needs the element-wise look
        boolean blas = (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && a.elementWiseStride() == 1;
        double sum = blas ? Nd4j.getBlasWrapper().level1().asum(a) : a.sumNumber().doubleValue();
        return Double.isFinite(sum) || (!a.isNaN().any() && !a.isInfinite().any());
    }

    /** {@code layer L (variable V)}: the layer is the variable name up to its first '/'. */
    static String describe(String variable) {
        int slash = variable.indexOf('/');
        String layer = slash > 0 ? variable.substring(0, slash) : variable;
        return "layer " + layer + " (variable " + variable + ")";
    }

    static double scalar(INDArray a) {
        return a.getDouble(0);
    }

    /** accuracy and mse of predictions against targets (one-hot with the same shape, or class indices). */
    static void addMetrics(Map<String, Double> out, Set<String> metrics, INDArray predictions, INDArray targets) {
        for (String m : metrics) {
            switch (m) {
            case "accuracy" -> out.put(m, accuracy(predictions, targets));
            case "mse" -> {
                INDArray t = targets.dataType() == predictions.dataType() ? targets : targets.castTo(predictions.dataType());
                if (!java.util.Arrays.equals(t.shape(), predictions.shape())) {
                    break; // mse needs targets of the predictions' shape; token targets have none
                }
                INDArray d = predictions.sub(t);
                out.put(m, d.muli(d).meanNumber().doubleValue());
            }
            case "mae" -> {
                INDArray t = targets.dataType() == predictions.dataType() ? targets : targets.castTo(predictions.dataType());
                if (java.util.Arrays.equals(t.shape(), predictions.shape())) {
                    out.put(m, org.nd4j.linalg.ops.transforms.Transforms.abs(predictions.sub(t)).meanNumber().doubleValue());
                }
            }
            case "loss" -> {
            }
            default -> throw new TrainingException("Unknown metric '" + m + "': use accuracy, mse or mae.");
            }
        }
    }

    static double accuracy(INDArray predictions, INDArray targets) {
        if (predictions.rank() == 2 && predictions.size(1) > 1) {
            return accuracyOfRows(predictions, targets);
        }
        int last = predictions.rank() - 1;
        INDArray predicted = predictions.argMax(last);
        INDArray truth = targets.rank() == predictions.rank() ? targets.argMax(last) : targets;
        if (predictions.size(last) == 1 && targets.rank() == predictions.rank()) {
            predicted = predictions.gt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.LONG);
            truth = targets.gt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.LONG);
        }
        INDArray eq = predicted.castTo(org.nd4j.linalg.api.buffer.DataType.LONG).eq(truth.castTo(org.nd4j.linalg.api.buffer.DataType.LONG));
        return eq.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    }

    /**
     * Accuracy of class scores {@code [n, k]} against one-hot {@code [n, k]} or indices {@code [n]}, read on the JVM
     * straight from the arrays' buffers: for a batch's few scores that is much cheaper than ND4J's argMax, cast and
     * compare ops and the arrays they allocate. Ties go to the first class, as argMax's.
     */
    private static double accuracyOfRows(INDArray predictions, INDArray targets) {
        int n = (int) predictions.size(0), k = (int) predictions.size(1);
        boolean oneHot = targets.rank() == 2;
        if (!dense(predictions) || !dense(targets) || (oneHot && targets.size(1) != k)) {
            INDArray truth = oneHot ? targets.argMax(1) : targets;
            return predictions.argMax(1).castTo(DataType.LONG).eq(truth.castTo(DataType.LONG)).castTo(DataType.DOUBLE).meanNumber()
                    .doubleValue();
        }
        org.nd4j.linalg.api.buffer.DataBuffer p = predictions.data(), t = targets.data();
        long po = predictions.offset(), to = targets.offset();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int truth = oneHot ? argMax(t, to + (long) i * k, k) : (int) t.getDouble(to + i);
            correct += argMax(p, po + (long) i * k, k) == truth ? 1 : 0;
        }
        return (double) correct / n;
    }

    private static boolean dense(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1;
    }

    private static int argMax(org.nd4j.linalg.api.buffer.DataBuffer b, long from, int k) {
        int best = 0;
        double max = b.getDouble(from);
        for (int j = 1; j < k; j++) {
            double v = b.getDouble(from + j);
            if (v > max) {
                max = v;
                best = j;
            }
        }
        return best;
    }
}
