package org.nnet.runtime.graph;

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

/** Central-difference gradient checks in double precision for the layer builders, on tiny inputs. */
class GradientCheckTest {
    private static DataType defaultType;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.getRandom().setSeed(12345);
        defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(defaultType, defaultType);
    }

    @Test
    void dense() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 5);
        SDVariable y = net.dense("d", x, 3, Activation.TANH);
        assertEquals(5 * 3 + 3, net.parameterCount());
        GradientCheck.check(net, y, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 5)));
    }

    @Test
    void denseOnASequence() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 4);
        SDVariable y = net.dense("d", x, 2, Activation.SIGMOID);
        GradientCheck.check(net, y, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 3, 4)));
    }

    @Test
    void conv2dAndMaxPool() {
        Network net = new Network(2, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 5, 5);
        SDVariable c = net.conv2d("conv", x, 3, 3, 1, 0, Activation.TANH);
        assertEquals(3, net.shape(c)[0]);
        assertEquals(3, net.shape(c)[1]);
        assertEquals(3 * 3 * 2 * 3 + 3, net.parameterCount());
        SDVariable p = net.maxPool2d("pool", c, 2);
        GradientCheck.check(net, p, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 5)));
    }

    @Test
    void lstm() {
        Network net = new Network(3, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 2);
        SDVariable h = net.lstm("lstm", x, 4, true);
        assertEquals(4 * (4 * (2 + 4) + 4), net.parameterCount(), "lstm parameters 4(u(f+u)+u)");
        GradientCheck.check(net, h, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 3, 2)));
    }

    @Test
    void crossAttention() {
        Network net = new Network(4, DataType.DOUBLE);
        SDVariable q = net.input("q", 3, 4);
        SDVariable c = net.input("c", 2, 5);
        SDVariable a = net.attention("att", q, c, 2, 3, false);
        int d = 4, e = 5, hk = 6;
        assertEquals(d * hk + 2 * e * hk + hk * d + 3 * hk + d, net.parameterCount());
        Map<String, INDArray> feeds = new HashMap<>();
        feeds.put("q", Nd4j.rand(DataType.DOUBLE, 2, 3, 4));
        feeds.put("c", Nd4j.rand(DataType.DOUBLE, 2, 2, 5));
        GradientCheck.check(net, a, feeds);
    }

    @Test
    void causalSelfAttentionAndEmbedding() {
        Network net = new Network(5, DataType.DOUBLE);
        SDVariable tokens = net.tokenInput("t", 3);
        SDVariable e = net.embedding("emb", tokens, 6, 4);
        SDVariable a = net.attention("att", e, e, 1, 2, true);
        GradientCheck.check(net, a, Map.of("t", Nd4j.createFromArray(new int[][] {{1, 2, 5}, {0, 3, 3}})));
    }
}
