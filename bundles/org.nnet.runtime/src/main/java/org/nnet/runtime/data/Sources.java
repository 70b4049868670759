package org.nnet.runtime.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;


import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The data sources of the language, one factory method per source kind. Paths are resolved by
 * the caller (the generator makes them relative to the {@code .nnet} file).
 */
public final class Sources {
    /** Token that starts {@code target_in} of {@link #reverse}; source tokens are 1..vocab-1. */
    public static final int START_TOKEN = 0;
    /** Vocabulary of text sources: ASCII. */
    public static final int TEXT_VOCAB = 128;

    private Sources() {
    }

    /** MNIST digits: 60k train / 10k test images [1, 28, 28] in [0, 1], one-hot labels over 10. */
    public static DataSource mnist() {
        return BuiltinDatasets::mnist;
    }

    /** Fashion-MNIST: 60k train / 10k test images [1, 28, 28] in [0, 1], one-hot labels over 10. */
    public static DataSource fashionMnist() {
        return BuiltinDatasets::fashionMnist;
    }

    /** The text of Moby-Dick as ASCII tokens in windows of {@code window}; the last 10 % is the test part. */
    public static DataSource mobyDick(int window) {
        return p -> BuiltinDatasets.mobyDick(p, window);
    }

    /**
     * A CSV file with a header row: every column but {@code labelColumn} is a numeric feature; the
     * label column holds class indices (0, 1, …) or class names (sorted to give indices).
     */
    public static DataSource csv(Path file, String labelColumn) {
        return p -> readCsv(file, labelColumn);
    }

    /** An image file and a label file in the IDX format of MNIST; pixels scaled to [0, 1]. */
    public static DataSource idx(Path images, Path labels) {
        return p -> readIdx(images, labels, 10);
    }

    /** A text file as ASCII tokens in windows of {@code window} (stride window/4), target the next token at each step. */
    public static DataSource text(Path file, int window) {
        return p -> {
            requireFile(file);
            try {
                return textWindows(Files.readString(file, StandardCharsets.UTF_8), window, file.toString());
            } catch (IOException | java.io.UncheckedIOException e) {
                throw DataException.in(file, "cannot be read as UTF-8 text (" + e.getMessage() + ").", e);
            }
        };
    }

    /**
     * A folder with one sub-folder per class (sorted by name to give class indices) holding images
     * of one size; grey images give one channel, colour images three, scaled to [0, 1].
     */
    public static DataSource images(Path folder) {
        return p -> readImages(folder);
    }

    /**
     * The synthetic reverse task: {@code source} holds random tokens 1..vocab-1, {@code target} the
     * reversed source, {@code target_in} the target shifted right behind {@link #START_TOKEN}. The
     * train and test parts use different fixed seeds; {@code size} samples each.
     */
    public static DataSource reverse(int vocab, int length, int size) {
        if (vocab < 2 || length < 1 || size < 1) {
            throw new DataException("reverse needs vocab >= 2, length >= 1 and size >= 1 but got vocab " + vocab + ", length "
                    + length + ", size " + size + ".");
        }
        return p -> reverseTask(vocab, length, size, p == Partition.TRAIN ? 0x5EED0001L : 0x5EED0002L);
    }

    // ---------------------------------------------------------------------------------------------

    static void requireFile(Path file) {
        DataProbe.requireFile(file);
    }

    static Dataset readCsv(Path file, String labelColumn) {
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        DataProbe.readCsv(file, labelColumn, (row, label, line) -> {
            rows.add(row);
            labels.add(label);
            lines.add(line);
        });
        ClassNumbering numbering = ClassNumbering.forProgram();
        int[] classes = numbering.number(file, labels, lines.stream().mapToLong(Long::longValue).toArray());
        int nClasses = numbering.width();
        INDArray features = Nd4j.create(rows.toArray(new float[0][]));
        return Dataset.classification(features, oneHot(classes, nClasses));
    }

    static INDArray oneHot(int[] classes, int nClasses) {
        float[][] m = new float[classes.length][nClasses];
        for (int i = 0; i < classes.length; i++) {
            m[i][classes[i]] = 1f;
        }
        return classes.length == 0 ? Nd4j.create(DataType.FLOAT, 0, nClasses) : Nd4j.create(m);
    }

    static Dataset readIdx(Path imagesFile, Path labelsFile, int nClasses) {
        DataProbe.Sample header = DataProbe.idx(imagesFile, labelsFile);
        byte[] images = readAll(imagesFile);
        byte[] labels = readAll(labelsFile);
        int n = (int) header.samples();
        int rows = (int) header.shape()[1];
        int cols = (int) header.shape()[2];
        float[] pixels = new float[n * rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (images[16 + i] & 0xff) / 255f;
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = labels[8 + i] & 0xff;
            if (classes[i] >= nClasses) {
                throw DataException.in(labelsFile, "label " + (i + 1) + " is " + classes[i] + " but must be below " + nClasses + ".");
            }
        }
        return Dataset.classification(Nd4j.create(pixels, new long[] {n, 1, rows, cols}, DataType.FLOAT), oneHot(classes, nClasses));
    }

