package org.nnet.runtime.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the metrics stream to a file, one JSON object per line, flushed after each epoch line so
 * a reader sees whole epochs even if the run is killed.
 */
public final class JsonLinesFile implements MetricsListener {
    /** The file name in a run folder. */
    public static final String FILE_NAME = "metrics.jsonl";

    private final BufferedWriter out;

    private JsonLinesFile(BufferedWriter out) {
        this.out = out;
    }

    /** Starts a new {@code metrics.jsonl} in the run folder, replacing an old one. */
    public static JsonLinesFile create(Path runDir) {
        try {
            Files.createDirectories(runDir);
            return new JsonLinesFile(Files.newBufferedWriter(runDir.resolve(FILE_NAME), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + runDir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Continues the {@code metrics.jsonl} of a resumed run: lines of epochs after
     * {@code lastCompleteEpoch} (written before the run was interrupted) are dropped first, so
     * each epoch appears once; so is a last line cut off by the kill.
     */
    public static JsonLinesFile resume(Path runDir, int lastCompleteEpoch) {
        Path file = runDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                List<String> keep = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                        .filter(l -> epochOf(l) <= lastCompleteEpoch).toList();
                Path tmp = runDir.resolve(FILE_NAME + ".tmp");
                Files.write(tmp, keep, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new JsonLinesFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot continue " + file + ": " + e.getMessage(), e);
        }
    }

    /** The epoch of a line, or {@link Integer#MAX_VALUE} for a line that is not a whole record. */
    private static int epochOf(String line) {
        try {
            return MetricsRecord.fromJson(line).epoch();
        } catch (RuntimeException torn) {
            return Integer.MAX_VALUE;
        }
    }

    /** Reads every record of a {@code metrics.jsonl}. */
    public static List<MetricsRecord> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(MetricsRecord::fromJson).toList();
    }

    @Override
    public void onRecord(MetricsRecord record) {
        try {
            out.write(record.toJson());
            out.write('\n');
            if (record.type() == MetricsRecord.Type.EPOCH) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the metrics file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
