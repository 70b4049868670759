package org.nnet.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central-difference gradient checks (double precision, as in GradientCheckTest) for the layers the
 * generator needed beyond the first set: pooling with stride and padding, average and global pooling,
 * multiply, and an LSTM over more steps than it has features; and the loss nodes' names.
 */
class LayerAdditionsTest {
    private static DataType defaultType;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.getRandom().setSeed(4321);
        defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(defaultType, defaultType);
    }

    private static void check(Network net, SDVariable out, Map<String, INDArray> feeds) {
        SameDiff sd = net.sd();
        SDVariable loss = sd.mean("check_loss", out.mul(out));
        sd.setLossVariables(loss);
        Map<String, INDArray> grads = sd.calculateGradients(feeds, net.parameterNames());
        double eps = 1e-6;
        int checked = 0;
        for (String p : net.parameterNames()) {
            INDArray theta = sd.getVariable(p).getArr();
            INDArray flat = theta.reshape(theta.length());
            long step = Math.max(1, theta.length() / 30);
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

    @Test
    void avgPoolAndMaxPoolWithStrideAndSamePadding() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 6, 6);
        SDVariable c = net.conv2d("conv", x, 3, 3, 1, -1, Activation.TANH);
        SDVariable a = net.avgPool2d("avg", c, 2);
        assertArrayEquals(new long[] {3, 3, 3}, net.shape(a));
        SDVariable m = net.maxPool2d("max", a, 3, 1, -1);
        assertArrayEquals(new long[] {3, 3, 3}, net.shape(m), "same padding, stride 1 keeps the size");
        check(net, m, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 6)));
    }

    @Test
    void globalPoolingOfImagesAndSequences() {
        Network net = new Network(2, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 4, 4);
        SDVariable c = net.conv2d("conv", x, 3, 3, 1, 0, Activation.TANH);
        SDVariable g = net.globalAvgPool("gap", c);
        assertArrayEquals(new long[] {3}, net.shape(g));
        SDVariable s = net.input("s", 5, 2);
        SDVariable d = net.dense("d", s, 3, Activation.TANH);
        SDVariable gm = net.globalMaxPool("gmp", d);
        assertArrayEquals(new long[] {3}, net.shape(gm));
        Map<String, INDArray> feeds = new HashMap<>();
        feeds.put("x", Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 4));
        feeds.put("s", Nd4j.rand(DataType.DOUBLE, 2, 5, 2));
        check(net, net.multiply("prod", g, gm), feeds);
    }

    @Test
    void lstmOverMoreStepsThanFeatures() {
        Network net = new Network(3, DataType.DOUBLE);
        SDVariable x = net.input("x", 7, 2);
        SDVariable h = net.lstm("lstm", x, 3, true);
        assertArrayEquals(new long[] {7, 3}, net.shape(h));
        check(net, h, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 7, 2)));
    }

    @Test
    void theBinaryCrossEntropyNodeIsTheLossItself() {
        Network net = new Network(4, DataType.DOUBLE);
        SDVariable p = net.input("p", 2);
        SDVariable t = net.input("t", 2);
        net.binaryCrossEntropy("bce", p, t);
        INDArray pv = Nd4j.createFromArray(new double[][] {{0.9, 0.2}});
        INDArray tv = Nd4j.createFromArray(new double[][] {{1, 0}});
        double value = net.sd().output(Map.of("p", pv, "t", tv), "bce").get("bce").getDouble(0);
        assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2, value, 1e-9);
    }
}
