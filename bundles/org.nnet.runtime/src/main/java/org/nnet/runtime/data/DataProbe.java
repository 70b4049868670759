package org.nnet.runtime.data;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * Reads what a data file gives per sample without loading it into ND4J, so that a training's data can
 * be checked against its model before anything trains ({@code nnet train} does this in its own process,
 * which has no ND4J). This class uses the JDK only; {@link Sources} reads the files through the same
 * parsing, so the two cannot disagree. Every problem is a {@link DataException} naming the file, and the
 * line for CSV rows.
 */
public final class DataProbe {

    /**
     * What one sample of a source looks like.
     *
     * @param shape   the shape of one input sample ({@code [features]}, {@code [channels, height, width]}, {@code [window]})
     * @param tokens  whether the input holds token ids (text) rather than numbers
     * @param classes the number of classes of the labels (one-hot width), or 0 if there are no class labels
     * @param samples the number of samples, or -1 when not counted
     * @param what    how the input was found, for messages ({@code "4 feature columns (a, b, c, d)"})
     */
    public record Sample(long[] shape, boolean tokens, int classes, long samples, String what) {
    }

    private DataProbe() {
    }

    // ---- csv

    /** Receives the rows of a CSV file as {@link #readCsv} parses them. */
    interface CsvRows {
        void row(float[] features, String label, long line);
    }

    /** The header of a CSV file: its feature column names. */
    record CsvHeader(List<String> featureColumns) {
    }

    /**
     * Checks every row of a CSV file (numbers in every feature column, as many values as the header has
     * columns, a label in each row) without keeping them.
     */
    public static Sample csv(Path file, String labelColumn) {
        return csv(file, labelColumn, new ClassNumbering());
    }

    /**
     * {@link #csv(Path, String)} numbering the classes with {@code numbering}, which the training data's file
     * set first: the number of classes is the training data's.
     */
    public static Sample csv(Path file, String labelColumn, ClassNumbering numbering) {
        List<String> labels = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        long[] rows = {0};
        CsvHeader header = readCsv(file, labelColumn, (f, l, line) -> {
            rows[0]++;
            labels.add(l);
            lines.add(line);
        });
        numbering.number(file, labels, lines.stream().mapToLong(Long::longValue).toArray());
        int n = numbering.width();
        List<String> cols = header.featureColumns();
        String names = cols.size() <= 6 ? String.join(", ", cols) : String.join(", ", cols.subList(0, 5)) + ", …";
        return new Sample(new long[] {cols.size()}, false, n, rows[0],
                cols.size() + " feature column" + (cols.size() == 1 ? "" : "s") + " (" + names + ")");
    }

