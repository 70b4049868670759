package org.nnet.cli.onnx;

import static org.nnet.cli.onnx.OnnxGraph.attr;
import static org.nnet.cli.onnx.OnnxGraph.in;
import static org.nnet.cli.onnx.OnnxGraph.ints;
import static org.nnet.cli.onnx.OnnxGraph.strings;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nnet.generator.GeneratorException;
import org.nnet.generator.NetworkPlan;
import org.nnet.generator.NetworkPlan.Fn;
import org.nnet.generator.NetworkPlan.Step;

import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;

/**
 * A network of the runtime as an ONNX graph (opset 13) with its weights as initializers, computing what the runtime
 * computes at inference (dropout is the identity, batch norms use their running statistics). Each layer's ONNX
 * nodes are named after the .nnet node ({@code c1}, then {@code c1/Tanh}), and its output tensor is the node's
 * graph name. The runtime's layouts are changed to ONNX's: convolution kernels {@code [kh, kw, c, f]} become
 * {@code [f, c, kh, kw]}, recurrent gates {@code [i f g o]} become ONNX's {@code [i o f c]} (LSTM) and
 * {@code [z r h]} (GRU).
 */
public final class OnnxExporter {

	/** The parameters of a network by their runtime names ({@code c1/W}). */
	public interface Weights {
		/** The parameter, or null. */
		Tensor get(String name);
	}

	private final NetworkPlan plan;
	private final Weights weights;
	private final OnnxGraph g;
	private final Map<String, long[]> shapes = new HashMap<>();
	private long parameters;

	/** An export: the model, and how many parameter values of the network it holds (trainable and running statistics). */
	public record Result(ModelProto model, long parameters) {
	}

	private OnnxExporter(NetworkPlan plan, Weights weights) {
		this.plan = plan;
		this.weights = weights;
		this.g = new OnnxGraph(plan.name());
	}

	/** Exports; throws a {@link GeneratorException} naming the first layer that ONNX cannot express. */
	public static Result export(NetworkPlan plan, Weights weights, String doc) {
		OnnxExporter e = new OnnxExporter(plan, weights);
		e.build();
		return new Result(e.g.model("0.1.0", doc), e.parameters);
	}

	private void build() {
		for (Step s : plan.steps()) {
			long[] shape = dims(s);
			shapes.put(s.graphName(), shape);
			if ("input".equals(s.kind())) {
				g.input(OnnxGraph.value(s.graphName(), s.shape().isTokens() ? TensorProto.DataType.INT32 : TensorProto.DataType.FLOAT, shape));
				continue;
			}
			layer(s);
		}
		for (String out : plan.outputs()) {
			g.output(OnnxGraph.value(out, TensorProto.DataType.FLOAT, shapes.get(out)));
		}
	}

	private static long[] dims(Step s) {
		if (s.shape() == null || !s.shape().isFullyKnown()) {
			throw new GeneratorException("the shape of " + s.name() + " is " + s.shape() + ": ONNX export needs every size known",
					s.source());
		}
		long[] d = new long[s.shape().rank()];
		for (int i = 0; i < d.length; i++) {
			d[i] = s.shape().size(i);
		}
		return d;
	}

