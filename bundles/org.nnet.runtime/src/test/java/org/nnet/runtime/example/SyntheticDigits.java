package org.nnet.runtime.example;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.data.Dataset;

/** Tiny stand-in for MNIST: class k lights up a 4x4 block at a place of its own, plus noise. */
public final class SyntheticDigits {
    private SyntheticDigits() {
    }

    /** {@code n} images [1, 28, 28] in [0, 1] with one-hot labels over 10. */
    public static Dataset make(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 784];
        float[] labels = new float[n * 10];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            labels[i * 10 + k] = 1;
            for (int p = 0; p < 784; p++) {
                px[i * 784 + p] = r.nextFloat() * 0.3f;
            }
            int oy = 2 + (k / 5) * 12, ox = 2 + (k % 5) * 5;
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    px[i * 784 + (oy + y) * 28 + ox + x] = 1f;
                }
            }
        }
        return Dataset.classification(Nd4j.create(px, new long[] {n, 1, 28, 28}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {n, 10}, DataType.FLOAT));
    }
}
