package org.nnet.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central-difference gradient checks in double precision, on tiny inputs, for the layers added to cover the whole
 * language: conv1d, deconv2d, upsample2d, batchnorm, layernorm, rnn, gru, bidirectional recurrent layers, maxout,
 * 1-d pooling, rectangular/dilated/bias-free conv2d, initialisers and elu(alpha). Each also checks the output shape
 * against the language's shape rule and the parameter count against LANGUAGE.md.
 */
class LayerGradientTest {
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

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    @Test
    void conv2dRectangularStridedDilatedWithoutBias() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 7, 6);
        SDVariable c = net.conv2d("c", x, 3, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}, false, new int[] {1, 2}, Activation.TANH,
                Init.HE, false);
        // h' = floor((7 + 2 - 2 - 1)/2) + 1 = 4; w' = floor((6 - 2*1 - 1)/1) + 1 = 4
        assertArrayEquals(new long[] {3, 4, 4}, net.shape(c));
        assertArrayEquals(new long[] {2, 3, 4, 4}, c.eval(Map.of("x", rand(2, 2, 7, 6))).shape());
        assertEquals(3 * 2 * 2 * 3, net.parameterCount(), "no bias");
        GradientCheck.check(net, c, Map.of("x", rand(2, 2, 7, 6)));
    }

    @Test
    void conv2dSamePadding() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 1, 5, 5);
        SDVariable c = net.conv2d("c", x, 2, new int[] {3, 3}, new int[] {2, 2}, new int[] {0, 0}, true, new int[] {1, 1},
                Activation.elu(0.5), Init.normal(0.3), true);
        assertArrayEquals(new long[] {2, 3, 3}, net.shape(c));
        assertArrayEquals(new long[] {2, 2, 3, 3}, c.eval(Map.of("x", rand(2, 1, 5, 5))).shape());
        GradientCheck.check(net, c, Map.of("x", rand(2, 1, 5, 5)));
    }

    @Test
    void conv1dAndPool1d() {
        Network net = new Network(2, DataType.DOUBLE);
        SDVariable x = net.input("x", 7, 3);
        SDVariable c = net.conv1d("c", x, 4, 3, 1, 0, false, 2, Activation.RELU, Init.XAVIER, true);
        assertArrayEquals(new long[] {3, 4}, net.shape(c));
        assertEquals(3 * 3 * 4 + 4, net.parameterCount(), "k*f*filters + filters");
        SDVariable p = net.pool1d("p", c, false, 2, 1, 0, false);
        assertArrayEquals(new long[] {2, 4}, net.shape(p));
        SDVariable m = net.pool1d("m", x, true, 2, 2, 0, true);
        assertArrayEquals(new long[] {4, 3}, net.shape(m));
        assertArrayEquals(new long[] {2, 4, 3}, m.eval(Map.of("x", rand(2, 7, 3))).shape());
        assertArrayEquals(new long[] {2, 2, 4}, p.eval(Map.of("x", rand(2, 7, 3))).shape());
        GradientCheck.check(net, p, Map.of("x", rand(2, 7, 3)));
    }

    @Test
    void conv1dMatchesADirectSum() {
        Network net = new Network(2, DataType.DOUBLE);
        SDVariable x = net.input("x", 4, 2);
        SDVariable c = net.conv1d("c", x, 1, 2, 1, 0, false, 1, Activation.LINEAR, Init.XAVIER, false);
        INDArray in = rand(1, 4, 2);
        INDArray w = net.sd().getVariable("c/W").getArr(); // [k, 1, f, filters]
        INDArray y = c.eval(Map.of("x", in));
        for (int t = 0; t < 3; t++) {
            double expected = 0;
            for (int k = 0; k < 2; k++) {
                for (int f = 0; f < 2; f++) {
                    expected += in.getDouble(0, t + k, f) * w.getDouble(k, 0, f, 0);
                }
            }
            assertEquals(expected, y.getDouble(0, t, 0), 1e-9);
        }
    }

    @Test
    void deconv2d() {
        Network net = new Network(3, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 3, 3);
        SDVariable d = net.deconv2d("d", x, 3, new int[] {3, 3}, new int[] {2, 2}, new int[] {0, 0}, false, new int[] {1, 1},
                Activation.SIGMOID, Init.XAVIER, true);
        // (3-1)*2 - 0 + 1*(3-1) + 1 = 7
        assertArrayEquals(new long[] {3, 7, 7}, net.shape(d));
        assertArrayEquals(new long[] {2, 3, 7, 7}, d.eval(Map.of("x", rand(2, 2, 3, 3))).shape());
        assertEquals(3 * 3 * 2 * 3 + 3, net.parameterCount());
        GradientCheck.check(net, d, Map.of("x", rand(2, 2, 3, 3)));
    }

    @Test
    void deconv2dSame() {
        Network net = new Network(3, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 3, 3);
        SDVariable d = net.deconv2d("d", x, 1, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, true, new int[] {1, 1},
                Activation.LINEAR, Init.XAVIER, false);
        assertArrayEquals(new long[] {1, 6, 6}, net.shape(d));
        assertArrayEquals(new long[] {2, 1, 6, 6}, d.eval(Map.of("x", rand(2, 2, 3, 3))).shape());
        GradientCheck.check(net, d, Map.of("x", rand(2, 2, 3, 3)));
    }

    @Test
    void upsample2d() {
        Network net = new Network(4, DataType.DOUBLE);
        SDVariable x = net.input("x", 1, 2, 3);
        SDVariable c = net.conv2d("c", x, 2, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, false, new int[] {1, 1},
                Activation.TANH, Init.XAVIER, true);
        SDVariable u = net.upsample2d("u", c, 2, 3);
        assertArrayEquals(new long[] {2, 4, 9}, net.shape(u));
        INDArray in = rand(2, 1, 2, 3);
        INDArray out = u.eval(Map.of("x", in));
        INDArray conv = c.eval(Map.of("x", in));
        assertArrayEquals(new long[] {2, 2, 4, 9}, out.shape());
        assertEquals(conv.getDouble(1, 1, 1, 2), out.getDouble(1, 1, 3, 8), 1e-12, "nearest neighbour");
        assertEquals(conv.getDouble(0, 0, 0, 1), out.getDouble(0, 0, 1, 4), 1e-12, "nearest neighbour");
        GradientCheck.check(net, u, Map.of("x", in));
    }

    @Test
    void batchnormOnImagesUsesBatchStatisticsWhileTrainingAndRunningOnesAfter() {
        Network net = new Network(5, DataType.DOUBLE);
        SDVariable x = net.input("x", 2, 3, 3);
        SDVariable c = net.conv2d("c", x, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, false, new int[] {1, 1},
                Activation.LINEAR, Init.XAVIER, true);
        SDVariable b = net.batchnorm("bn", c, 0.9, 1e-3);
        assertEquals(List.of("bn/running_mean", "bn/running_var"), net.stateNames());
        assertEquals(3 * 2 * 2 * 2 + 3 + 2 * 3, net.parameterCount(), "2c trainable; running statistics are state");
        INDArray in = rand(4, 2, 3, 3).muli(4).addi(1);
        Map<String, INDArray> feeds = new HashMap<>(Map.of("x", in));
        feeds.putAll(net.noiseFeeds(4, true));
        Map<String, INDArray> outs = net.sd().output(feeds, List.of("bn", "bn/batch_mean", "bn/batch_var"));
        INDArray y = outs.get("bn");
        for (int ch = 0; ch < 3; ch++) {
            INDArray channel = y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(ch));
            assertEquals(0, channel.meanNumber().doubleValue(), 1e-9, "normalised per channel");
        }
        net.updateState(outs);
        INDArray running = net.sd().getVariable("bn/running_mean").getArr();
        assertEquals(outs.get("bn/batch_mean").mul(0.1), running);
        Map<String, INDArray> eval = new HashMap<>(Map.of("x", in));
        eval.putAll(net.noiseFeeds(4, false));
        assertNotEquals(y, net.sd().output(eval, "bn").get("bn"), "evaluation uses the running statistics");
        GradientCheck.check(net, b, Map.of("x", in));
    }

    @Test
    void batchnormOnSequencesAndLayernorm() {
        Network net = new Network(6, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 4);
        SDVariable d = net.dense("d", x, 4, Activation.LINEAR);
        SDVariable b = net.batchnorm("bn", d, 0.99, 1e-3);
        SDVariable l = net.layernorm("ln", b, 1e-3);
        assertArrayEquals(new long[] {3, 4}, net.shape(l));
        assertEquals(4 * 4 + 4 + 2 * 4 + 2 * 4, net.parameterCount());
        GradientCheck.check(net, l, Map.of("x", rand(3, 3, 4)));
    }

    @Test
    void batchnormOnFlatInput() {
        Network net = new Network(6, DataType.DOUBLE);
        SDVariable x = net.input("x", 3);
        SDVariable d = net.dense("d", x, 2, Activation.LINEAR);
        SDVariable b = net.batchnorm("bn", d, 0.99, 1e-3);
        GradientCheck.check(net, b, Map.of("x", rand(4, 3)));
    }

    @Test
    void rnn() {
        Network net = new Network(7, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 2);
        SDVariable h = net.recurrent("r", x, Network.Cell.RNN, 4, false, false, Activation.TANH, Init.XAVIER);
        assertArrayEquals(new long[] {4}, net.shape(h));
        assertEquals(4 * (2 + 4) + 4, net.parameterCount(), "u(f+u)+u");
        GradientCheck.check(net, h, Map.of("x", rand(2, 3, 2)));
    }

    @Test
    void gru() {
        Network net = new Network(8, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 2);
        SDVariable h = net.recurrent("g", x, Network.Cell.GRU, 3, true, false, Activation.TANH, Init.XAVIER);
        assertArrayEquals(new long[] {3, 3}, net.shape(h));
        assertEquals(3 * (3 * (2 + 3) + 2 * 3), net.parameterCount(), "3(u(f+u)+2u)");
        assertArrayEquals(new long[] {2, 3, 3}, h.eval(Map.of("x", rand(2, 3, 2))).shape());
        GradientCheck.check(net, h, Map.of("x", rand(2, 3, 2)));
    }

    @Test
    void bidirectionalLstmWithReluAndSequences() {
        Network net = new Network(9, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 2);
        SDVariable h = net.recurrent("l", x, Network.Cell.LSTM, 2, true, true, Activation.RELU, Init.normal(0.5));
        assertArrayEquals(new long[] {3, 4}, net.shape(h));
        assertEquals(2 * 4 * (2 * (2 + 2) + 2), net.parameterCount(), "doubled 4(u(f+u)+u)");
        assertArrayEquals(new long[] {2, 3, 4}, h.eval(Map.of("x", rand(2, 3, 2))).shape());
        GradientCheck.check(net, h, Map.of("x", rand(2, 3, 2)));
    }

    @Test
    void bidirectionalGruFinalStates() {
        Network net = new Network(10, DataType.DOUBLE);
        SDVariable x = net.input("x", 4, 2);
        SDVariable h = net.recurrent("g", x, Network.Cell.GRU, 2, false, true, Activation.TANH, Init.XAVIER);
        assertArrayEquals(new long[] {4}, net.shape(h));
        GradientCheck.check(net, h, Map.of("x", rand(2, 4, 2)));
    }

    @Test
    void lstmCellMatchesTheExistingLstm() {
        Network a = new Network(11, DataType.DOUBLE);
        SDVariable xa = a.input("x", 3, 2);
        SDVariable ha = a.lstm("l", xa, 3, true);
        Network b = new Network(11, DataType.DOUBLE);
        SDVariable xb = b.input("x", 3, 2);
        SDVariable hb = b.recurrent("l", xb, Network.Cell.LSTM, 3, true, false, Activation.TANH, Init.XAVIER);
        INDArray in = rand(2, 3, 2);
        assertEquals(ha.eval(Map.of("x", in)), hb.eval(Map.of("x", in)));
    }

    @Test
    void maxout() {
        Network net = new Network(12, DataType.DOUBLE);
        SDVariable x = net.input("x", 3);
        SDVariable m = net.maxout("m", x, 2, 3, Init.XAVIER);
        assertArrayEquals(new long[] {2}, net.shape(m));
        assertEquals(3 * (3 * 2 + 2), net.parameterCount(), "k*(f*units + units)");
        GradientCheck.check(net, m, Map.of("x", rand(4, 3)));
    }

    @Test
    void attentionWithDropoutAndInit() {
        Network net = new Network(13, DataType.DOUBLE);
        SDVariable q = net.input("q", 3, 4);
        SDVariable a = net.attention("att", q, q, 2, 2, true, 0.5, Init.HE);
        assertArrayEquals(new long[] {3, 4}, net.shape(a));
        GradientCheck.check(net, a, Map.of("q", rand(2, 3, 4)));
    }

    @Test
    void eluAlphaAndInitialisers() {
        Network net = new Network(14, DataType.DOUBLE);
        SDVariable x = net.input("x", 3);
        SDVariable d = net.dense("d", x, 3, Activation.elu(0.3), Init.ZEROS, true);
        assertEquals(0, net.sd().getVariable("d/W").getArr().sumNumber().doubleValue());
        SDVariable e = net.dense("e", d, 2, Activation.elu(2.0), Init.HE, false);
        net.sd().getVariable("d/W").getArr().assign(rand(3, 3));
        INDArray in = Nd4j.createFromArray(new double[][] {{-2, 0.5, 1}});
        INDArray dOut = d.eval(Map.of("x", in));
        INDArray pre = in.mmul(net.sd().getVariable("d/W").getArr());
        for (int i = 0; i < 3; i++) {
            double z = pre.getDouble(0, i);
            assertEquals(z > 0 ? z : 0.3 * (Math.exp(z) - 1), dOut.getDouble(0, i), 1e-12);
        }
        GradientCheck.check(net, e, Map.of("x", rand(3, 3)));
    }
}