	private void layer(Step s) {
		String name = s.graphName();
		String x = s.inputs().isEmpty() ? null : s.inputs().get(0);
		long[] inShape = x == null ? null : shapes.get(x);
		switch (s.kind()) {
		case "dense" -> {
			long f = inShape[inShape.length - 1];
			long units = integer(s, "units");
			String w = param(s, "W", f, units);
			boolean bias = bool(s, "bias");
			String z;
			if (inShape.length == 1) {
				List<String> ins = bias ? in(x, w, param(s, "b", units)) : in(x, w);
				z = g.node(name, "Gemm", ins, name + "/z");
			} else {
				z = g.node(name, "MatMul", in(x, w), bias ? name + "/xW" : name + "/z");
				if (bias) {
					z = g.node(name + "/Add", "Add", in(z, param(s, "b", units)), name + "/z");
				}
			}
			activation(s, fn(s, "activation"), z, name, false);
		}
		case "activation" -> activation(s, fn(s, "fn"), x, name, true);
		case "dropout" -> g.node(name, "Identity", in(x), name);
		case "flatten" -> g.node(name, "Flatten", in(x), name, attr("axis", 1L));
		case "reshape" -> g.node(name, "Reshape", in(x, g.longs(name + "/shape", withBatch(dims(s)))), name);
		case "conv2d" -> conv2d(s, x, inShape);
		case "conv1d" -> conv1d(s, x, inShape);
		case "maxpool2d", "avgpool2d" -> pool2d(s, x, inShape);
		case "maxpool1d", "avgpool1d" -> pool1d(s, x, inShape);
		case "globalavgpool", "globalmaxpool" -> {
			long[] axes = inShape.length == 3 ? new long[] {2, 3} : new long[] {1};
			g.node(name, s.kind().equals("globalavgpool") ? "ReduceMean" : "ReduceMax", in(x), name, ints("axes", axes),
					attr("keepdims", 0L));
		}
		case "upsample2d" -> {
			int[] f = pair(s, "factor");
			String scales = g.initializer(name + "/scales", new Tensor(new long[] {4}, new float[] {1, 1, f[0], f[1]}));
			g.node(name, "Resize", in(x, "", scales), name, attr("mode", "nearest"),
					attr("coordinate_transformation_mode", "asymmetric"), attr("nearest_mode", "floor"));
		}
		case "batchnorm" -> batchnorm(s, x, inShape);
		case "layernorm" -> layernorm(s, x, inShape);
		case "add", "multiply" -> {
			String op = s.kind().equals("add") ? "Add" : "Mul";
			if (s.inputs().size() == 1) {
				g.node(name, "Identity", in(x), name);
				break;
			}
			String acc = x;
			for (int i = 1; i < s.inputs().size(); i++) {
				boolean last = i == s.inputs().size() - 1;
				acc = g.node(i == 1 ? name : name + "/" + op + "_" + i, op, in(acc, s.inputs().get(i)), last ? name : name + "/sum_" + i);
			}
		}
		case "concat" -> g.node(name, "Concat", s.inputs(), name, attr("axis", integer(s, "axis") + 1));
		case "embedding" -> {
			String w = param(s, "W", integer(s, "vocab"), integer(s, "dim"));
			g.node(name, "Gather", in(w, x), name, attr("axis", 0L));
		}
		case "maxout" -> {
			long f = inShape[inShape.length - 1];
			long units = integer(s, "units"), pieces = integer(s, "pieces");
			String xw = g.node(name, "MatMul", in(x, param(s, "W", f, pieces * units)), name + "/xW");
			String z = g.node(name + "/Add", "Add", in(xw, param(s, "b", pieces * units)), name + "/z");
			String r = g.node(name + "/Reshape", "Reshape", in(z, g.longs(name + "/pieces", -1, pieces, units)), name + "/pieces_z");
			String m = g.node(name + "/ReduceMax", "ReduceMax", in(r), name + "/max", ints("axes", 1), attr("keepdims", 0L));
			g.node(name + "/Reshape_out", "Reshape", in(m, g.longs(name + "/shape", withBatch(dims(s)))), name);
		}
		case "rnn", "lstm", "gru" -> recurrent(s, x, inShape);
		default -> throw new GeneratorException(s.kind() + " (" + s.name() + ") has no ONNX export yet: "
				+ "the exporter covers dense, activations, dropout, flatten, reshape, conv1d/2d, pooling, global pooling, "
				+ "upsample2d, batchnorm, layernorm, add, multiply, concat, embedding, maxout, rnn, lstm and gru", s.source());
		}
	}

	// ---- activations

