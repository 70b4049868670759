package org.nnet.runtime.graph;

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

    /**
     * Compares SameDiff's gradient of {@code mean(out^2)} with central differences
     * {@code (L(θ+ε) - L(θ-ε)) / 2ε} for up to 40 elements of every parameter.
     */
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

    @Test
    void dense() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 5);
        SDVariable y = net.dense("d", x, 3, Activation.TANH);
        assertEquals(5 * 3 + 3, net.parameterCount());
        check(net, y, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 5)));
    }

    @Test
    void denseOnASequence() {
        Network net = new Network(1, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 4);
        SDVariable y = net.dense("d", x, 2, Activation.SIGMOID);
        check(net, y, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 3, 4)));
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
        check(net, p, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 5)));
    }

    @Test
    void lstm() {
        Network net = new Network(3, DataType.DOUBLE);
        SDVariable x = net.input("x", 3, 2);
        SDVariable h = net.lstm("lstm", x, 4, true);
        assertEquals(4 * (4 * (2 + 4) + 4), net.parameterCount(), "lstm parameters 4(u(f+u)+u)");
        check(net, h, Map.of("x", Nd4j.rand(DataType.DOUBLE, 2, 3, 2)));
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
        check(net, a, feeds);
    }

    @Test
    void causalSelfAttentionAndEmbedding() {
        Network net = new Network(5, DataType.DOUBLE);
        SDVariable tokens = net.tokenInput("t", 3);
        SDVariable e = net.embedding("emb", tokens, 6, 4);
        SDVariable a = net.attention("att", e, e, 1, 2, true);
        check(net, a, Map.of("t", Nd4j.createFromArray(new int[][] {{1, 2, 5}, {0, 3, 3}})));
    }
}
