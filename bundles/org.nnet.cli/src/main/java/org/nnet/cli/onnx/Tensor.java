package org.nnet.cli.onnx;

import java.util.Arrays;

/**
 * A float array in row-major (C) order with its shape: a parameter on its way between a checkpoint and an
 * ONNX initializer, with the few layout changes the two need.
 */
public record Tensor(long[] shape, float[] data) {

	/** Checks that the data fills the shape. */
	public Tensor {
		if (size(shape) != data.length) {
			throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " cannot hold " + data.length + " values");
		}
	}

	/** A tensor of the given shape filled with one value. */
	public static Tensor filled(float value, long... shape) {
		float[] d = new float[Math.toIntExact(size(shape))];
		Arrays.fill(d, value);
		return new Tensor(shape, d);
	}

	/** Number of elements of a shape. */
	public static long size(long[] shape) {
		long n = 1;
		for (long d : shape) {
			n *= d;
		}
		return n;
	}

	/** The number of values. */
	public int length() {
		return data.length;
	}

	/** Axes permuted: result axis i is this tensor's axis {@code perm[i]} (as ONNX Transpose). */
	public Tensor transpose(int... perm) {
		int r = shape.length;
		long[] outShape = new long[r];
		for (int i = 0; i < r; i++) {
			outShape[i] = shape[perm[i]];
		}
		long[] inStrides = strides(shape);
		float[] out = new float[data.length];
		int[] idx = new int[r];
		for (int o = 0; o < out.length; o++) {
			long src = 0;
			for (int i = 0; i < r; i++) {
				src += idx[i] * inStrides[perm[i]];
			}
			out[o] = data[(int) src];
			for (int i = r - 1; i >= 0; i--) {
				if (++idx[i] < outShape[i]) {
					break;
				}
				idx[i] = 0;
			}
		}
		return new Tensor(outShape, out);
	}

	/** The same values under another shape of the same size. */
	public Tensor reshape(long... newShape) {
		return new Tensor(newShape, data);
	}

	/** Row-major strides of a shape. */
	static long[] strides(long[] shape) {
		long[] s = new long[shape.length];
		long acc = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			s[i] = acc;
			acc *= shape[i];
		}
		return s;
	}

	/** Elements {@code [from, to)} of the last axis of a 2-d tensor {@code [rows, cols]}. */
	public Tensor columns(int from, int to) {
		int rows = (int) shape[0], cols = (int) shape[1], w = to - from;
		float[] out = new float[rows * w];
		for (int i = 0; i < rows; i++) {
			System.arraycopy(data, i * cols + from, out, i * w, w);
		}
		return new Tensor(new long[] {rows, w}, out);
	}

	/** 2-d tensors {@code [rows, c_k]} side by side on the last axis. */
	public static Tensor concatColumns(Tensor... parts) {
		int rows = (int) parts[0].shape[0];
		int cols = 0;
		for (Tensor p : parts) {
			cols += (int) p.shape[1];
		}
		float[] out = new float[rows * cols];
		int at = 0;
		for (Tensor p : parts) {
			int w = (int) p.shape[1];
			for (int i = 0; i < rows; i++) {
				System.arraycopy(p.data, i * w, out, i * cols + at, w);
			}
			at += w;
		}
		return new Tensor(new long[] {rows, cols}, out);
	}

	/** 1-d tensors one after the other. */
	public static Tensor concat(Tensor... parts) {
		int n = 0;
		for (Tensor p : parts) {
			n += p.length();
		}
		float[] out = new float[n];
		int at = 0;
		for (Tensor p : parts) {
			System.arraycopy(p.data, 0, out, at, p.length());
			at += p.length();
		}
		return new Tensor(new long[] {n}, out);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(shape);
	}
}
