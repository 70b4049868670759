package org.nnet.cli.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.nnet.generator.NetworkPlan;
import org.nnet.generator.NetworkPlan.Fn;
import org.nnet.generator.NetworkPlan.Step;

/**
 * The weights a network starts training with: drawn as the runtime's {@code Network} draws them (one
 * {@link Random} of the training's seed, layer after layer in graph order, Glorot uniform by default), biases
 * zero, batch norms' scale one. Only the layers the ONNX exporter covers are drawn.
 */
public final class InitialWeights {
	private final Random random;
	private final Map<String, Tensor> weights = new LinkedHashMap<>();

	private InitialWeights(long seed) {
		this.random = new Random(seed);
	}

	/** The initial weights of a plan's layers, by runtime name. */
	public static Map<String, Tensor> of(NetworkPlan plan, long seed) {
		InitialWeights w = new InitialWeights(seed);
		for (Step s : plan.steps()) {
			w.layer(s, plan);
		}
		return w.weights;
	}

	private void layer(Step s, NetworkPlan plan) {
		String n = s.graphName();
		long[] in = s.inputs().isEmpty() ? null : shapeOf(plan, s.inputs().get(0));
		Fn init = s.arg("init") instanceof Fn f ? f : new Fn("xavier", Map.of());
		switch (s.kind()) {
		case "dense" -> {
			long f = in[in.length - 1], u = (Long) s.arg("units");
			draw(n + "/W", init, f, u, f, u);
			bias(s, n + "/b", u);
		}
		case "maxout" -> {
			long f = in[in.length - 1], u = (Long) s.arg("units"), k = (Long) s.arg("pieces");
			draw(n + "/W", init, f, u, f, k * u);
			weights.put(n + "/b", Tensor.filled(0, k * u));
		}
		case "conv2d" -> {
			int[] k = pair(s.arg("kernel"));
			long c = in[0], f = (Long) s.arg("filters");
			draw(n + "/W", init, c * k[0] * k[1], f * k[0] * k[1], k[0], k[1], c, f);
			bias(s, n + "/b", f);
		}
		case "conv1d" -> {
			long k = (Long) s.arg("kernel"), c = in[1], f = (Long) s.arg("filters");
			draw(n + "/W", init, c * k, f * k, k, 1, c, f);
			bias(s, n + "/b", f);
		}
		case "embedding" -> {
			long v = (Long) s.arg("vocab"), d = (Long) s.arg("dim");
			draw(n + "/W", s.given("init") ? init : new Fn("normal", Map.of("std", 0.05)), v, d, v, d);
		}
		case "rnn", "lstm", "gru" -> {
			long u = (Long) s.arg("units"), f = in[1];
			long gates = s.kind().equals("lstm") ? 4 : s.kind().equals("gru") ? 3 : 1;
			boolean bi = Boolean.TRUE.equals(s.arg("bidirectional"));
			for (String d : bi ? new String[] {n, n + "/backward"} : new String[] {n}) {
				draw(d + "/W", init, f, u, f, gates * u);
				draw(d + "/U", init, u, u, u, gates * u);
				weights.put(d + "/b", Tensor.filled(0, gates * u));
				if (gates == 3) {
					weights.put(d + "/bh", Tensor.filled(0, gates * u));
				}
			}
		}
		case "batchnorm", "layernorm" -> {
			long c = in.length == 3 ? in[0] : in[in.length - 1];
			weights.put(n + "/gamma", Tensor.filled(1, c));
			weights.put(n + "/beta", Tensor.filled(0, c));
			if (s.kind().equals("batchnorm")) {
				weights.put(n + "/running_mean", Tensor.filled(0, c));
				weights.put(n + "/running_var", Tensor.filled(1, c));
			}
		}
		default -> {
			// no parameters, or a layer the exporter refuses anyway
		}
		}
	}

	private void bias(Step s, String name, long size) {
		if (!Boolean.FALSE.equals(s.arg("bias"))) {
			weights.put(name, Tensor.filled(0, size));
		}
	}

	private void draw(String name, Fn init, long fanIn, long fanOut, long... shape) {
		float[] v = new float[Math.toIntExact(Tensor.size(shape))];
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) switch (init.name()) {
			case "he" -> random.nextGaussian() * Math.sqrt(2.0 / fanIn);
			case "normal" -> random.nextGaussian() * ((Number) init.arg("std")).doubleValue();
			case "zeros" -> 0;
			default -> (random.nextDouble() * 2 - 1) * Math.sqrt(6.0 / (fanIn + fanOut));
			};
		}
		weights.put(name, new Tensor(shape, v));
	}

	private static long[] shapeOf(NetworkPlan plan, String graphName) {
		for (Step s : plan.steps()) {
			if (s.graphName().equals(graphName)) {
				long[] d = new long[s.shape().rank()];
				for (int i = 0; i < d.length; i++) {
					d[i] = s.shape().size(i);
				}
				return d;
			}
		}
		throw new IllegalArgumentException("no node " + graphName);
	}

	private static int[] pair(Object v) {
		if (v instanceof java.util.List<?> l && l.size() == 2) {
			return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue()};
		}
		int k = ((Number) v).intValue();
		return new int[] {k, k};
	}
}
