package org.nnet.runtime.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.ImageIO;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sample grids of generative models: after each epoch a GAN's generator and a variational
 * autoencoder's decoder turn a fixed noise batch into images, written to {@code samples/epoch-NNN.png}
 * in the run folder (the IDE's Training view shows the newest).
 */
public final class SampleGrid {

    private SampleGrid() {
    }

    /** {@code RUN_DIR/samples/epoch-NNN.png}. */
    public static Path path(Path runDir, int epoch) {
        return runDir.resolve("samples").resolve(String.format("epoch-%03d.png", epoch));
    }

    /** Writes images {@code [n, c, h, w]} (c = 1 or 3, values clipped to [0, 1]) as a square grid, atomically. */
    public static void write(INDArray images, Path png) {
        int n = (int) images.size(0), c = (int) images.size(1), h = (int) images.size(2), w = (int) images.size(3);
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * (w + 1) + 1, rows * (h + 1) + 1, BufferedImage.TYPE_INT_RGB);
        INDArray a = images.castTo(DataType.FLOAT);
        for (int i = 0; i < n; i++) {
            int ox = 1 + (i % cols) * (w + 1), oy = 1 + (i / cols) * (h + 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = byteOf(a.getDouble(i, 0, y, x));
                    int g = c == 3 ? byteOf(a.getDouble(i, 1, y, x)) : r;
                    int b = c == 3 ? byteOf(a.getDouble(i, 2, y, x)) : r;
                    img.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        try {
            Files.createDirectories(png.getParent());
            Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sample grid " + png + ": " + e.getMessage(), e);
        }
    }

    private static int byteOf(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, Double.isFinite(v) ? v : 0)) * 255);
    }
}
