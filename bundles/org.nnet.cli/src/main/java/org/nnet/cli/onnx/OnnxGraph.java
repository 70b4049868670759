package org.nnet.cli.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.shade.protobuf.ByteString;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

/** Builds an ONNX graph (opset 13, IR 7) node by node with ONNX's protobuf classes (shipped in nd4j-api). */
public final class OnnxGraph {
	/** The operator set written. */
	public static final int OPSET = 13;
	/** The IR version of the protobuf classes. */
	public static final int IR_VERSION = 7;

	private final GraphProto.Builder graph = GraphProto.newBuilder();
	private int nodes;

	/** A graph of the given name. */
	public OnnxGraph(String name) {
		graph.setName(name);
	}

	/** Adds a node; returns its (single) output. */
	public String node(String name, String op, List<String> inputs, String output, AttributeProto... attributes) {
		node(name, op, inputs, List.of(output), attributes);
		return output;
	}

	/** Adds a node with several outputs ("" for an output left out). */
	public void node(String name, String op, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
		NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addAllOutput(outputs);
		for (AttributeProto a : attributes) {
			n.addAttribute(a);
		}
		graph.addNode(n);
		nodes++;
	}

	/** Number of nodes so far. */
	public int nodeCount() {
		return nodes;
	}

	/** A float initializer; returns its name. */
	public String initializer(String name, Tensor t) {
		ByteBuffer b = ByteBuffer.allocate(4 * t.length()).order(ByteOrder.LITTLE_ENDIAN);
		for (float f : t.data()) {
			b.putFloat(f);
		}
		TensorProto.Builder p = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
				.setRawData(ByteString.copyFrom(b.array()));
		for (long d : t.shape()) {
			p.addDims(d);
		}
		graph.addInitializer(p);
		return name;
	}

	/** An int64 1-d initializer (shapes, axes); returns its name. */
	public String longs(String name, long... values) {
		ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (long v : values) {
			b.putLong(v);
		}
		graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
				.addDims(values.length).setRawData(ByteString.copyFrom(b.array())));
		return name;
	}

	/** A graph input or output: element type and shape, the batch axis first and named {@code batch}. */
	public static ValueInfoProto value(String name, TensorProto.DataType type, long[] sampleShape) {
		TensorShapeProto.Builder s = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
		for (long d : sampleShape) {
			s.addDim(d >= 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(d) : TensorShapeProto.Dimension.newBuilder().setDimParam("?"));
		}
		return ValueInfoProto.newBuilder().setName(name)
				.setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(s))).build();
	}

	/** Adds a graph input. */
	public void input(ValueInfoProto v) {
		graph.addInput(v);
	}

	/** Adds a graph output. */
	public void output(ValueInfoProto v) {
		graph.addOutput(v);
	}

	/** The model: this graph, opset 13. */
	public ModelProto model(String producerVersion, String doc) {
		return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("nnet").setProducerVersion(producerVersion)
				.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setDocString(doc).setGraph(graph).build();
	}

	// ---- attributes

	/** An int attribute. */
	public static AttributeProto attr(String name, long v) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
	}

	/** A float attribute. */
	public static AttributeProto attr(String name, double v) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) v).build();
	}

	/** A string attribute. */
	public static AttributeProto attr(String name, String v) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(v)).build();
	}

	/** An ints attribute. */
	public static AttributeProto ints(String name, long... v) {
		AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
		for (long x : v) {
			a.addInts(x);
		}
		return a.build();
	}

	/** A strings attribute. */
	public static AttributeProto strings(String name, String... v) {
		AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
		for (String x : v) {
			a.addStrings(ByteString.copyFromUtf8(x));
		}
		return a.build();
	}

	/** Inputs as a list. */
	public static List<String> in(String... names) {
		return new ArrayList<>(List.of(names));
	}
}