	/** Writes {@code fn(in)} as the node {@code out}; a linear activation is an Identity. */
	private void activation(Step s, Fn fn, String input, String out, boolean named) {
		String fnName = fn == null ? "linear" : fn.name();
		String node = named ? out : out + "/" + op(fnName);
		switch (fnName) {
		case "linear" -> g.node(node, "Identity", in(input), out);
		case "relu", "sigmoid", "tanh", "softplus", "abs" -> g.node(node, op(fnName), in(input), out);
		case "softmax" -> g.node(node, "Softmax", in(input), out, attr("axis", -1L));
		case "leakyrelu" -> g.node(node, "LeakyRelu", in(input), out, attr("alpha", real(fn.arg("alpha"))));
		case "elu" -> g.node(node, "Elu", in(input), out, attr("alpha", real(fn.arg("alpha"))));
		case "gelu" -> {
			// the runtime's gelu is ND4J's: x * sigmoid(1.702 x)
			String k = g.initializer(out + "/gelu_k", new Tensor(new long[0], new float[] {1.702f}));
			String kx = g.node(node + "_scale", "Mul", in(input, k), out + "/gelu_kx");
			String sg = g.node(node + "_sigmoid", "Sigmoid", in(kx), out + "/gelu_sigmoid");
			g.node(node, "Mul", in(input, sg), out);
		}
		default -> throw new GeneratorException("the activation " + fnName + " of " + s.name() + " has no ONNX export", s.source());
		}
	}

	private static String op(String fn) {
		return switch (fn) {
		case "relu" -> "Relu";
		case "sigmoid" -> "Sigmoid";
		case "tanh" -> "Tanh";
		case "softplus" -> "Softplus";
		case "abs" -> "Abs";
		case "softmax" -> "Softmax";
		case "leakyrelu" -> "LeakyRelu";
		case "elu" -> "Elu";
		case "gelu" -> "Gelu";
		default -> "Identity";
		};
	}

	// ---- convolution and pooling

	private void conv2d(Step s, String x, long[] in) {
		String name = s.graphName();
		long filters = integer(s, "filters");
		int[] k = pair(s, "kernel"), st = pair(s, "stride"), d = pair(s, "dilation");
		long[] pads = pads2d(s, in, k, st, d);
		String w = g.initializer(name + "/W", weight(s, "W", k[0], k[1], in[0], filters).transpose(3, 2, 0, 1));
		List<String> ins = bool(s, "bias") ? in(x, w, param(s, "b", filters)) : in(x, w);
		String z = g.node(name, "Conv", ins, name + "/z", ints("kernel_shape", k[0], k[1]), ints("strides", st[0], st[1]),
				ints("pads", pads), ints("dilations", d[0], d[1]));
		activation(s, fn(s, "activation"), z, name, false);
	}

	private void conv1d(Step s, String x, long[] in) {
		String name = s.graphName();
		long filters = integer(s, "filters");
		int k = (int) integer(s, "kernel"), st = (int) integer(s, "stride"), d = (int) integer(s, "dilation");
		long[] p = pads1d(s, in[0], k, st, d);
		Tensor w = weight(s, "W", k, 1, in[1], filters).transpose(3, 2, 0, 1).reshape(filters, in[1], k);
		String wn = g.initializer(name + "/W", w);
		String t = g.node(name + "/to_channels", "Transpose", in(x), name + "/channels", ints("perm", 0, 2, 1));
		List<String> ins = bool(s, "bias") ? in(t, wn, param(s, "b", filters)) : in(t, wn);
		String z = g.node(name, "Conv", ins, name + "/conv", ints("kernel_shape", k), ints("strides", st), ints("pads", p),
				ints("dilations", d));
		String back = g.node(name + "/to_steps", "Transpose", in(z), name + "/z", ints("perm", 0, 2, 1));
		activation(s, fn(s, "activation"), back, name, false);
	}

	private void pool2d(Step s, String x, long[] in) {
		int[] k = pair(s, "size");
		int[] st = s.given("stride") ? pair(s, "stride") : k;
		long[] pads = pads2d(s, in, k, st, new int[] {1, 1});
		boolean max = s.kind().startsWith("max");
		g.node(s.graphName(), max ? "MaxPool" : "AveragePool", in(x), s.graphName(), ints("kernel_shape", k[0], k[1]),
				ints("strides", st[0], st[1]), ints("pads", pads));
	}

