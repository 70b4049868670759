package org.nnet.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The central-difference gradient check every layer builder's test uses: SameDiff's gradient of a
 * randomly weighted {@code mean(out^2)} against {@code (L(θ+ε) - L(θ-ε)) / 2ε} in double precision.
 */
final class GradientCheck {

    private GradientCheck() {
    }

    /** Compares SameDiff's gradient of {@code mean(out^2)} with central differences for up to 40 elements of every parameter. */
    static void check(Network net, SDVariable out, Map<String, INDArray> inputs) {
        SameDiff sd = net.sd();
        Map<String, INDArray> feeds = new HashMap<>(inputs);
        long n = inputs.values().iterator().next().size(0);
        // evaluation-mode noise (dropout masks of ones) but the training switch on: batchnorm uses batch statistics
        feeds.putAll(net.noiseFeeds(n, false));
        if (feeds.containsKey("nnet/training")) {
            feeds.put("nnet/training", Nd4j.ones(DataType.DOUBLE, 1));
        }
        // weighted so that layers whose outputs are normalised (batchnorm, layernorm) do not have a constant loss
        INDArray weights = Nd4j.rand(out.eval(feeds).shape()).castTo(DataType.DOUBLE).addi(0.5);
        SDVariable loss = sd.mean("check_loss", out.mul(out).mul(sd.constant(weights)));
        sd.setLossVariables(loss);
        Map<String, INDArray> grads = sd.calculateGradients(feeds, net.parameterNames());
        double eps = 1e-6;
        int checked = 0;
        for (String p : net.parameterNames()) {
            INDArray theta = sd.getVariable(p).getArr();
            INDArray flat = theta.reshape(theta.length());
            long step = Math.max(1, theta.length() / 40);
            for (long i = 0; i < theta.length(); i += step) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + eps);
                double plus = sd.output(feeds, "check_loss").get("check_loss").getDouble(0);
                flat.putScalar(i, orig - eps);
                double minus = sd.output(feeds, "check_loss").get("check_loss").getDouble(0);
                flat.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = grads.get(p).reshape(theta.length()).getDouble(i);
                double scale = Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-8);
                assertTrue(Math.abs(numeric - analytic) < 1e-8 || Math.abs(numeric - analytic) / scale < 1e-5,
                        p + "[" + i + "]: numeric " + numeric + " vs analytic " + analytic);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }
}
