package org.nnet.runtime.train;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public static final String FOLDER = CheckpointFiles.FOLDER;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trainer's progress after an epoch. */
    public record Progress(int epoch, double bestLoss, int epochsWithoutImprovement, boolean stopped) {
    }

    private Checkpoints() {
    }

    /** Every checkpoint of a run, oldest first (by epoch number). */
    public static List<Path> list(Path runDir) throws IOException {
        return CheckpointFiles.list(runDir);
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
        boolean done = false;
        try {
            writeZip(tmp, progress, nets, optimizers);
            done = true;
        } finally {
            if (!done) {
                // a full disk: no cut-off .zip.tmp is left beside the intact checkpoints
                Files.deleteIfExists(tmp);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeZip(Path tmp, Progress progress, Map<String, Network> nets, Map<String, Optimizer> optimizers) throws IOException {
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
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray a) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Nd4j.write(buf, a);
        zip.write(buf.toByteArray());
        zip.closeEntry();
    }

    /** A checkpoint that cannot be read whole: cut off by a kill or a full disk, or damaged. */
    static final class DamagedException extends IOException {
        private static final long serialVersionUID = 1L;

        DamagedException(Path checkpoint, String why, Throwable cause) {
            super(checkpoint.getFileName() + " is damaged (" + why + ")", cause);
        }
    }

    /**
     * Restores parameters and optimizer state from a checkpoint and returns its progress. The whole file is
     * read and checked against the model first (every parameter known, of the same shape and type), so a
     * damaged checkpoint or one of another model changes nothing.
     *
     * @throws DamagedException  when the file is not a whole checkpoint
     * @throws TrainingException when it is a checkpoint of another model
     */
    static Progress read(Path checkpoint, Map<String, Network> nets, Map<String, Optimizer> optimizers) throws IOException {
        Progress progress = null;
        Map<String, INDArray> params = new LinkedHashMap<>();
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
                if (parts.length != 3) {
                    throw new DamagedException(checkpoint, "unknown entry " + name, null);
                }
                INDArray a;
                try {
                    a = Nd4j.read(new ByteArrayInputStream(bytes));
                } catch (RuntimeException bad) {
                    throw new DamagedException(checkpoint, "entry " + name + " is not an array", bad);
                }
                if (parts[0].equals("params")) {
                    requireFits(checkpoint, nets, parts[1], parts[2], a);
                    params.put(parts[1] + "/" + parts[2], a);
                } else if (parts[0].equals("optimizer") && optimizers.containsKey(parts[1])) {
                    states.computeIfAbsent(parts[1], k -> new LinkedHashMap<>()).put(parts[2], a);
                } else {
                    throw new TrainingException(checkpoint + " holds " + name
                            + ", which this model does not have: resume only with the program that wrote it.");
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException | com.fasterxml.jackson.core.JacksonException e) {
            throw new DamagedException(checkpoint, e.getMessage(), e);
        }
        if (progress == null) {
            throw new DamagedException(checkpoint, "it has no progress.json", null);
        }
        for (Map.Entry<String, Network> n : nets.entrySet()) {
            for (String p : n.getValue().parameterNames()) {
                if (!params.containsKey(n.getKey() + "/" + p)) {
                    throw new TrainingException(checkpoint + " has no parameter " + p + " of " + n.getKey()
                            + ": it is a checkpoint of another model; resume only with the program that wrote it.");
                }
            }
        }
        params.forEach((k, a) -> {
            String[] np = k.split("/", 2);
            nets.get(np[0]).sd().getVariable(np[1]).getArr().assign(a);
        });
        states.forEach((k, v) -> optimizers.get(k).restore(v));
        return progress;
    }

    /** Throws unless {@code net} of the model has a variable {@code name} of {@code a}'s shape and type. */
    private static void requireFits(Path checkpoint, Map<String, Network> nets, String net, String name, INDArray a) {
        Network n = nets.get(net);
        var v = n == null ? null : n.sd().getVariable(name);
        INDArray mine = v == null ? null : v.getArr();
        if (mine == null) {
            throw new TrainingException(checkpoint + " holds parameter " + name + " of " + net
                    + ", which this model does not have: resume only with the program that wrote it.");
        }
        if (!Arrays.equals(mine.shape(), a.shape()) || mine.dataType() != a.dataType()) {
            throw new TrainingException(checkpoint + " holds " + net + "." + name + " as " + a.dataType() + Arrays.toString(a.shape())
                    + " but this model's is " + mine.dataType() + Arrays.toString(mine.shape())
                    + ": it is a checkpoint of another model; resume only with the program that wrote it.");
        }
    }

}
