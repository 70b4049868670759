package org.nnet.cli.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.nnet.core.catalog.Catalog;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * An ONNX graph as one network of catalogue layers: {@code Gemm} / {@code MatMul + Add} become {@code dense},
 * {@code Conv (+ bias)} {@code conv2d}, activations fold into the preceding dense or convolution's {@code activation:}
 * when nothing else reads its output (else an {@code activation(fn)} step), {@code BatchNormalization} folds into a
 * preceding convolution's weights and bias (or stays a {@code batchnorm}), pools, global pools, {@code Flatten} /
 * {@code Reshape}, {@code Add}, {@code Mul}, {@code Concat}, {@code Gather} of a weight matrix ({@code embedding}),
 * {@code LSTM} / {@code GRU} / {@code RNN} with their two biases summed where the runtime has one. The shape
 * plumbing exporters put around recurrent layers (transposes to time-major, squeezes, zero initial states computed
 * from the input's shape) is recognised and dropped. Every other operator is a {@link Unsupported} problem naming the
 * node and operator; all of them are collected before the import gives up.
 */
public final class OnnxImporter {

	/** One layer of the imported network. */
	public static final class Layer {
		/** Node name in the .nnet file. */
		public final String name;
		/** Catalogue layer. */
		public final String kind;
		/** Names of the nodes that feed it. */
		public final List<String> inputs;
		/** The positional argument as text (units, filters, size...), or null. */
		public String main;
		/** Named arguments as text, in order. */
		public final Map<String, String> args = new LinkedHashMap<>();
		/** Output shape without the batch axis. */
		public long[] shape;
		boolean foldable;

		Layer(String name, String kind, List<String> inputs, long[] shape) {
			this.name = name;
			this.kind = kind;
			this.inputs = inputs;
			this.shape = shape;
		}

		/** The step as .nnet text: {@code conv2d(6, kernel: 5, activation: relu)}. */
		public String call() {
			List<String> parts = new ArrayList<>();
			if (main != null) {
				parts.add(main);
			}
			args.forEach((k, v) -> parts.add(k + ": " + v));
			return kind + "(" + String.join(", ", parts) + ")";
		}
	}

	/** A graph input: its name, shape without the batch axis, and vocabulary if it holds tokens. */
	public record Input(String name, long[] shape, Long vocab) {
	}

	/** An operator with no layer. */
	public record Unsupported(String node, String op, String why) {
		@Override
		public String toString() {
			return "node " + (node.isEmpty() ? "(unnamed)" : node) + " (" + op + ")" + (why == null ? " has no layer in the catalogue" : ": " + why);
		}
	}

	/** The ONNX file cannot be imported: one or more problems. */
	public static final class ImportException extends Exception {
		private static final long serialVersionUID = 1L;
		/** One line each. */
		public final List<String> problems;

		ImportException(List<String> problems) {
			super(String.join("; ", problems));
			this.problems = problems;
		}
	}

	private enum Kind {
		/** batch first, as the network's node */ NORMAL,
		/** a sequence [T, N, f] */ TIME_MAJOR,
		/** a global pool's [N, c, 1, 1] */ POOLED,
		/** a recurrent layer's Y [T, dirs, N, u] */ RNN_Y,
		/** Y as [N, T, dirs, u] */ RNN_Y_BATCH,
		/** a recurrent layer's Y_h [dirs, N, u] */ RNN_YH,
		/** Y_h as [N, dirs, u] */ RNN_YH_BATCH,
		/** a size computed from shapes at run time */ SYMBOLIC,
		/** zeros of a run-time shape (an initial state) */ ZEROS
	}

	private record Val(String node, Kind kind) {
	}

	private final GraphProto graph;
	private final Map<String, Tensor> constants = new HashMap<>();
	private final Map<String, long[]> longConstants = new HashMap<>();
	private final Map<String, Val> values = new HashMap<>();
	private final Map<String, Integer> uses = new HashMap<>();
	private final Set<String> graphOutputs = new HashSet<>();
	private final Map<String, Layer> layers = new LinkedHashMap<>();
	private final List<Input> inputs = new ArrayList<>();
	private final Map<String, Input> inputByName = new HashMap<>();
	private final Map<String, Tensor> weights = new LinkedHashMap<>();
	private final Set<String> names = new HashSet<>();
	private final List<String> problems = new ArrayList<>();
	private final List<String> outputs = new ArrayList<>();
	private final Map<String, Boolean> sequences = new HashMap<>();

	private OnnxImporter(ModelProto model) {
		this.graph = model.getGraph();
	}

	/** The imported network. */
	public record Network(List<Input> inputs, List<Layer> layers, List<String> outputs, Map<String, Tensor> weights, long onnxParameters,
			long mergedParameters) {
	}

	/** Imports a model; throws with every operator that has no layer. */
	public static Network of(ModelProto model) throws ImportException {
		OnnxImporter i = new OnnxImporter(model);
		return i.run();
	}

	private Network run() throws ImportException {
		long onnxParameters = 0;
		for (TensorProto t : graph.getInitializerList()) {
			if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
				constants.put(t.getName(), floats(t));
				onnxParameters += constants.get(t.getName()).length();
			} else if (t.getDataType() == TensorProto.DataType.INT64.getNumber()) {
				longConstants.put(t.getName(), longs(t));
			}
		}
		for (NodeProto n : graph.getNodeList()) {
			for (String in : n.getInputList()) {
				uses.merge(in, 1, Integer::sum);
			}
		}
		for (ValueInfoProto o : graph.getOutputList()) {
			graphOutputs.add(o.getName());
			uses.merge(o.getName(), 1, Integer::sum);
		}
		for (ValueInfoProto in : graph.getInputList()) {
			if (constants.containsKey(in.getName()) || longConstants.containsKey(in.getName())) {
				continue;
			}
			addInput(in);
		}
		for (NodeProto n : graph.getNodeList()) {
			try {
				node(n);
			} catch (UnsupportedException e) {
				problems.add(new Unsupported(n.getName(), n.getOpType(), e.getMessage()).toString());
			} catch (RuntimeException e) {
				problems.add(new Unsupported(n.getName(), n.getOpType(), "cannot be read (" + e.getMessage() + ")").toString());
			}
		}
		for (ValueInfoProto o : graph.getOutputList()) {
			Val v = values.get(o.getName());
			if (v == null) {
				if (problems.isEmpty()) {
					problems.add("the graph output " + o.getName() + " is not computed by any node");
				}
				continue;
			}
			if (v.kind() != Kind.NORMAL) {
				problems.add("the graph output " + o.getName() + " is an intermediate tensor of " + v.node() + " that the network cannot name");
				continue;
			}
			outputs.add(v.node());
		}
		for (Input in : inputs) {
			if (inputByName.get(in.name()).vocab() == null && isTokenInput(in.name())) {
				problems.add("the integer input " + in.name() + " does not feed an embedding (Gather of a weight matrix)");
			}
		}
		if (!problems.isEmpty()) {
			throw new ImportException(problems);
		}
		List<Input> finalInputs = new ArrayList<>();
		for (Input in : inputs) {
			finalInputs.add(inputByName.get(in.name()));
		}
		sequences.forEach((layer, seq) -> {
			if (seq) {
				layers.get(layer).args.put("sequences", "true");
			}
		});
		long kept = weights.values().stream().mapToLong(Tensor::length).sum();
		return new Network(finalInputs, List.copyOf(layers.values()), outputs, weights, onnxParameters, onnxParameters - kept);
	}

	private final Set<String> tokenInputs = new HashSet<>();

	private boolean isTokenInput(String name) {
		return tokenInputs.contains(name);
	}

	private void addInput(ValueInfoProto in) {
		var t = in.getType().getTensorType();
		List<TensorShapeProto.Dimension> dims = t.getShape().getDimList();
		String name = unique(identifier(in.getName(), "input"));
		if (dims.size() < 2) {
			problems.add("the input " + in.getName() + " has no axis besides the batch axis: a network input needs a shape");
			return;
		}
		long[] shape = new long[dims.size() - 1];
		for (int i = 1; i < dims.size(); i++) {
			if (!dims.get(i).hasDimValue()) {
				problems.add("the input " + in.getName() + " has an axis of unknown size (" + dims.get(i).getDimParam()
						+ "): export the model with every axis but the batch fixed");
				return;
			}
			shape[i - 1] = dims.get(i).getDimValue();
		}
		int type = t.getElemType();
		boolean tokens = type == TensorProto.DataType.INT64.getNumber() || type == TensorProto.DataType.INT32.getNumber();
		if (tokens) {
			tokenInputs.add(name);
		}
		Input input = new Input(name, shape, null);
		inputs.add(input);
		inputByName.put(name, input);
		values.put(in.getName(), new Val(name, Kind.NORMAL));
		shapes.put(name, shape);
	}

	private final Map<String, long[]> shapes = new HashMap<>();

	private static final class UnsupportedException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		UnsupportedException(String why) {
			super(why);
		}
	}

	// ---- nodes

	private void node(NodeProto n) {
		String op = n.getOpType();
		if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
			throw new UnsupportedException("is in the operator domain " + n.getDomain() + ", which has no layer");
		}
		switch (op) {
		case "Constant" -> constant(n);
		case "Identity", "Dropout" -> alias(n, in(n, 0));
		case "Shape" -> values.put(n.getOutput(0), new Val(null, Kind.SYMBOLIC));
		case "ConstantOfShape" -> {
			AttributeProto value = attr(n, "value");
			boolean zero = value == null || Arrays.stream(floatsOrLongs(value.getT())).allMatch(x -> x == 0);
			values.put(n.getOutput(0), new Val(null, zero ? Kind.ZEROS : Kind.SYMBOLIC));
		}
		case "Gemm" -> gemm(n);
		case "MatMul" -> matmul(n);
		case "Add" -> add(n, "add");
		case "Mul" -> add(n, "multiply");
		case "Conv" -> conv(n);
		case "Relu", "Sigmoid", "Tanh", "Softplus", "Abs", "LeakyRelu", "Elu", "Softmax" -> activation(n);
		case "BatchNormalization" -> batchnorm(n);
		case "MaxPool", "AveragePool" -> pool(n);
		case "GlobalAveragePool", "GlobalMaxPool" -> {
			Val x = val(n, 0);
			long[] s = shape(x);
			requireImage(x, s);
			Layer l = layer(n, op.equals("GlobalAveragePool") ? "globalavgpool" : "globalmaxpool", List.of(x.node()), new long[] {s[0]});
			values.put(n.getOutput(0), new Val(l.name, Kind.POOLED));
		}
		case "ReduceMean", "ReduceMax" -> reduce(n);
		case "Flatten" -> flatten(n);
		case "Reshape" -> reshape(n);
		case "Squeeze", "Unsqueeze" -> squeeze(n);
		case "Transpose" -> transpose(n);
		case "Concat" -> concat(n);
		case "Gather" -> gather(n);
		case "LSTM", "GRU", "RNN" -> recurrent(n);
		case "Resize", "Upsample" -> resize(n);
		case "Pad" -> {
			// PyTorch writes a Pad of zeros before some pools: nothing to do
			long[] p = n.getInputCount() > 1 ? longConstants.get(in(n, 1)) : intsAttr(n, "pads");
			if (p == null || Arrays.stream(p).anyMatch(v -> v != 0)) {
				throw new UnsupportedException("pads by " + (p == null ? "sizes computed at run time" : Arrays.toString(p))
						+ "; only convolutions and pools pad");
			}
			alias(n, in(n, 0));
		}
		default -> throw new UnsupportedException(null);
		}
	}

	private void constant(NodeProto n) {
		AttributeProto v = attr(n, "value");
		if (v == null) {
			throw new UnsupportedException("only tensor constants are read");
		}
		TensorProto t = v.getT();
		if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
			constants.put(n.getOutput(0), floats(t));
		} else {
			longConstants.put(n.getOutput(0), longs(t));
		}
	}

	private void alias(NodeProto n, String input) {
		if (constants.containsKey(input)) {
			constants.put(n.getOutput(0), constants.get(input));
			return;
		}
		if (longConstants.containsKey(input)) {
			longConstants.put(n.getOutput(0), longConstants.get(input));
			return;
		}
		Val v = values.get(input);
		if (v == null) {
			throw new UnsupportedException("reads " + input + ", which no node computes");
		}
		values.put(n.getOutput(0), v);
	}

	private void gemm(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		Tensor b = constant(n, 1, "its weight matrix B");
		if (intAttr(n, "transA", 0) != 0 || floatAttr(n, "alpha", 1) != 1 || floatAttr(n, "beta", 1) != 1) {
			throw new UnsupportedException("only Gemm with transA 0, alpha 1 and beta 1 is a dense layer");
		}
		Tensor w = intAttr(n, "transB", 0) != 0 ? b.transpose(1, 0) : b;
		if (s.length != 1 || w.shape()[0] != s[0]) {
			throw new UnsupportedException("multiplies " + Arrays.toString(s) + " by " + Arrays.toString(w.shape()));
		}
		long units = w.shape()[1];
		Layer l = layer(n, "dense", List.of(x.node()), new long[] {units});
		l.main = Long.toString(units);
		l.foldable = true;
		weights.put(l.name + "/W", w);
		if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
			Tensor c = constant(n, 2, "its bias C");
			if (c.length() != units) {
				throw new UnsupportedException("its bias C has " + c.length() + " values for " + units + " units");
			}
			weights.put(l.name + "/b", c.reshape(units));
		} else {
			l.args.put("bias", "false");
		}
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void matmul(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		Tensor w = constant(n, 1, "its second input, a weight matrix,");
		if (w.shape().length != 2 || w.shape()[0] != s[s.length - 1] || s.length > 2) {
			throw new UnsupportedException("multiplies " + Arrays.toString(s) + " by " + Arrays.toString(w.shape()));
		}
		long units = w.shape()[1];
		long[] out = s.clone();
		out[out.length - 1] = units;
		Layer l = layer(n, "dense", List.of(x.node()), out);
		l.main = Long.toString(units);
		l.args.put("bias", "false");
		l.foldable = true;
		weights.put(l.name + "/W", w);
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void add(NodeProto n, String kind) {
		String a = in(n, 0), b = in(n, 1);
		boolean aConst = constants.containsKey(a), bConst = constants.containsKey(b);
		if (kind.equals("add") && (aConst ^ bConst)) {
			// a bias after MatMul: the dense layer's bias
			Val x = aConst ? val(n, 1) : val(n, 0);
			Tensor bias = constants.get(aConst ? a : b);
			Layer l = layers.get(x.node());
			if (l != null && l.kind.equals("dense") && "false".equals(l.args.get("bias")) && l.foldable && single(aConst ? b : a)
					&& bias.length() == l.shape[l.shape.length - 1]) {
				l.args.remove("bias");
				weights.put(l.name + "/b", bias.reshape(bias.length()));
				values.put(n.getOutput(0), x);
				return;
			}
			throw new UnsupportedException("adds a constant that is not the bias of a dense layer");
		}
		if (aConst || bConst) {
			throw new UnsupportedException("multiplies by a constant, which no layer does");
		}
		Val x = val(n, 0), y = val(n, 1);
		if (!Arrays.equals(shape(x), shape(y))) {
			throw new UnsupportedException("broadcasts " + Arrays.toString(shape(x)) + " with " + Arrays.toString(shape(y)) + "; "
					+ kind + " needs equal shapes");
		}
		layer(n, kind, List.of(x.node(), y.node()), shape(x));
		values.put(n.getOutput(0), new Val(lastName, Kind.NORMAL));
	}

	private void conv(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		requireImage(x, s);
		Tensor w = constant(n, 1, "its weights");
		if (w.shape().length != 4) {
			throw new UnsupportedException("only 2-d convolutions are imported");
		}
		if (intAttr(n, "group", 1) != 1) {
			throw new UnsupportedException("grouped (depthwise) convolutions have no layer");
		}
		long filters = w.shape()[0], kh = w.shape()[2], kw = w.shape()[3];
		if (w.shape()[1] != s[0]) {
			throw new UnsupportedException("has weights for " + w.shape()[1] + " channels but gets " + s[0]);
		}
		long[] st = intsAttr(n, "strides", 1, 1), d = intsAttr(n, "dilations", 1, 1);
		long[] pads = pads(n, s, new long[] {kh, kw}, st, d);
		Layer l = layer(n, "conv2d", List.of(x.node()), new long[] {filters, conv(s[1], kh, st[0], pads[0], pads[2], d[0]),
			conv(s[2], kw, st[1], pads[1], pads[3], d[1])});
		l.main = Long.toString(filters);
		l.args.put("kernel", pair(kh, kw));
		if (st[0] != 1 || st[1] != 1) {
			l.args.put("stride", pair(st[0], st[1]));
		}
		padding(l, pads, s, new long[] {kh, kw}, st, d);
		if (d[0] != 1 || d[1] != 1) {
			l.args.put("dilation", pair(d[0], d[1]));
		}
		weights.put(l.name + "/W", w.transpose(2, 3, 1, 0));
		if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
			weights.put(l.name + "/b", constant(n, 2, "its bias").reshape(filters));
		} else {
			l.args.put("bias", "false");
		}
		l.foldable = true;
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	/** ONNX pads [top, left, bottom, right]: explicit or from auto_pad. */
	private static long[] pads(NodeProto n, long[] s, long[] k, long[] st, long[] d) {
		String auto = stringAttr(n, "auto_pad", "NOTSET");
		if (auto.equals("SAME_UPPER")) {
			long[] h = same(s[1], k[0], st[0], d[0]), w = same(s[2], k[1], st[1], d[1]);
			return new long[] {h[0], w[0], h[1], w[1]};
		}
		if (!auto.equals("NOTSET") && !auto.equals("VALID")) {
			throw new UnsupportedException("auto_pad " + auto + " has no padding of the language");
		}
		long[] p = intsAttr(n, "pads", 0, 0, 0, 0);
		return p;
	}

	private static long[] same(long n, long k, long s, long d) {
		long out = (n + s - 1) / s;
		long total = Math.max(0, (out - 1) * s + (k - 1) * d + 1 - n);
		return new long[] {total / 2, total - total / 2};
	}

	private static void padding(Layer l, long[] p, long[] s, long[] k, long[] st, long[] d) {
		if (p[0] == p[2] && p[1] == p[3]) {
			if (p[0] != 0 || p[1] != 0) {
				l.args.put("padding", p[0] == p[1] ? Long.toString(p[0]) : pair(p[0], p[1]));
			}
			return;
		}
		long[] h = same(s[1], k[0], st[0], d[0]), w = same(s[2], k[1], st[1], d[1]);
		if (Arrays.equals(p, new long[] {h[0], w[0], h[1], w[1]})) {
			l.args.put("padding", "same");
			return;
		}
		throw new UnsupportedException("pads " + Arrays.toString(p) + " unevenly, and not as padding: same does");
	}

	private static long conv(long n, long k, long s, long p0, long p1, long d) {
		return (n + p0 + p1 - d * (k - 1) - 1) / s + 1;
	}

	private void activation(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		String fn = switch (n.getOpType()) {
		case "Relu" -> "relu";
		case "Sigmoid" -> "sigmoid";
		case "Tanh" -> "tanh";
		case "Softplus" -> "softplus";
		case "Abs" -> "abs";
		case "LeakyRelu" -> "leakyrelu(" + number(floatAttr(n, "alpha", 0.01)) + ")";
		case "Elu" -> floatAttr(n, "alpha", 1) == 1 ? "elu" : "elu(" + number(floatAttr(n, "alpha", 1)) + ")";
		default -> {
			long axis = intAttr(n, "axis", -1);
			if (axis != -1 && axis != s.length) {
				throw new UnsupportedException("normalises axis " + axis + "; softmax normalises the last axis");
			}
			yield "softmax";
		}
		};
		Layer prev = layers.get(x.node());
		if (prev != null && prev.foldable && single(in(n, 0)) && !graphOutputs.contains(in(n, 0))) {
			prev.args.put("activation", fn);
			prev.foldable = false;
			values.put(n.getOutput(0), x);
			return;
		}
		Layer l = layer(n, "activation", List.of(x.node()), s);
		l.main = fn;
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void batchnorm(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		Tensor gamma = constant(n, 1, "its scale"), beta = constant(n, 2, "its bias"), mean = constant(n, 3, "its mean"),
				var = constant(n, 4, "its variance");
		double eps = floatAttr(n, "epsilon", 1e-5);
		if (n.getOutputCount() > 1 && n.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
			throw new UnsupportedException("is in training mode");
		}
		Layer prev = layers.get(x.node());
		long c = s[0];
		if (fold && prev != null && prev.kind.equals("conv2d") && prev.foldable && single(in(n, 0))) {
			// y = gamma (conv(x) + b - mean) / sqrt(var + eps) + beta: scale the kernel's output channels, fold the rest into the bias
			Tensor w = weights.get(prev.name + "/W");
			Tensor b = weights.containsKey(prev.name + "/b") ? weights.get(prev.name + "/b") : Tensor.filled(0, c);
			float[] wd = w.data().clone(), bd = new float[(int) c];
			for (int f = 0; f < c; f++) {
				double scale = gamma.data()[f] / Math.sqrt(var.data()[f] + eps);
				for (int i = f; i < wd.length; i += (int) c) {
					wd[i] = (float) (w.data()[i] * scale);
				}
				bd[f] = (float) ((b.data()[f] - mean.data()[f]) * scale + beta.data()[f]);
			}
			weights.put(prev.name + "/W", new Tensor(w.shape(), wd));
			weights.put(prev.name + "/b", new Tensor(new long[] {c}, bd));
			prev.args.remove("bias");
			values.put(n.getOutput(0), x);
			return;
		}
		long channels = s.length == 3 ? s[0] : s[s.length - 1];
		if (s.length == 2) {
			throw new UnsupportedException("normalises axis 1 of a sequence, the time axis; batchnorm normalises the features");
		}
		Layer l = layer(n, "batchnorm", List.of(x.node()), s);
		double momentum = floatAttr(n, "momentum", 0.9);
		l.args.put("momentum", number(momentum));
		l.args.put("epsilon", number(eps));
		weights.put(l.name + "/gamma", gamma.reshape(channels));
		weights.put(l.name + "/beta", beta.reshape(channels));
		weights.put(l.name + "/running_mean", mean.reshape(channels));
		weights.put(l.name + "/running_var", var.reshape(channels));
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private boolean fold = true;

	/** Keeps batch norms after convolutions as batchnorm layers instead of folding them into the convolution. */
	public static Network of(ModelProto model, boolean foldBatchnorm) throws ImportException {
		OnnxImporter i = new OnnxImporter(model);
		i.fold = foldBatchnorm;
		return i.run();
	}

	private void pool(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		requireImage(x, s);
		long[] k = intsAttr(n, "kernel_shape");
		if (k.length != 2) {
			throw new UnsupportedException("only 2-d pooling is imported");
		}
		if (intAttr(n, "ceil_mode", 0) != 0) {
			throw new UnsupportedException("rounds output sizes up (ceil_mode 1); pooling layers round down");
		}
		long[] st = intsAttr(n, "strides", 1, 1), d = intsAttr(n, "dilations", 1, 1);
		if (d[0] != 1 || d[1] != 1) {
			throw new UnsupportedException("dilated pooling has no layer");
		}
		long[] p = pads(n, s, k, st, d);
		boolean avg = n.getOpType().equals("AveragePool");
		if (avg && intAttr(n, "count_include_pad", 0) != 0 && Arrays.stream(p).anyMatch(v -> v != 0)) {
			throw new UnsupportedException("counts padded positions in the average; avgpool2d does not");
		}
		Layer l = layer(n, avg ? "avgpool2d" : "maxpool2d", List.of(x.node()), new long[] {s[0], conv(s[1], k[0], st[0], p[0], p[2], 1),
			conv(s[2], k[1], st[1], p[1], p[3], 1)});
		l.main = k[0] == k[1] ? Long.toString(k[0]) : pair(k[0], k[1]);
		if (st[0] != k[0] || st[1] != k[1]) {
			l.args.put("stride", pair(st[0], st[1]));
		}
		padding(l, p, s, k, st, d);
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void reduce(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		// axes: an attribute up to opset 17, an input from 18
		long[] axes = n.getInputCount() > 1 && longConstants.containsKey(in(n, 1)) ? longConstants.get(in(n, 1)).clone() : intsAttr(n, "axes");
		for (int i = 0; i < axes.length; i++) {
			axes[i] = axes[i] < 0 ? axes[i] + s.length + 1 : axes[i];
		}
		boolean keep = intAttr(n, "keepdims", 1) != 0;
		String kind = n.getOpType().equals("ReduceMean") ? "globalavgpool" : "globalmaxpool";
		if (s.length == 3 && Arrays.equals(axes, new long[] {2, 3}) || s.length == 2 && Arrays.equals(axes, new long[] {1})) {
			Layer l = layer(n, kind, List.of(x.node()), new long[] {s.length == 3 ? s[0] : s[1]});
			values.put(n.getOutput(0), new Val(l.name, keep && s.length == 3 ? Kind.POOLED : keep ? Kind.SYMBOLIC : Kind.NORMAL));
			return;
		}
		throw new UnsupportedException("reduces axes " + Arrays.toString(axes) + ", which is not a global pooling");
	}

	private void flatten(NodeProto n) {
		Val x = values.get(in(n, 0));
		if (x != null && x.kind() == Kind.POOLED) {
			values.put(n.getOutput(0), new Val(x.node(), Kind.NORMAL));
			return;
		}
		x = val(n, 0);
		if (intAttr(n, "axis", 1) != 1) {
			throw new UnsupportedException("flattens from axis " + intAttr(n, "axis", 1) + "; flatten() keeps the batch axis only");
		}
		long[] s = shape(x);
		if (s.length == 1) {
			values.put(n.getOutput(0), x);
			return;
		}
		Layer l = layer(n, "flatten", List.of(x.node()), new long[] {Tensor.size(s)});
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void reshape(NodeProto n) {
		Val x = values.get(in(n, 0));
		long[] target = longConstants.get(in(n, 1));
		if (target == null) {
			throw new UnsupportedException("takes its shape from a tensor computed at run time");
		}
		if (x != null && (x.kind() == Kind.RNN_YH_BATCH || x.kind() == Kind.RNN_Y_BATCH)) {
			values.put(n.getOutput(0), new Val(x.node(), Kind.NORMAL));
			return;
		}
		if (x != null && x.kind() == Kind.POOLED) {
			values.put(n.getOutput(0), new Val(x.node(), Kind.NORMAL));
			return;
		}
		x = val(n, 0);
		long[] s = shape(x);
		long size = Tensor.size(s);
		long[] out = new long[target.length - 1];
		int unknown = -1;
		long known = 1;
		for (int i = 1; i < target.length; i++) {
			out[i - 1] = target[i] == 0 ? s[i - 1] : target[i];
			if (out[i - 1] == -1) {
				unknown = i - 1;
			} else {
				known *= out[i - 1];
			}
		}
		if (target.length == 0 || target[0] > 0) {
			throw new UnsupportedException("changes the batch axis");
		}
		if (unknown >= 0) {
			out[unknown] = size / known;
		}
		if (Tensor.size(out) != size) {
			throw new UnsupportedException("reshapes " + Arrays.toString(s) + " to " + Arrays.toString(out));
		}
		if (Arrays.equals(out, s)) {
			values.put(n.getOutput(0), x);
			return;
		}
		Layer l = out.length == 1 ? layer(n, "flatten", List.of(x.node()), out) : layer(n, "reshape", List.of(x.node()), out);
		if (out.length > 1) {
			l.main = Arrays.toString(out);
		}
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void squeeze(NodeProto n) {
		Val x = values.get(in(n, 0));
		long[] axes = n.getInputCount() > 1 ? longConstants.get(in(n, 1)) : intsAttr(n, "axes");
		if (x != null && (x.kind() == Kind.SYMBOLIC || x.kind() == Kind.ZEROS) || longConstants.containsKey(in(n, 0))) {
			values.put(n.getOutput(0), new Val(null, Kind.SYMBOLIC));
			return;
		}
		if (n.getOpType().equals("Squeeze") && x != null && axes != null && axes.length == 1) {
			if (x.kind() == Kind.RNN_YH && axes[0] == 0 && layers.get(x.node()).args.get("bidirectional") == null) {
				useRecurrent(x.node(), false);
				values.put(n.getOutput(0), new Val(x.node(), Kind.NORMAL));
				return;
			}
			if (x.kind() == Kind.RNN_Y && axes[0] == 1 && layers.get(x.node()).args.get("bidirectional") == null) {
				useRecurrent(x.node(), true);
				values.put(n.getOutput(0), new Val(x.node(), Kind.TIME_MAJOR));
				return;
			}
		}
		throw new UnsupportedException("changes axes in a way no layer does");
	}

	private void transpose(NodeProto n) {
		Val x = val(n, 0, true);
		long[] perm = intsAttr(n, "perm");
		if (Arrays.equals(perm, new long[] {1, 0, 2})) {
			Kind k = switch (x.kind()) {
			case NORMAL -> shape(x).length == 2 ? Kind.TIME_MAJOR : null;
			case TIME_MAJOR -> Kind.NORMAL;
			case RNN_YH -> Kind.RNN_YH_BATCH;
			default -> null;
			};
			if (k != null) {
				if (x.kind() == Kind.RNN_YH) {
					useRecurrent(x.node(), false);
				}
				values.put(n.getOutput(0), new Val(x.node(), k));
				return;
			}
		}
		if (x.kind() == Kind.RNN_Y && Arrays.equals(perm, new long[] {2, 0, 1, 3})) {
			useRecurrent(x.node(), true);
			values.put(n.getOutput(0), new Val(x.node(), Kind.RNN_Y_BATCH));
			return;
		}
		if (x.kind() == Kind.NORMAL && shape(x).length == 2 && Arrays.equals(perm, new long[] {0, 2, 1})) {
			throw new UnsupportedException("turns a sequence channels-first (a 1-d convolution's layout), which is not imported yet");
		}
		throw new UnsupportedException("permutes axes " + Arrays.toString(perm) + " in a way no layer does");
	}

	private void concat(NodeProto n) {
		if (n.getInputList().stream().anyMatch(i -> longConstants.containsKey(i) || values.containsKey(i)
				&& values.get(i).kind() == Kind.SYMBOLIC)) {
			values.put(n.getOutput(0), new Val(null, Kind.SYMBOLIC));
			return;
		}
		List<String> ins = new ArrayList<>();
		long[] s = null;
		long axis = intAttr(n, "axis", 0);
		for (int i = 0; i < n.getInputCount(); i++) {
			Val v = val(n, i);
			ins.add(v.node());
			long[] vs = shape(v);
			if (axis < 0) {
				axis += vs.length + 1;
			}
			if (axis < 1) {
				throw new UnsupportedException("joins along the batch axis");
			}
			if (s == null) {
				s = vs.clone();
			} else {
				s[(int) axis - 1] += vs[(int) axis - 1];
			}
		}
		Layer l = layer(n, "concat", ins, s);
		if (axis != 1) {
			l.args.put("axis", Long.toString(axis - 1));
		}
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void gather(NodeProto n) {
		String data = in(n, 0), index = in(n, 1);
		Val v = values.get(data);
		if (v != null && (v.kind() == Kind.SYMBOLIC)) {
			values.put(n.getOutput(0), new Val(null, Kind.SYMBOLIC));
			return;
		}
		if (v != null && v.kind() == Kind.RNN_YH && longConstants.containsKey(index) && longConstants.get(index).length == 1
				&& intAttr(n, "axis", 0) == 0 && layers.get(v.node()).args.get("bidirectional") == null) {
			// h[-1] of a one-layer, one-direction recurrent layer: its final state
			useRecurrent(v.node(), false);
			values.put(n.getOutput(0), new Val(v.node(), Kind.NORMAL));
			return;
		}
		Tensor w = constants.get(data);
		Val tokens = values.get(index);
		if (w == null || tokens == null || w.shape().length != 2 || intAttr(n, "axis", 0) != 0) {
			throw new UnsupportedException("gathers other than rows of a weight matrix by token (an embedding)");
		}
		if (!tokenInputs.contains(tokens.node())) {
			throw new UnsupportedException("looks up rows by values that are not a token input");
		}
		Input in = inputByName.get(tokens.node());
		inputByName.put(in.name(), new Input(in.name(), in.shape(), w.shape()[0]));
		long[] s = shape(tokens);
		long[] out = Arrays.copyOf(s, s.length + 1);
		out[s.length] = w.shape()[1];
		Layer l = layer(n, "embedding", List.of(tokens.node()), out);
		l.main = Long.toString(w.shape()[0]);
		l.args.put("dim", Long.toString(w.shape()[1]));
		weights.put(l.name + "/W", w);
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	private void recurrent(NodeProto n) {
		String op = n.getOpType();
		Val x = val(n, 0, true);
		if (x.kind() != Kind.TIME_MAJOR) {
			throw new UnsupportedException("reads its input time-major without the transpose from [batch, time, features]");
		}
		if (intAttr(n, "layout", 0) != 0 || attr(n, "clip") != null || intAttr(n, "input_forget", 0) != 0) {
			throw new UnsupportedException("uses layout, clip or input_forget, which the recurrent layers do not have");
		}
		for (int i = 4; i < n.getInputCount(); i++) {
			String t = n.getInput(i);
			Val v = t.isEmpty() ? null : values.get(t);
			boolean zeros = t.isEmpty() || v != null && v.kind() == Kind.ZEROS
					|| constants.containsKey(t) && Arrays.stream(toDoubles(constants.get(t))).allMatch(d -> d == 0);
			if (i == 4 && !t.isEmpty()) {
				throw new UnsupportedException("takes sequence lengths; the recurrent layers run over every step");
			}
			if (i >= 7 && !t.isEmpty()) {
				throw new UnsupportedException("has peephole weights, which lstm does not");
			}
			if (!zeros) {
				throw new UnsupportedException("starts from given states; the recurrent layers start from zeros");
			}
		}
		long[] s = shape(x);
		String dir = stringAttr(n, "direction", "forward");
		if (dir.equals("reverse")) {
			throw new UnsupportedException("runs backwards only");
		}
		int dirs = dir.equals("bidirectional") ? 2 : 1;
		long u = intAttr(n, "hidden_size", 0);
		int gates = op.equals("LSTM") ? 4 : op.equals("GRU") ? 3 : 1;
		if (op.equals("GRU") && intAttr(n, "linear_before_reset", 0) != 1) {
			throw new UnsupportedException("applies the reset gate before the recurrent product (linear_before_reset 0); gru applies it after");
		}
		List<String> acts = stringsAttr(n, "activations");
		String fn = recurrentActivation(op, acts, dirs);
		Tensor w = constant(n, 1, "W"), r = constant(n, 2, "R");
		Tensor b = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? constant(n, 3, "B") : Tensor.filled(0, dirs, 2L * gates * u);
		Layer l = layer(n, op.toLowerCase(Locale.ROOT), List.of(x.node()), new long[] {dirs * u});
		l.main = Long.toString(u);
		if (dirs == 2) {
			l.args.put("bidirectional", "true");
		}
		if (!fn.equals("tanh")) {
			l.args.put("activation", fn);
		}
		// the runtime's gate order, as indices of ONNX's: LSTM [i f g o] from iofc, GRU [r z n] from zrh
		int[] order = op.equals("LSTM") ? new int[] {0, 2, 3, 1} : op.equals("GRU") ? new int[] {1, 0, 2} : new int[] {0};
		long f = s[1];
		for (int d = 0; d < dirs; d++) {
			String prefix = d == 0 ? l.name : l.name + "/backward";
			Tensor wd = rows(slice(w, d), order, u).transpose(1, 0);
			Tensor rd = rows(slice(r, d), order, u).transpose(1, 0);
			Tensor bd = slice(b, d);
			Tensor wb = rows(new Tensor(new long[] {gates * u, 1}, Arrays.copyOfRange(bd.data(), 0, (int) (gates * u))), order, u);
			Tensor rb = rows(new Tensor(new long[] {gates * u, 1}, Arrays.copyOfRange(bd.data(), (int) (gates * u), (int) (2 * gates * u))), order, u);
			if (wd.shape()[0] != f) {
				throw new UnsupportedException("has weights for " + wd.shape()[0] + " features but gets " + f);
			}
			weights.put(prefix + "/W", wd);
			weights.put(prefix + "/U", rd);
			if (op.equals("GRU")) {
				weights.put(prefix + "/b", wb.reshape(gates * u));
				weights.put(prefix + "/bh", rb.reshape(gates * u));
			} else {
				// PyTorch's two biases act as one
				float[] sum = new float[(int) (gates * u)];
				for (int i = 0; i < sum.length; i++) {
					sum[i] = wb.data()[i] + rb.data()[i];
				}
				weights.put(prefix + "/b", new Tensor(new long[] {gates * u}, sum));
			}
		}
		values.put(n.getOutput(0), new Val(l.name, Kind.RNN_Y));
		if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
			values.put(n.getOutput(1), new Val(l.name, Kind.RNN_YH));
		}
		seqShapes.put(l.name, s[0]);
	}

	private final Map<String, Long> seqShapes = new HashMap<>();

	private void useRecurrent(String layer, boolean seq) {
		Boolean before = sequences.put(layer, seq);
		if (before != null && before != seq) {
			throw new UnsupportedException("reads both the outputs per step and the final state of " + layer + ", and a layer gives one");
		}
		Layer l = layers.get(layer);
		long units = l.shape[l.shape.length - 1];
		l.shape = seq ? new long[] {seqShapes.get(layer), units} : new long[] {units};
	}

	private static String recurrentActivation(String op, List<String> acts, int dirs) {
		if (acts.isEmpty()) {
			return "tanh";
		}
		int per = acts.size() / dirs;
		String g = acts.get(op.equals("RNN") ? 0 : 1);
		if (op.equals("LSTM") && (!acts.get(0).equals("Sigmoid") || !acts.get(2).equals(g))
				|| op.equals("GRU") && !acts.get(0).equals("Sigmoid") || dirs == 2 && !acts.subList(0, per).equals(acts.subList(per, 2 * per))) {
			throw new UnsupportedException("uses activations " + acts + " that the recurrent layers cannot take");
		}
		return switch (g) {
		case "Tanh" -> "tanh";
		case "Relu" -> "relu";
		case "Sigmoid" -> "sigmoid";
		case "Softplus" -> "softplus";
		default -> throw new UnsupportedException("uses the activation " + g + ", which the recurrent layers do not take");
		};
	}

	private void resize(NodeProto n) {
		Val x = val(n, 0);
		long[] s = shape(x);
		requireImage(x, s);
		Tensor scales = n.getInputCount() > 2 ? constants.get(in(n, 2)) : n.getInputCount() > 1 ? constants.get(in(n, 1)) : null;
		if (!"nearest".equals(stringAttr(n, "mode", "nearest")) || scales == null || scales.length() != 4) {
			throw new UnsupportedException("only nearest-neighbour upsampling by constant integer factors is imported");
		}
		float fh = scales.data()[2], fw = scales.data()[3];
		if (fh != Math.rint(fh) || fw != Math.rint(fw) || scales.data()[0] != 1 || scales.data()[1] != 1) {
			throw new UnsupportedException("scales by " + Arrays.toString(scales.data()) + ", not integer factors of height and width");
		}
		Layer l = layer(n, "upsample2d", List.of(x.node()), new long[] {s[0], s[1] * (long) fh, s[2] * (long) fw});
		l.main = fh == fw ? Long.toString((long) fh) : pair((long) fh, (long) fw);
		values.put(n.getOutput(0), new Val(l.name, Kind.NORMAL));
	}

	// ---- helpers

	private String lastName;

	private Layer layer(NodeProto n, String kind, List<String> ins, long[] shape) {
		String name = unique(identifier(n.getName(), kind));
		Layer l = new Layer(name, kind, ins, shape);
		layers.put(name, l);
		shapes.put(name, shape);
		lastName = name;
		return l;
	}

	private long[] shape(Val v) {
		long[] s = v.node() == null ? null : layers.containsKey(v.node()) ? layers.get(v.node()).shape : shapes.get(v.node());
		if (s == null) {
			throw new UnsupportedException("reads a tensor whose shape is not known");
		}
		return s;
	}

	private void requireImage(Val x, long[] s) {
		if (s.length != 3) {
			throw new UnsupportedException("needs an image [channels, height, width] but gets " + Arrays.toString(s));
		}
	}

	private boolean single(String tensor) {
		return uses.getOrDefault(tensor, 0) == 1 && !graphOutputs.contains(tensor);
	}

	private static String in(NodeProto n, int i) {
		return i < n.getInputCount() ? n.getInput(i) : "";
	}

	private Val val(NodeProto n, int i) {
		return val(n, i, false);
	}

	private Val val(NodeProto n, int i, boolean anyKind) {
		String name = in(n, i);
		Val v = values.get(name);
		if (v == null) {
			throw new UnsupportedException(constants.containsKey(name) ? "takes a constant " + name + " where a layer takes its input"
					: "reads " + name + ", which no node computes");
		}
		if (!anyKind && v.kind() != Kind.NORMAL) {
			throw new UnsupportedException("reads " + name + ", an intermediate tensor (" + v.kind().name().toLowerCase(Locale.ROOT)
					+ ") that no layer takes");
		}
		return v;
	}

	private Tensor constant(NodeProto n, int i, String what) {
		Tensor t = constants.get(in(n, i));
		if (t == null) {
			throw new UnsupportedException(what + " is computed, not a constant");
		}
		return t;
	}

	private static Tensor slice(Tensor t, int d) {
		long[] s = Arrays.copyOfRange(t.shape(), 1, t.shape().length);
		int n = (int) Tensor.size(s);
		return new Tensor(s, Arrays.copyOfRange(t.data(), d * n, (d + 1) * n));
	}

	/** Row blocks of {@code [gates*u, cols]} in another gate order. */
	private static Tensor rows(Tensor t, int[] order, long u) {
		int cols = (int) t.shape()[1];
		float[] out = new float[t.length()];
		for (int k = 0; k < order.length; k++) {
			System.arraycopy(t.data(), (int) (order[k] * u * cols), out, (int) (k * u * cols), (int) (u * cols));
		}
		return new Tensor(t.shape(), out);
	}

	private static double[] toDoubles(Tensor t) {
		double[] d = new double[t.length()];
		for (int i = 0; i < d.length; i++) {
			d[i] = t.data()[i];
		}
		return d;
	}

	private String unique(String base) {
		String n = base;
		for (int i = 2; !names.add(n); i++) {
			n = base + "_" + i;
		}
		return n;
	}

	/** A .nnet identifier from an ONNX name: {@code /features/features.0/Conv} gives {@code features_0}. */
	static String identifier(String onnxName, String fallback) {
		String s = onnxName == null ? "" : onnxName;
		if (s.startsWith("/")) {
			// PyTorch: /module/path/Op -> the module path
			int last = s.lastIndexOf('/');
			String path = s.substring(1, Math.max(1, last));
			s = path.isEmpty() ? "" : path.substring(path.lastIndexOf('/') + 1);
		}
		s = s.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
		if (s.isEmpty()) {
			s = fallback;
		}
		if (Character.isDigit(s.charAt(0))) {
			s = fallback + "_" + s;
		}
		if (Catalog.entry(s).isPresent() || Set.of("input", "output", "network", "package", "import", "as", "true", "false", "training",
				"dataset", "gan", "autoencoder", "repeat", "of", "token").contains(s)) {
			s = s + "_1";
		}
		return s;
	}

	private static String pair(long a, long b) {
		return a == b ? Long.toString(a) : "(" + a + ", " + b + ")";
	}

	static String number(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e6) {
			return Long.toString((long) v) + ".0";
		}
		String s = Float.toString((float) v);
		return s.replace("E", "e");
	}

	// ---- attributes and tensors

	private static AttributeProto attr(NodeProto n, String name) {
		for (AttributeProto a : n.getAttributeList()) {
			if (a.getName().equals(name)) {
				return a;
			}
		}
		return null;
	}

	private static long intAttr(NodeProto n, String name, long dflt) {
		AttributeProto a = attr(n, name);
		return a == null ? dflt : a.getI();
	}

	private static double floatAttr(NodeProto n, String name, double dflt) {
		AttributeProto a = attr(n, name);
		return a == null ? dflt : a.getF();
	}

	private static String stringAttr(NodeProto n, String name, String dflt) {
		AttributeProto a = attr(n, name);
		return a == null ? dflt : a.getS().toStringUtf8();
	}

	private static List<String> stringsAttr(NodeProto n, String name) {
		AttributeProto a = attr(n, name);
		return a == null ? List.of() : a.getStringsList().stream().map(b -> b.toStringUtf8()).toList();
	}

	private static long[] intsAttr(NodeProto n, String name, long... dflt) {
		AttributeProto a = attr(n, name);
		return a == null ? dflt : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
	}

	static Tensor floats(TensorProto t) {
		long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
		int n = (int) Tensor.size(shape);
		float[] v = new float[n];
		if (!t.getRawData().isEmpty()) {
			ByteBuffer b = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
			for (int i = 0; i < n; i++) {
				v[i] = b.getFloat();
			}
		} else {
			for (int i = 0; i < n; i++) {
				v[i] = t.getFloatData(i);
			}
		}
		return new Tensor(shape, v);
	}

	static long[] longs(TensorProto t) {
		long n = Tensor.size(t.getDimsList().stream().mapToLong(Long::longValue).toArray());
		long[] v = new long[(int) n];
		boolean int32 = t.getDataType() == TensorProto.DataType.INT32.getNumber();
		if (!t.getRawData().isEmpty()) {
			ByteBuffer b = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
			for (int i = 0; i < n; i++) {
				v[i] = int32 ? b.getInt() : b.getLong();
			}
		} else {
			for (int i = 0; i < n; i++) {
				v[i] = int32 ? t.getInt32Data(i) : t.getInt64Data(i);
			}
		}
		return v;
	}

	private static double[] floatsOrLongs(TensorProto t) {
		if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
			return toDoubles(floats(t));
		}
		return Arrays.stream(longs(t)).asDoubleStream().toArray();
	}
}