	private void pool1d(Step s, String x, long[] in) {
		String name = s.graphName();
		int k = (int) integer(s, "size");
		int st = s.given("stride") ? (int) integer(s, "stride") : k;
		long[] p = pads1d(s, in[0], k, st, 1);
		String t = g.node(name + "/to_channels", "Transpose", in(x), name + "/channels", ints("perm", 0, 2, 1));
		String y = g.node(name, s.kind().startsWith("max") ? "MaxPool" : "AveragePool", in(t), name + "/pool", ints("kernel_shape", k),
				ints("strides", st), ints("pads", p));
		g.node(name + "/to_steps", "Transpose", in(y), name, ints("perm", 0, 2, 1));
	}

	/** ONNX pads {@code [top, left, bottom, right]}: explicit, or ND4J's same padding (the odd pixel at the end). */
	private static long[] pads2d(Step s, long[] in, int[] k, int[] st, int[] d) {
		Object p = s.arg("padding");
		if (p instanceof Fn f) {
			if (!"same".equals(f.name())) {
				return new long[4];
			}
			long[] h = same(in[1], k[0], st[0], d[0]), w = same(in[2], k[1], st[1], d[1]);
			return new long[] {h[0], w[0], h[1], w[1]};
		}
		int[] pp = intPair(p);
		return new long[] {pp[0], pp[1], pp[0], pp[1]};
	}

	private static long[] pads1d(Step s, long n, int k, int st, int d) {
		Object p = s.arg("padding");
		if (p instanceof Fn f) {
			return "same".equals(f.name()) ? same(n, k, st, d) : new long[2];
		}
		long q = ((Number) p).longValue();
		return new long[] {q, q};
	}

	private static long[] same(long n, int k, int s, int d) {
		long out = (n + s - 1) / s;
		long total = Math.max(0, (out - 1) * s + (long) (k - 1) * d + 1 - n);
		return new long[] {total / 2, total - total / 2};
	}

	// ---- normalisation

	private void batchnorm(Step s, String x, long[] in) {
		String name = s.graphName();
		long c = in.length == 3 ? in[0] : in[in.length - 1];
		Tensor gamma = weight(s, "gamma", c), beta = weight(s, "beta", c), mean = weight(s, "running_mean", c),
				var = weight(s, "running_var", c);
		double eps = real(s.arg("epsilon"));
		if (in.length != 2) {
			g.initializer(name + "/gamma", gamma);
			g.initializer(name + "/beta", beta);
			g.initializer(name + "/running_mean", mean);
			g.initializer(name + "/running_var", var);
			g.node(name, "BatchNormalization", in(x, name + "/gamma", name + "/beta", name + "/running_mean", name + "/running_var"), name,
					attr("epsilon", eps));
			return;
		}
		// a sequence [T, f] normalises its last axis, which BatchNormalization cannot: (x - mean) / sqrt(var + eps) * gamma + beta
		String m = g.initializer(name + "/running_mean", mean), v = g.initializer(name + "/running_var", var);
		String e = g.initializer(name + "/epsilon", new Tensor(new long[0], new float[] {(float) eps}));
		String centred = g.node(name + "/Sub", "Sub", in(x, m), name + "/centred");
		String sd = g.node(name + "/Sqrt", "Sqrt", in(g.node(name + "/Add_eps", "Add", in(v, e), name + "/var_eps")), name + "/std");
		String normal = g.node(name + "/Div", "Div", in(centred, sd), name + "/normal");
		String scaled = g.node(name + "/Mul", "Mul", in(normal, g.initializer(name + "/gamma", gamma)), name + "/scaled");
		g.node(name, "Add", in(scaled, g.initializer(name + "/beta", beta)), name);
	}

	private void layernorm(Step s, String x, long[] in) {
		String name = s.graphName();
		long f = in[in.length - 1];
		String e = g.initializer(name + "/epsilon", new Tensor(new long[0], new float[] {(float) real(s.arg("epsilon"))}));
		String mean = g.node(name + "/mean", "ReduceMean", in(x), name + "/mean", ints("axes", -1), attr("keepdims", 1L));
		String centred = g.node(name + "/Sub", "Sub", in(x, mean), name + "/centred");
		String sq = g.node(name + "/Square", "Mul", in(centred, centred), name + "/square");
		String var = g.node(name + "/var", "ReduceMean", in(sq), name + "/var", ints("axes", -1), attr("keepdims", 1L));
		String sd = g.node(name + "/Sqrt", "Sqrt", in(g.node(name + "/Add_eps", "Add", in(var, e), name + "/var_eps")), name + "/std");
		String normal = g.node(name + "/Div", "Div", in(centred, sd), name + "/normal");
		String scaled = g.node(name + "/Mul", "Mul", in(normal, param(s, "gamma", f)), name + "/scaled");
		g.node(name, "Add", in(scaled, param(s, "beta", f)), name);
	}

