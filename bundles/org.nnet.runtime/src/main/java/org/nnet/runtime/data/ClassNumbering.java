package org.nnet.runtime.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the labels of the CSV files of one training become class indices, the same in every file. The
 * first file numbered (the training data, which a generated program reads first) fixes the numbering:
 * integer labels are used as they are (0 … max), names are sorted and numbered. Later files (the
 * validation data) use that numbering and may hold fewer classes; a class the first file does not have
 * is an error at its row.
 */
public final class ClassNumbering {
    /** The largest integer label taken as a class index. */
    public static final int MAX_CLASSES = 1 << 16;

    private static ClassNumbering program;

    /** The names of the first file's classes in index order, or null for integer labels. */
    private List<String> names;
    private int width = -1;
    private Path first;

    /**
     * Makes the CSV sources of this program share one numbering (called once by a generated program's
     * {@code ProgramArguments.parse}); without it each file is numbered on its own.
     */
    public static synchronized void startProgram() {
        program = new ClassNumbering();
    }

    /** The numbering shared by this program, or a new one for a single file. */
    static synchronized ClassNumbering forProgram() {
        return program != null ? program : new ClassNumbering();
    }

    /**
     * The class names of this program's CSV labels in index order, once its first CSV file is read; empty for
     * integer labels or before.
     */
    public static synchronized List<String> programNames() {
        return program == null || program.names == null ? List.of() : List.copyOf(program.names);
    }

    /** The width of a one-hot label: the number of classes of the first file. */
    public int width() {
        return width;
    }

    /**
     * The class index of each label of {@code file}; {@code lines[i]} is the line of {@code labels[i]}, for
     * messages.
     *
     * @throws DataException naming the file and line of a label that is out of range or unknown
     */
    public synchronized int[] number(Path file, List<String> labels, long[] lines) {
        int[] out = new int[labels.size()];
        if (width < 0) {
            first = file;
            names = integers(labels) ? null : sortedNames(labels);
        }
        if (names == null) {
            int max = -1;
            for (int i = 0; i < out.length; i++) {
                out[i] = index(file, labels.get(i), lines[i]);
                max = Math.max(max, out[i]);
            }
            if (width < 0) {
                width = max + 1;
            } else {
                for (int i = 0; i < out.length; i++) {
                    if (out[i] >= width) {
                        throw DataException.at(file, lines[i], "the label " + out[i] + " is not a class of the training data " + first
                                + ", whose labels go from 0 to " + (width - 1) + ".");
                    }
                }
            }
            return out;
        }
        Map<String, Integer> index = new TreeMap<>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        width = names.size();
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(labels.get(i));
            if (k == null) {
                throw DataException.at(file, lines[i], "the class \"" + labels.get(i) + "\" is not a class of the training data "
                        + first + " (" + String.join(", ", names.size() <= 8 ? names : names.subList(0, 8)) + (names.size() > 8 ? ", …" : "")
                        + ").");
            }
            out[i] = k;
        }
        return out;
    }

    private static boolean integers(List<String> labels) {
        return labels.stream().allMatch(l -> l.matches("\\d+"));
    }

    private static int index(Path file, String label, long line) {
        if (!label.matches("\\d+")) {
            throw DataException.at(file, line, "the label \"" + label + "\" is not a class index, but the training data's labels are.");
        }
        if (label.length() > 9 || Long.parseLong(label) >= MAX_CLASSES) {
            throw DataException.at(file, line, "the label " + label + " is not a class index: labels are 0, 1, … up to "
                    + (MAX_CLASSES - 1) + " (or class names).");
        }
        return Integer.parseInt(label);
    }

    private static List<String> sortedNames(List<String> labels) {
        return new TreeMap<String, Boolean>(labels.stream().distinct().collect(java.util.stream.Collectors.toMap(l -> l, l -> true)))
                .keySet().stream().toList();
    }
}
