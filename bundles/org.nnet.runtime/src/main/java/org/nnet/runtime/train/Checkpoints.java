package org.nnet.runtime.train;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.graph.Network;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checkpoints in {@code <run>/checkpoints/epoch-NNNN.zip}: the parameters of every network, the
 * optimizers' state and the trainer's progress ({@code progress.json}). Each is written to a
 * temporary file and then moved into place with ATOMIC_MOVE, so a checkpoint that exists is
 * complete, whenever the process is killed.
 */
public final class Checkpoints {
    /** The folder in a run folder. */
    public static final String FOLDER = "checkpoints";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trainer's progress after an epoch. */
    public record Progress(int epoch, double bestLoss, int epochsWithoutImprovement, boolean stopped) {
    }

    private Checkpoints() {
    }

    /** Every checkpoint of a run, oldest first. */
    public static List<Path> list(Path runDir) throws IOException {
        Path dir = runDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.zip")).sorted().toList();
        }
    }

    /** The newest checkpoint, if any. */
    public static Optional<Path> latest(Path runDir) throws IOException {
        List<Path> all = list(runDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    static void write(Path runDir, Progress progress, Map<String, Network> nets, Map<String, Optimizer> optimizers) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve(FOLDER));
        Path target = dir.resolve(String.format("epoch-%04d.zip", progress.epoch()));
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            zip.putNextEntry(new ZipEntry("progress.json"));
            zip.write(JSON.writeValueAsBytes(progress));
            zip.closeEntry();
            for (Map.Entry<String, Network> n : nets.entrySet()) {
                List<String> saved = new java.util.ArrayList<>(n.getValue().parameterNames());
                saved.addAll(n.getValue().stateNames());
                for (String p : saved) {
                    putArray(zip, "params/" + n.getKey() + "/" + p, n.getValue().sd().getVariable(p).getArr());
                }
            }
            for (Map.Entry<String, Optimizer> o : optimizers.entrySet()) {
                for (Map.Entry<String, INDArray> s : o.getValue().state().entrySet()) {
                    putArray(zip, "optimizer/" + o.getKey() + "/" + s.getKey(), s.getValue());
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray a) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Nd4j.write(buf, a);
        zip.write(buf.toByteArray());
        zip.closeEntry();
    }

    /** Restores parameters and optimizer state from a checkpoint and returns its progress. */
    static Progress read(Path checkpoint, Map<String, Network> nets, Map<String, Optimizer> optimizers) throws IOException {
        Progress progress = null;
        Map<String, Map<String, INDArray>> states = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(checkpoint); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = zip.readAllBytes();
                String name = e.getName();
                if (name.equals("progress.json")) {
                    progress = JSON.readValue(bytes, Progress.class);
                    continue;
                }
                String[] parts = name.split("/", 3);
                INDArray a = Nd4j.read(new ByteArrayInputStream(bytes));
                if (parts[0].equals("params")) {
                    Network n = nets.get(parts[1]);
                    if (n == null || n.sd().getVariable(parts[2]) == null) {
                        throw new TrainingException(checkpoint + " holds parameter " + parts[2] + " of " + parts[1]
                                + ", which this model does not have: resume only with the program that wrote it.");
                    }
                    n.sd().getVariable(parts[2]).getArr().assign(a);
                } else {
                    states.computeIfAbsent(parts[1], k -> new LinkedHashMap<>()).put(parts[2], a);
                }
            }
        }
        states.forEach((k, v) -> optimizers.get(k).restore(v));
        if (progress == null) {
            throw new TrainingException(checkpoint + " has no progress.json: it is not a checkpoint of this runtime.");
        }
        return progress;
    }

}
