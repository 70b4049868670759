package org.nnet.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checkpoint files of a run folder, {@code checkpoints/epoch-N.zip}, by name only: JDK classes only,
 * so that {@code nnet train} can look at a run folder without the runtime's dependencies.
 */
public final class CheckpointFiles {
    /** The folder in a run folder. */
    public static final String FOLDER = "checkpoints";

    private CheckpointFiles() {
    }

    /** Every checkpoint of a run, oldest first by epoch number (epoch-10000 after epoch-9999); temporary files are left out. */
    public static List<Path> list(Path runDir) throws IOException {
        Path dir = runDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d{1,9}\\.zip")).sorted(Comparator.comparingInt(CheckpointFiles::epochOf))
                    .toList();
        }
    }

    /** The epoch in a checkpoint's name {@code epoch-N.zip}. */
    static int epochOf(Path checkpoint) {
        String n = checkpoint.getFileName().toString();
        return Integer.parseInt(n.substring("epoch-".length(), n.length() - ".zip".length()));
    }
}
