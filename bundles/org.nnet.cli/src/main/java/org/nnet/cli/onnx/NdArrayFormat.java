package org.nnet.cli.onnx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * ND4J's binary array format ({@code Nd4j.write} / {@code Nd4j.read}), the entries of a checkpoint, read and
 * written without ND4J: a shape-information buffer ({@code [rank, shape..., strides..., extras, ews, order]}, longs)
 * then a data buffer, each as {@code UTF allocation mode, long length, UTF data type, values} in big-endian order.
 */
public final class NdArrayFormat {
	private static final String ALLOCATION = "MIXED_DATA_TYPES";
	/** The array-type flag ND4J keeps in a float32 array's shape information. */
	private static final long FLOAT_EXTRAS = 8192;

	private NdArrayFormat() {
	}

	/** Reads one array (any floating or integer type becomes float). */
	public static Tensor read(byte[] bytes) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
		long[] info = longs(in);
		int rank = (int) info[0];
		if (info.length < 2 * rank + 4) {
			throw new IOException("not an ND4J array: its shape information is too short");
		}
		long[] shape = new long[rank], strides = new long[rank];
		for (int i = 0; i < rank; i++) {
			shape[i] = info[1 + i];
			strides[i] = info[1 + rank + i];
		}
		in.readUTF();
		long n = in.readLong();
		String type = in.readUTF();
		double[] values = new double[Math.toIntExact(n)];
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (type) {
			case "FLOAT" -> in.readFloat();
			case "DOUBLE" -> in.readDouble();
			case "INT" -> in.readInt();
			case "LONG" -> in.readLong();
			case "HALF", "SHORT" -> in.readShort();
			default -> throw new IOException("ND4J arrays of type " + type + " are not read here");
			};
		}
		// gather in row-major order through the strides (an 'f'-ordered array has other strides)
		float[] out = new float[Math.toIntExact(Tensor.size(shape))];
		int[] idx = new int[rank];
		for (int o = 0; o < out.length; o++) {
			long src = 0;
			for (int i = 0; i < rank; i++) {
				src += idx[i] * strides[i];
			}
			out[o] = (float) values[(int) src];
			for (int i = rank - 1; i >= 0; i--) {
				if (++idx[i] < shape[i]) {
					break;
				}
				idx[i] = 0;
			}
		}
		return new Tensor(shape, out);
	}

	private static long[] longs(DataInputStream in) throws IOException {
		in.readUTF();
		long n = in.readLong();
		String type = in.readUTF();
		long[] v = new long[Math.toIntExact(n)];
		for (int i = 0; i < v.length; i++) {
			v[i] = "INT".equals(type) ? in.readInt() : in.readLong();
		}
		return v;
	}

	/** Writes a float32 array in row-major order, as {@code Nd4j.write} would, for {@code Nd4j.read}. */
	public static byte[] write(Tensor t) {
		try {
			ByteArrayOutputStream buf = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(buf);
			int rank = t.shape().length;
			long[] strides = Tensor.strides(t.shape());
			out.writeUTF(ALLOCATION);
			out.writeLong(2L * rank + 4);
			out.writeUTF("LONG");
			out.writeLong(rank);
			for (long d : t.shape()) {
				out.writeLong(d);
			}
			for (long s : strides) {
				out.writeLong(s);
			}
			out.writeLong(FLOAT_EXTRAS);
			out.writeLong(1);
			out.writeLong('c');
			out.writeUTF(ALLOCATION);
			out.writeLong(t.length());
			out.writeUTF("FLOAT");
			for (float f : t.data()) {
				out.writeFloat(f);
			}
			out.flush();
			return buf.toByteArray();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
