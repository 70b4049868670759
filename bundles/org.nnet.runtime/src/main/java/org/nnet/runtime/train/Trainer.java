package org.nnet.runtime.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.metrics.JsonLinesFile;
import org.nnet.runtime.metrics.MetricsListener;
import org.nnet.runtime.metrics.MetricsRecord;

/**
 * Runs a training: epochs of shuffled batches of a {@link Task}, validation after each epoch,
 * early stopping, a metrics record per batch and per epoch, a checkpoint per epoch, and a stop
 * with a {@link TrainingException} naming epoch, batch and layer when a value becomes NaN or
 * infinite. With {@link TrainingOptions#resume(boolean)} it continues from the run folder's last
 * checkpoint, and {@code metrics.jsonl} keeps each epoch once.
 */
public final class Trainer {
    private final Task task;
    private final TrainingOptions options;

    /** A trainer of the task with the options. */
    public Trainer(Task task, TrainingOptions options) {
        this.task = task;
        this.options = options;
    }

    /**
     * Trains.
     *
     * @param train      training data
     * @param validation validation data, or null
     * @return what the run did
     * @throws TrainingException when training cannot go on
     */
    public TrainingResult fit(Dataset train, Dataset validation) {
        if (train.size() == 0) {
            throw new TrainingException("The training data is empty: check the data set and its take option.");
        }
        task.prepare(options.optimizer(), options.regularization(), options.metrics());
        Path runDir = options.runDir();
        Checkpoints.Progress progress = new Checkpoints.Progress(0, Double.POSITIVE_INFINITY, 0, false);
        RunLock lock = null;
        List<MetricsListener> listeners = new ArrayList<>();
        try {
            if (runDir != null) {
                lock = RunLock.acquire(runDir);
            }
            if (runDir != null && options.resume()) {
                progress = resumeFrom(runDir);
            }
            if (runDir != null) {
                listeners.add(options.resume() ? JsonLinesFile.resume(runDir, progress.epoch()) : JsonLinesFile.create(runDir));
            }
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(lock);
            throw new TrainingException("Cannot use the run folder " + runDir + " (" + e.getMessage() + ").", e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
        listeners.addAll(options.listeners());
        List<MetricsRecord> epochs = new ArrayList<>();
        List<MetricsRecord> batches = new ArrayList<>();
        long start = System.nanoTime();
        boolean stoppedEarly = progress.stopped();
        try {
            for (int epoch = progress.epoch() + 1; epoch <= options.epochs() && !stoppedEarly; epoch++) {
                Nd4j.getRandom().setSeed(options.seed() * 1_000_003L + epoch);
                Dataset.Batches epochBatches = train.batches(options.batch(), options.seed() + epoch);
                Map<String, Double> sums = new LinkedHashMap<>();
                long samples = 0;
                long epochStart = System.nanoTime();
                for (int b = 0; b < epochBatches.size(); b++) {
                    Map<String, INDArray> batch = epochBatches.get(b);
                    long n = batch.values().iterator().next().size(0);
                    long t0 = System.nanoTime();
                    Map<String, Double> m = trainBatch(batch, epoch, b + 1);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    m.forEach((k, v) -> sums.merge(k, v * n, Double::sum));
                    samples += n;
                    MetricsRecord r = new MetricsRecord(MetricsRecord.Type.BATCH, epoch, b + 1, m, n / seconds, since(start));
                    batches.add(r);
                    emit(listeners, r);
                }
                Map<String, Double> em = new LinkedHashMap<>();
                for (Map.Entry<String, Double> e : sums.entrySet()) {
                    em.put(e.getKey(), e.getValue() / samples);
                }
                double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                double monitored = em.getOrDefault("loss", Double.NaN);
                if (validation != null && validation.size() > 0) {
                    Map<String, Double> vm = evaluate(validation);
                    vm.forEach((k, v) -> em.put("val_" + k, v));
                    monitored = vm.getOrDefault("loss", monitored);
                }
                MetricsRecord er = new MetricsRecord(MetricsRecord.Type.EPOCH, epoch, epochBatches.size(), em, samples / epochSeconds,
                        since(start));
                epochs.add(er);
                emit(listeners, er);
                task.endEpoch(epoch, runDir);

                boolean improved = monitored < progress.bestLoss() - options.minDelta();
                int waiting = improved ? 0 : progress.epochsWithoutImprovement() + 1;
                stoppedEarly = options.patience() > 0 && waiting >= options.patience();
                progress = new Checkpoints.Progress(epoch, improved ? monitored : progress.bestLoss(), waiting, stoppedEarly);
                if (runDir != null) {
                    Checkpoints.write(runDir, progress, task.networks(), task.optimizers());
                }
            }
            if (runDir != null) {
                saveModels(runDir);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TrainingException("Cannot write to the run folder " + runDir + ": " + e.getMessage() + ".", e);
        } finally {
            for (MetricsListener l : listeners) {
                try {
                    l.close();
                } catch (UncheckedIOException e) {
                    // a full disk at the last flush: said once, after what stopped the run (if anything did)
                    System.err.println("Cannot finish writing the metrics: " + e.getMessage());
                }
            }
            closeQuietly(lock);
        }
        return new TrainingResult(progress.epoch(), epochs, batches, stoppedEarly);
    }

    /**
     * The progress of the newest checkpoint that reads whole, its parameters loaded: a damaged newer one
     * (cut off by a kill or a full disk) is skipped with a note.
     *
     * @throws TrainingException when the run folder has no checkpoint, or none reads whole
     */
    private Checkpoints.Progress resumeFrom(Path runDir) throws IOException {
        List<Path> all = Checkpoints.list(runDir);
        if (all.isEmpty()) {
            throw new TrainingException(runDir + " has no checkpoint to resume from (no " + Checkpoints.FOLDER
                    + "/epoch-N.zip): start a new run instead.");
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Checkpoints.read(all.get(i), task.networks(), task.optimizers());
            } catch (Checkpoints.DamagedException e) {
                System.err.println("nnet: " + e.getMessage() + (i > 0 ? "; resuming from " + all.get(i - 1).getFileName() + " instead." : "."));
            }
        }
        throw new TrainingException("No checkpoint in " + runDir.resolve(Checkpoints.FOLDER) + " reads whole: start a new run instead.");
    }

    private static void closeQuietly(RunLock lock) {
        if (lock != null) {
            lock.close();
        }
    }

    private Map<String, Double> trainBatch(Map<String, INDArray> batch, int epoch, int b) {
        Map<String, Double> m;
        try {
            m = task.trainBatch(batch);
        } catch (NonFiniteValueException e) {
            throw new TrainingException("Training stopped at epoch " + epoch + ", batch " + b + ": " + e.getMessage()
                    + " became NaN or infinite; lower the learning rate, normalise the inputs or add regularization.");
        }
        Double loss = m.get("loss");
        if (loss == null || !Double.isFinite(loss)) {
            String where = task.locateNonFinite(batch);
            throw new TrainingException("Training stopped at epoch " + epoch + ", batch " + b + ": the loss is " + loss
                    + (where == null ? "" : ", first non-finite in " + where)
                    + "; lower the learning rate, normalise the inputs or add regularization.");
        }
        return m;
    }

    /** Metrics over a whole data set, averaged per sample; empty for tasks without validation. */
    public Map<String, Double> evaluate(Dataset data) {
        Map<String, Double> sums = new LinkedHashMap<>();
        long samples = 0;
        for (Map<String, INDArray> batch : data.batches(options.batch())) {
            long n = batch.values().iterator().next().size(0);
            task.evaluateBatch(batch).forEach((k, v) -> sums.merge(k, v * n, Double::sum));
            samples += n;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            out.put(e.getKey(), e.getValue() / samples);
        }
        return out;
    }

    private void saveModels(Path runDir) {
        task.networks().forEach((name, net) -> {
            try {
                net.sd().save(runDir.resolve(name + ".samediff").toFile(), false);
            } catch (RuntimeException e) {
                System.err.println("The trained " + name + " could not be saved as a SameDiff file (" + e.getMessage()
                        + "); the last checkpoint holds its parameters.");
            }
        });
    }

    private static void emit(List<MetricsListener> listeners, MetricsRecord r) {
        for (MetricsListener l : listeners) {
            l.onRecord(r);
        }
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