    private static byte[] readAll(Path file) {
        requireFile(file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw DataException.in(file, "cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** Maps text to ASCII tokens: typographic quotes and dashes to their ASCII look-alikes, the rest of non-ASCII to '?'. */
    public static int[] asciiTokens(String text) {
        int[] out = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int t = switch (c) {
            case '\u2018', '\u2019' -> '\'';
            case '\u201c', '\u201d' -> '"';
            case '\u2013', '\u2014' -> '-';
            case '\r' -> -1;
            default -> c < 128 ? c : '?';
            };
            if (t >= 0) {
                out[n++] = t;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static Dataset textWindows(String text, int window, String where) {
        if (window < 1) {
            throw new DataException(where + ": window must be at least 1 but is " + window + ".");
        }
        int[] tokens = asciiTokens(text);
        int stride = Math.max(1, window / 4);
        if (tokens.length < window + 1) {
            throw new DataException(where + ": the text has " + tokens.length + " characters, fewer than window + 1 = "
                    + (window + 1) + ": use a longer text or a smaller window.");
        }
        int n = (tokens.length - window - 1) / stride + 1;
        int[] x = new int[n * window];
        int[] y = new int[n * window];
        for (int i = 0; i < n; i++) {
            System.arraycopy(tokens, i * stride, x, i * window, window);
            System.arraycopy(tokens, i * stride + 1, y, i * window, window);
        }
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put(Dataset.FEATURES, Nd4j.createFromArray(x).reshape(n, window));
        f.put(Dataset.LABELS, Nd4j.createFromArray(y).reshape(n, window));
        return new Dataset(f, Set.of(Dataset.LABELS));
    }

    static Dataset readImages(Path folder) {
        List<Path> classDirs = DataProbe.classFolders(folder);
        List<float[]> pixels = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        BufferedImage firstImage = null;
        Path first = null;
        for (int c = 0; c < classDirs.size(); c++) {
            for (Path f : DataProbe.imageFiles(classDirs.get(c))) {
                BufferedImage img = DataProbe.readImage(f);
                if (first == null) {
                    first = f;
                    firstImage = img;
                } else {
                    DataProbe.requireSameSize(f, img, first, firstImage);
                }
                pixels.add(pixels(img, DataProbe.channels(firstImage)));
                classes.add(c);
            }
        }
        if (pixels.isEmpty()) {
            throw DataException.in(folder, "has class sub-folders but no images in them.");
        }
        int n = pixels.size();
        int channels = DataProbe.channels(firstImage), h = firstImage.getHeight(), w = firstImage.getWidth();
        float[] all = new float[n * channels * h * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pixels.get(i), 0, all, i * channels * h * w, channels * h * w);
        }
        return Dataset.classification(Nd4j.create(all, new long[] {n, channels, h, w}, DataType.FLOAT),
                oneHot(classes.stream().mapToInt(Integer::intValue).toArray(), classDirs.size()));
    }

    /**
     * The values of an image as the image sources read them: [channels, height, width], grey (1 channel, the
     * first band) or RGB (3 channels), each a byte over 255.
     */
    public static float[] pixels(BufferedImage img, int channels) {
        int h = img.getHeight(), w = img.getWidth();
        float[] out = new float[channels * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (channels == 1) {
                    out[y * w + x] = (img.getRaster().getSample(x, y, 0) & 0xff) / 255f;
                } else {
                    int rgb = img.getRGB(x, y);
                    out[y * w + x] = ((rgb >> 16) & 0xff) / 255f;
                    out[h * w + y * w + x] = ((rgb >> 8) & 0xff) / 255f;
                    out[2 * h * w + y * w + x] = (rgb & 0xff) / 255f;
                }
            }
        }
        return out;
    }

    static Dataset reverseTask(int vocab, int length, int size, long seed) {
        Random r = new Random(seed);
        int[] source = new int[size * length];
        int[] target = new int[size * length];
        int[] targetIn = new int[size * length];
        for (int i = 0; i < size; i++) {
            int o = i * length;
            for (int t = 0; t < length; t++) {
                source[o + t] = 1 + r.nextInt(vocab - 1);
            }
            for (int t = 0; t < length; t++) {
                target[o + t] = source[o + length - 1 - t];
                targetIn[o + t] = t == 0 ? START_TOKEN : target[o + t - 1];
            }
        }
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put("source", Nd4j.createFromArray(source).reshape(size, length));
        f.put("target_in", Nd4j.createFromArray(targetIn).reshape(size, length));
        f.put("target", Nd4j.createFromArray(target).reshape(size, length));
        return new Dataset(f, Set.of("target"));
    }
}