    /** Parses a CSV file with a header row, giving each row's features and label to {@code rows}. */
    static CsvHeader readCsv(Path file, String labelColumn, CsvRows rows) {
        requireFile(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw DataException.at(file, 1, "the file is empty but needs a header row naming its columns.");
            }
            List<String> columns = splitCsv(header);
            int labelIndex = columns.indexOf(labelColumn);
            if (labelIndex < 0) {
                throw DataException.at(file, 1, "label column \"" + labelColumn + "\" is not in the header (columns: "
                        + String.join(", ", columns) + ").");
            }
            String line;
            long lineNo = 1;
            long count = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = splitCsv(line);
                if (cells.size() != columns.size()) {
                    throw DataException.at(file, lineNo, "the row has " + cells.size() + " values but the header has "
                            + columns.size() + " columns.");
                }
                float[] row = new float[columns.size() - 1];
                String label = null;
                int j = 0;
                for (int c = 0; c < cells.size(); c++) {
                    String cell = cells.get(c).trim();
                    if (c == labelIndex) {
                        if (cell.isEmpty()) {
                            throw DataException.at(file, lineNo, "the label column \"" + labelColumn + "\" is empty.");
                        }
                        label = cell;
                        continue;
                    }
                    float v;
                    try {
                        v = Float.parseFloat(cell);
                    } catch (NumberFormatException e) {
                        throw DataException.at(file, lineNo, "column \"" + columns.get(c) + "\" holds \"" + cell
                                + "\", which is not a number.");
                    }
                    if (!Float.isFinite(v)) {
                        throw DataException.at(file, lineNo, "column \"" + columns.get(c) + "\" holds \"" + cell
                                + "\", which is not a finite number" + (Float.isNaN(v) ? "" : " in 32-bit floats (at most about 3.4e38)")
                                + ": fix or remove the row.");
                    }
                    row[j++] = v;
                }
                rows.row(row, label, lineNo);
                count++;
            }
            if (count == 0) {
                throw DataException.at(file, lineNo, "the file has a header but no data rows.");
            }
            List<String> features = new ArrayList<>(columns);
            features.remove(labelIndex);
            return new CsvHeader(features);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DataException.in(file, "cannot be read as UTF-8 text (" + e.getMessage() + ").", e);
        }
    }

    /** Splits one CSV line; double quotes protect commas, and "" is a quote inside quotes. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }

    // ---- idx

    /**
     * Reads the headers of an IDX image file and its label file (the first 16 and 8 bytes) and checks them
     * against the files' sizes: the sample shape is {@code [1, rows, cols]} with 10 classes.
     */
    public static Sample idx(Path images, Path labels) {
        ByteBuffer ib = head(images, 16);
        ByteBuffer lb = head(labels, 8);
        if (ib.limit() < 16 || ib.getInt(0) != 0x00000803) {
            throw DataException.in(images, "is not an IDX image file (it should start with the magic number 0x00000803).");
        }
        if (lb.limit() < 8 || lb.getInt(0) != 0x00000801) {
            throw DataException.in(labels, "is not an IDX label file (it should start with the magic number 0x00000801).");
        }
        int n = ib.getInt(4);
        int rows = ib.getInt(8);
        int cols = ib.getInt(12);
        int nLabels = lb.getInt(4);
        long imageBytes = size(images);
        long labelBytes = size(labels);
        if ((long) n * rows * cols + 16 != imageBytes) {
            throw DataException.in(images, "declares " + n + " images of " + rows + "x" + cols + " but holds "
                    + (imageBytes - 16) + " bytes of pixels: the file is truncated or damaged.");
        }
        if ((long) nLabels + 8 != labelBytes) {
            throw DataException.in(labels, "declares " + nLabels + " labels but holds " + (labelBytes - 8)
                    + ": the file is truncated or damaged.");
        }
        if (nLabels != n) {
            throw DataException.in(labels, "has " + nLabels + " labels but " + images + " has " + n
                    + " images: use the label file that belongs to the images.");
        }
        return new Sample(new long[] {1, rows, cols}, false, 10, n, n + " images of " + rows + "x" + cols + " pixels");
    }

    private static ByteBuffer head(Path file, int bytes) {
        requireFile(file);
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(bytes);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read the header
            }
            return b.flip();
        } catch (IOException e) {
            throw DataException.in(file, "cannot be read (" + e.getMessage() + ").", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw DataException.in(file, "cannot be read (" + e.getMessage() + ").", e);
        }
    }

    // ---- images

    /** The class sub-folders of an image folder, sorted by name. */
    static List<Path> classFolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw DataException.in(folder, "no such folder: images(\"folder\") needs a folder with one sub-folder per class.");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(folder)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw DataException.in(folder, "cannot be listed (" + e.getMessage() + ").", e);
        }
        if (classDirs.isEmpty()) {
            throw DataException.in(folder, "has no sub-folders: put the images of each class in a sub-folder named after it.");
        }
        return classDirs;
    }

    /** The files of one class folder, sorted by name. */
    static List<Path> imageFiles(Path classDir) {
        try (Stream<Path> s = Files.list(classDir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw DataException.in(classDir, "cannot be listed (" + e.getMessage() + ").", e);
        }
    }

    /** Reads one image; a file Java cannot read as an image is an error naming it. */
    static BufferedImage readImage(Path f) {
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException e) {
            throw DataException.in(f, "cannot be read as an image (" + e.getMessage() + ").", e);
        }
        if (img == null) {
            throw DataException.in(f, "is not an image that Java can read (PNG, JPEG, GIF, BMP): remove it or convert it.");
        }
        return img;
    }

    /** Throws when {@code img} (read from {@code f}) differs in size or channels from the first image. */
    static void requireSameSize(Path f, BufferedImage img, Path firstFile, BufferedImage first) {
        if (img.getWidth() != first.getWidth() || img.getHeight() != first.getHeight() || channels(img) != channels(first)) {
            throw DataException.in(f, "is " + img.getWidth() + "x" + img.getHeight() + " with " + channels(img) + " channel(s) but "
                    + firstFile + " is " + first.getWidth() + "x" + first.getHeight() + " with " + channels(first)
                    + ": all images must have one size.");
        }
    }

    /** 1 for grey images, 3 for colour ones. */
    static int channels(BufferedImage img) {
        return img.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
    }

    /**
     * Reads the first image of each class folder: the sample shape is {@code [channels, height, width]} of the
     * first, and one class per sub-folder.
     */
    public static Sample images(Path folder) {
        List<Path> classDirs = classFolders(folder);
        BufferedImage first = null;
        Path firstFile = null;
        for (Path dir : classDirs) {
            List<Path> files = imageFiles(dir);
            if (files.isEmpty()) {
                continue;
            }
            BufferedImage img = readImage(files.get(0));
            if (first == null) {
                first = img;
                firstFile = files.get(0);
            } else {
                requireSameSize(files.get(0), img, firstFile, first);
            }
        }
        if (first == null) {
            throw DataException.in(folder, "has class sub-folders but no images in them.");
        }
        return new Sample(new long[] {channels(first), first.getHeight(), first.getWidth()}, false, classDirs.size(), -1,
                "images of " + first.getWidth() + "x" + first.getHeight() + " pixels with " + channels(first) + " channel(s)");
    }

    // ---- text

    /** Checks that a text file can be read and is longer than one window: samples are {@code [window]} tokens of 128. */
    public static Sample text(Path file, int window) {
        requireFile(file);
        if (window < 1) {
            throw new DataException(file + ": window must be at least 1 but is " + window + ".");
        }
        long length;
        try {
            length = Files.readString(file, StandardCharsets.UTF_8).chars().filter(c -> c != '\r').count();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DataException.in(file, "cannot be read as UTF-8 text (" + e.getMessage() + ").", e);
        }
        if (length < window + 1) {
            throw new DataException(file + ": the text has " + length + " characters, fewer than window + 1 = " + (window + 1)
                    + ": use a longer text or a smaller window.");
        }
        return new Sample(new long[] {window}, true, Sources.TEXT_VOCAB, -1, "windows of " + window + " characters");
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DataException.in(file, "no such file: check the path, which is relative to the .nnet file.");
        }
    }
}