	// ---- recurrent layers

	private void recurrent(Step s, String x, long[] in) {
		String name = s.graphName();
		String kind = s.kind();
		long u = integer(s, "units"), f = in[1];
		boolean bi = bool(s, "bidirectional"), sequences = bool(s, "sequences");
		Fn fn = fn(s, "activation");
		String act = fn == null ? "Tanh" : switch (fn.name()) {
		case "tanh" -> "Tanh";
		case "relu" -> "Relu";
		case "sigmoid" -> "Sigmoid";
		case "softplus" -> "Softplus";
		default -> throw new GeneratorException(kind + " " + s.name() + " has the activation " + fn.name()
				+ ", which ONNX's " + kind.toUpperCase(java.util.Locale.ROOT) + " does not take (tanh, relu, sigmoid, softplus)", s.source());
		};
		int gates = switch (kind) {
		case "lstm" -> 4;
		case "gru" -> 3;
		default -> 1;
		};
		// ONNX's gate order, as indices into the runtime's: LSTM iofc from [i f g o], GRU zrh from [r z n]
		int[] order = switch (kind) {
		case "lstm" -> new int[] {0, 3, 1, 2};
		case "gru" -> new int[] {1, 0, 2};
		default -> new int[] {0};
		};
		String[] dirs = bi ? new String[] {name, name + "/backward"} : new String[] {name};
		Tensor[] ws = new Tensor[dirs.length], rs = new Tensor[dirs.length], bs = new Tensor[dirs.length];
		for (int d = 0; d < dirs.length; d++) {
			Tensor w = weightNamed(s, dirs[d] + "/W", f, gates * u);
			Tensor r = weightNamed(s, dirs[d] + "/U", u, gates * u);
			Tensor b = weightNamed(s, dirs[d] + "/b", gates * u);
			Tensor bh = kind.equals("gru") ? weightNamed(s, dirs[d] + "/bh", gates * u) : Tensor.filled(0, gates * u);
			ws[d] = reorder(w, order, u).transpose(1, 0);
			rs[d] = reorder(r, order, u).transpose(1, 0);
			bs[d] = Tensor.concat(reorder(b.reshape(1, gates * u), order, u).reshape(gates * u),
					reorder(bh.reshape(1, gates * u), order, u).reshape(gates * u));
		}
		String w = g.initializer(name + "/W", stack(ws));
		String r = g.initializer(name + "/R", stack(rs));
		String b = g.initializer(name + "/B", stack(bs));
		String op = kind.equals("rnn") ? "RNN" : kind.toUpperCase(java.util.Locale.ROOT);
		String xt = g.node(name + "/time_major", "Transpose", in(x), name + "/x_time_major", ints("perm", 1, 0, 2));
		String[] actList = switch (kind) {
		case "lstm" -> bi ? new String[] {"Sigmoid", act, act, "Sigmoid", act, act} : new String[] {"Sigmoid", act, act};
		case "gru" -> bi ? new String[] {"Sigmoid", act, "Sigmoid", act} : new String[] {"Sigmoid", act};
		default -> bi ? new String[] {act, act} : new String[] {act};
		};
		String y = name + "/Y", yh = name + "/Y_h";
		var attrs = new java.util.ArrayList<>(List.of(attr("hidden_size", u), attr("direction", bi ? "bidirectional" : "forward"),
				strings("activations", actList)));
		if (kind.equals("gru")) {
			attrs.add(attr("linear_before_reset", 1L));
		}
		g.node(name, op, in(xt, w, r, b), kind.equals("lstm") ? List.of(y, yh, "") : List.of(y, yh),
				attrs.toArray(new onnx.Onnx.AttributeProto[0]));
		int nd = dirs.length;
		if (!sequences) {
			// Y_h [dirs, N, u] -> [N, dirs * u]: forward then backward, as the runtime concatenates them
			String t = g.node(name + "/batch_major", "Transpose", in(yh), name + "/h_batch_major", ints("perm", 1, 0, 2));
			g.node(name + "/Reshape", "Reshape", in(t, g.longs(name + "/shape", -1, nd * u)), name);
		} else {
			// Y [T, dirs, N, u] -> [N, T, dirs * u]
			String t = g.node(name + "/batch_major", "Transpose", in(y), name + "/y_batch_major", ints("perm", 2, 0, 1, 3));
			g.node(name + "/Reshape", "Reshape", in(t, g.longs(name + "/shape", -1, in[0], nd * u)), name);
		}
	}

