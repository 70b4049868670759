package org.nnet.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
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

    @Test
    void avgPoolAndMaxPoolWithStrideAndSamePadding() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 6, 6);
        SDVariable c = net.conv2d("conv", x, 3, 3, 1, -1, Activation.TANH);
        SDVariable a = net.avgPool2d("avg", c, 2);
        assertArrayEquals(new long[] {3, 3, 3}, net.shape(a));
        SDVariable m = net.maxPool2d("max", a, 3, 1, -1);
        assertArrayEquals(new long[] {3, 3, 3}, net.shape(m), "same padding, stride 1 keeps the size");
        GradientCheck.check(net, m, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 6)));
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
        GradientCheck.check(net, net.multiply("prod", g, gm), feeds);
    }

    @Test
    void lstmOverMoreStepsThanFeatures() {
        Network net = new Network(3, DataType.DOUBLE);
        SDVariable x = net.input("x", 7, 2);
        SDVariable h = net.lstm("lstm", x, 3, true);
        assertArrayEquals(new long[] {7, 3}, net.shape(h));
        GradientCheck.check(net, h, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 7, 2)));
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
