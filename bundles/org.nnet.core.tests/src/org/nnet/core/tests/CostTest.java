package org.nnet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.core.inference.Cost;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.lang.tests.NnetInjectorProvider;
import org.nnet.model.Model;

import com.google.inject.Inject;

/** {@link Cost}: forward operations and activation bytes per sample, against sums worked out by hand. */
@ExtendWith(InjectionExtension.class)
@InjectWith(NnetInjectorProvider.class)
public class CostTest {

	@Inject
	private ParseHelper<Model> parser;

	private final ShapeInference inference = new ShapeInference();

	@Test
	void lenet5PerNode() throws Exception {
		ModelReport r = infer("""
				network LeNet5 {
				    input image: [1, 28, 28]
				    image -> conv2d(6, kernel: 5, padding: same, activation: tanh) as c1
				          -> avgpool2d(2) as s2
				          -> conv2d(16, kernel: 5, activation: tanh) as c3
				          -> avgpool2d(2) as s4
				          -> flatten()
				          -> dense(120, activation: tanh) as f5
				          -> dense(84, activation: tanh) as f6
				          -> dense(10, activation: softmax) as digits
				    output digits
				}
				""");
		Map<NodeReport, Cost> costs = Cost.of(r);
		// c1: 156 parameters at 28·28 positions, two operations each, plus tanh on 6·28·28 outputs
		assertCost(costs, r, "c1", 2L * 156 * 784 + 4_704, 4_704 * 4);
		// s2: one operation per input element of 6·28·28
		assertCost(costs, r, "s2", 4_704, 6 * 14 * 14 * 4);
		// c3: 2,416 parameters at 10·10 positions, plus tanh on 1,600 outputs
		assertCost(costs, r, "c3", 2L * 2_416 * 100 + 1_600, 1_600 * 4);
		assertCost(costs, r, "flatten_1", 0, 400 * 4);
		assertCost(costs, r, "f5", 2L * 48_120 + 120, 120 * 4);
		assertCost(costs, r, "digits", 2L * 850 + 10, 10 * 4);
		Cost total = Cost.total(r);
		long flops = (2L * 156 * 784 + 4_704) + 4_704 + (2L * 2_416 * 100 + 1_600) + 1_600 + 0 + (2L * 48_120 + 120)
				+ (2L * 10_164 + 84) + (2L * 850 + 10);
		assertEquals(flops, total.flops());
		assertEquals(4L * (4_704 + 1_176 + 1_600 + 400 + 400 + 120 + 84 + 10), total.activationBytes());
	}

	@Test
	void recurrentAndAttentionScaleWithTime() throws Exception {
		ModelReport r = infer("""
				network S {
				    input q: [10, 64]
				    input c: [12, 32]
				    q -> lstm(16, sequences: true) as l
				    attention(q, c, heads: 2, key_dim: 8) as a
				    output l, a
				}
				""");
		Map<NodeReport, Cost> costs = Cost.of(r);
		long lstm = 4L * (16 * (64 + 16) + 16); // 5,184 parameters, applied at each of 10 steps
		assertCost(costs, r, "l", 2 * lstm * 10 + 160, 160 * 4);
		long hk = 16;
		long projections = 2 * (64 * hk * 10 + 2 * 32 * hk * 12 + hk * 64 * 10);
		assertCost(costs, r, "a", projections + 4 * 10 * 12 * hk, 640 * 4);
	}

	@Test
	void trainingMemoryCountsParametersOptimizerAndActivations() throws Exception {
		ModelReport r = infer("""
				network M {
				    input x: [784]
				    x -> dense(256, activation: relu) -> dense(10, activation: softmax) as y
				    output y
				}
				""");
		long params = 784 * 256 + 256 + 2570;
		long activations = 4L * (256 + 10);
		assertEquals(params * 4 * (2 + 2) + 128 * 2 * activations, Cost.trainingBytes(r, 128, Cost.optimizerSlots("adam")));
		assertEquals(params * 4 * 3 + 2 * activations, Cost.trainingBytes(r, 1, Cost.optimizerSlots("sgd")));
	}

	@Test
	void unknownSizesGiveUnknownCosts() throws Exception {
		ModelReport r = infer("""
				network U {
				    input x: [?]
				    x -> dense(8) as h
				    output h
				}
				""");
		Cost h = Cost.of(r).get(r.node("h"));
		assertNotNull(h);
		assertNull(h.flops());
		assertNull(Cost.total(r).flops());
		assertNull(Cost.trainingBytes(r, 32, 2));
	}

	private ModelReport infer(String text) throws Exception {
		Model model = parser.parse(text);
		assertNotNull(model);
		ModelReport r = inference.infer(model.getElements().get(0));
		assertTrue(r.problems().isEmpty(), () -> r.problems().toString());
		return r;
	}

	private static void assertCost(Map<NodeReport, Cost> costs, ModelReport r, String name, long flops, long bytes) {
		NodeReport n = r.node(name);
		assertNotNull(n, name);
		Cost c = costs.get(n);
		assertNotNull(c, name);
		assertEquals(Long.valueOf(flops), c.flops(), name + " flops");
		assertEquals(Long.valueOf(bytes), c.activationBytes(), name + " activation bytes");
	}
}