	/** Columns of {@code [rows, gates*u]} in another gate order. */
	private static Tensor reorder(Tensor t, int[] order, long u) {
		Tensor[] parts = new Tensor[order.length];
		for (int i = 0; i < order.length; i++) {
			parts[i] = t.columns((int) (order[i] * u), (int) ((order[i] + 1) * u));
		}
		return Tensor.concatColumns(parts);
	}

	/** Tensors of one shape stacked on a new first axis. */
	private static Tensor stack(Tensor[] ts) {
		long[] shape = new long[ts[0].shape().length + 1];
		shape[0] = ts.length;
		System.arraycopy(ts[0].shape(), 0, shape, 1, ts[0].shape().length);
		float[] all = new float[ts[0].length() * ts.length];
		for (int i = 0; i < ts.length; i++) {
			System.arraycopy(ts[i].data(), 0, all, i * ts[0].length(), ts[0].length());
		}
		return new Tensor(shape, all);
	}

	// ---- parameters and arguments

	/** A parameter of the layer as an initializer of the same name and layout. */
	private String param(Step s, String suffix, long... shape) {
		return g.initializer(s.graphName() + "/" + suffix, weight(s, suffix, shape));
	}

	private Tensor weight(Step s, String suffix, long... shape) {
		return weightNamed(s, s.graphName() + "/" + suffix, shape);
	}

	private Tensor weightNamed(Step s, String full, long... shape) {
		Tensor t = weights.get(full);
		if (t == null) {
			throw new GeneratorException("the weights have no parameter " + full + " for " + s.name()
					+ ": were they saved from another version of the network?", s.source());
		}
		if (!Arrays.equals(t.shape(), shape) && Tensor.size(t.shape()) == Tensor.size(shape)) {
			t = t.reshape(shape);
		}
		if (!Arrays.equals(t.shape(), shape)) {
			throw new GeneratorException("the parameter " + full + " has the shape " + Arrays.toString(t.shape()) + " but " + s.name()
					+ " needs " + Arrays.toString(shape) + ": were the weights saved from another version of the network?", s.source());
		}
		parameters += t.length();
		return t;
	}

	private static long integer(Step s, String key) {
		Object v = s.arg(key);
		if (v instanceof Long l) {
			return l;
		}
		throw new GeneratorException(s.kind() + " " + s.name() + ": its " + key + " is " + v + ", not a known integer", s.source());
	}

	private static boolean bool(Step s, String key) {
		return Boolean.TRUE.equals(s.arg(key));
	}

	private static double real(Object v) {
		return ((Number) v).doubleValue();
	}

	private static Fn fn(Step s, String key) {
		return s.arg(key) instanceof Fn f ? f : null;
	}

	private static int[] pair(Step s, String key) {
		return intPair(s.arg(key));
	}

	private static int[] intPair(Object v) {
		if (v instanceof List<?> l && l.size() == 2) {
			return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue()};
		}
		int k = ((Number) v).intValue();
		return new int[] {k, k};
	}

	private static long[] withBatch(long[] shape) {
		long[] s = new long[shape.length + 1];
		s[0] = -1;
		System.arraycopy(shape, 0, s, 1, shape.length);
		return s;
	}
}
