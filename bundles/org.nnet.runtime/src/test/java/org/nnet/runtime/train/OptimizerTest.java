package org.nnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** First steps of each optimizer against values computed by hand from LANGUAGE.md's rules. */
class OptimizerTest {
    private static double[] run(Optimizer o, double theta0, double... grads) {
        INDArray p = Nd4j.createFromArray(theta0).castTo(DataType.DOUBLE);
        double[] out = new double[grads.length];
        for (int i = 0; i < grads.length; i++) {
            o.apply(Map.of("w", p), Map.of("w", Nd4j.createFromArray(grads[i]).castTo(DataType.DOUBLE)));
            out[i] = p.getDouble(0);
        }
        return out;
    }

    @Test
    void adamUsesBiasCorrectionInItsFirstTwoSteps() {
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        // step 1, g = 0.5: m = 0.05, v = 0.00025, m^ = 0.5, v^ = 0.25 -> theta = 1 - 0.1 * 0.5 / (0.5 + eps)
        double t1 = 1 - lr * 0.5 / (Math.sqrt(0.25) + eps);
        // step 2, g = -0.2: m = 0.9*0.05 - 0.02 = 0.025, v = 0.999*0.00025 + 0.001*0.04 = 0.00028975
        double m = 0.025 / (1 - b1 * b1), v = 0.00028975 / (1 - b2 * b2);
        double t2 = t1 - lr * m / (Math.sqrt(v) + eps);
        assertArrayEquals(new double[] {t1, t2}, run(Optimizer.adam(lr, b1, b2, eps), 1.0, 0.5, -0.2), 1e-12);
        assertEquals(0.9, t1, 1e-6, "bias correction makes Adam's first step lr * sign(g)");
    }

    @Test
    void sgdWithMomentumAndNesterov() {
        // b1 = 1, theta1 = 1 - 0.1 = 0.9; b2 = 0.5 + 1 = 1.5, theta2 = 0.9 - 0.15 = 0.75
        assertArrayEquals(new double[] {0.9, 0.75}, run(Optimizer.sgd(0.1, 0.5, false), 1.0, 1.0, 1.0), 1e-12);
        // nesterov: theta1 = 1 - 0.1 * (1 + 0.5 * 1) = 0.85; theta2 = 0.85 - 0.1 * (1 + 0.5 * 1.5) = 0.675
        assertArrayEquals(new double[] {0.85, 0.675}, run(Optimizer.sgd(0.1, 0.5, true), 1.0, 1.0, 1.0), 1e-12);
        assertArrayEquals(new double[] {0.8}, run(Optimizer.sgd(0.1, 0, false), 1.0, 2.0), 1e-12);
    }

    @Test
    void rmspropAndAdagrad() {
        // E = 0.1 * 4 = 0.4; theta = 1 - 0.01 * 2 / sqrt(0.4)
        assertArrayEquals(new double[] {1 - 0.01 * 2 / (Math.sqrt(0.4) + 1e-8)}, run(Optimizer.rmsprop(0.01, 0.9), 1.0, 2.0), 1e-12);
        // G = 4, then 5: theta1 = 1 - 0.1 * 2/2 = 0.9; theta2 = 0.9 - 0.1 * 1/sqrt(5)
        assertArrayEquals(new double[] {0.9, 0.9 - 0.1 / Math.sqrt(5)}, run(Optimizer.adagrad(0.1), 1.0, 2.0, 1.0), 1e-9);
    }

    @Test
    void stateRoundTripsForCheckpoints() {
        Optimizer a = Optimizer.adam(0.1);
        run(a, 1.0, 0.5);
        Optimizer b = a.fresh();
        b.restore(a.state());
        INDArray pa = Nd4j.createFromArray(2.0), pb = Nd4j.createFromArray(2.0);
        a.apply(Map.of("w", pa), Map.of("w", Nd4j.createFromArray(0.3)));
        b.apply(Map.of("w", pb), Map.of("w", Nd4j.createFromArray(0.3)));
        assertEquals(pa.getDouble(0), pb.getDouble(0), 0);
    }

    @Test
    void regularizationPenalisesWeightsNotBiases() {
        INDArray w = Nd4j.createFromArray(new double[][] {{3, 0}, {4, 1}});
        INDArray b = Nd4j.createFromArray(2.0, 2.0);
        INDArray gw = Nd4j.zeros(DataType.DOUBLE, 2, 2), gb = Nd4j.zeros(DataType.DOUBLE, 2);
        new Regularization(0.1, 0.5, 0).addPenaltyGradients(Map.of("w", w, "b", b), Map.of("w", gw, "b", gb));
        assertArrayEquals(new double[] {0.5 * 3 + 0.1, 0, 0.5 * 4 + 0.1, 0.5 + 0.1}, gw.reshape(4).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0}, gb.toDoubleVector());
        Regularization.maxNorm(1).constrain(Map.of("w", w));
        assertArrayEquals(new double[] {0.6, 0, 0.8, 1}, w.reshape(4).toDoubleVector(), 1e-12);
    }

    /** Adam on float parameters (its JVM loop) follows the native op's double-precision steps, and its state round-trips. */
    @Test
    void adamOnFloatsMatchesTheNativeOpAndRoundTrips() {
        Nd4j.getRandom().setSeed(3);
        INDArray start = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray[] grads = new INDArray[6];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = Nd4j.randn(DataType.DOUBLE, 3, 4);
        }
        Optimizer d = Optimizer.adam(0.01, 0.9, 0.99, 1e-6), f = d.fresh();
        INDArray pd = start.dup(), pf = start.castTo(DataType.FLOAT);
        for (int i = 0; i < 3; i++) {
            d.apply(Map.of("w", pd), Map.of("w", grads[i].dup()));
            f.apply(Map.of("w", pf), Map.of("w", grads[i].castTo(DataType.FLOAT)));
        }
        Optimizer resumed = f.fresh();
        resumed.restore(f.state());
        INDArray pr = pf.dup();
        for (int i = 3; i < grads.length; i++) {
            d.apply(Map.of("w", pd), Map.of("w", grads[i].dup()));
            f.apply(Map.of("w", pf), Map.of("w", grads[i].castTo(DataType.FLOAT)));
            resumed.apply(Map.of("w", pr), Map.of("w", grads[i].castTo(DataType.FLOAT)));
        }
        assertArrayEquals(pd.reshape(12).toDoubleVector(), pf.castTo(DataType.DOUBLE).reshape(12).toDoubleVector(), 1e-5);
        assertArrayEquals(pf.reshape(12).toFloatVector(), pr.reshape(12).toFloatVector(), 0f);
        assertEquals(java.util.List.of(3L, 4L), java.util.Arrays.stream(f.state().get("w#m").shape()).boxed().toList());
    }
}
