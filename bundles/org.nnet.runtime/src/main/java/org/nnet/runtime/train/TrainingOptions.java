package org.nnet.runtime.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.nnet.runtime.metrics.MetricsListener;

/**
 * The settings of a training: what a {@code training} block of the language says, plus where the
 * run writes. Set with the fluent methods, e.g.
 * {@code new TrainingOptions().epochs(3).batch(128).seed(1).optimizer(Optimizer.adam(1e-3)).metrics("accuracy")}.
 */
public final class TrainingOptions {
    private int epochs = 1;
    private int batch = 32;
    private long seed;
    private Optimizer optimizer = Optimizer.adam(1e-3);
    private Regularization regularization = Regularization.NONE;
    private int patience;
    private double minDelta;
    private Path runDir;
    private boolean resume;
    private final Set<String> metrics = new LinkedHashSet<>();
    private final List<MetricsListener> listeners = new ArrayList<>();

    /** {@code epochs:} (default 1). */
    public TrainingOptions epochs(int n) {
        if (n < 1) {
            throw new TrainingException("epochs must be at least 1 but is " + n + ".");
        }
        epochs = n;
        return this;
    }

    /** {@code batch:} (default 32). */
    public TrainingOptions batch(int n) {
        if (n < 1) {
            throw new TrainingException("batch must be at least 1 but is " + n + ".");
        }
        batch = n;
        return this;
    }

    /** {@code seed:} (default 0). */
    public TrainingOptions seed(long s) {
        seed = s;
        return this;
    }

    /** {@code optimizer:} (default adam(1e-3)). */
    public TrainingOptions optimizer(Optimizer o) {
        optimizer = o;
        return this;
    }

    /** {@code regularization:} (default none). */
    public TrainingOptions regularization(Regularization r) {
        regularization = r;
        return this;
    }

    /** {@code patience(n, min_delta: d)}: a validation loss counts as better only when it is lower by more than d. */
    public TrainingOptions minDelta(double d) {
        minDelta = d;
        return this;
    }

    /** {@code early_stopping: patience(n)}: stop after n epochs without a better validation loss; 0 = never. */
    public TrainingOptions patience(int n) {
        patience = n;
        return this;
    }

    /** {@code metrics:} besides the loss: {@code accuracy}, {@code mse}. */
    public TrainingOptions metrics(String... names) {
        metrics.addAll(List.of(names));
        return this;
    }

    /** The run folder for metrics.jsonl, checkpoints, models and samples (none if not set). */
    public TrainingOptions runDir(Path dir) {
        runDir = dir;
        return this;
    }

    /** Continue from the last checkpoint in the run folder, if there is one. */
    public TrainingOptions resume(boolean r) {
        resume = r;
        return this;
    }

    /** Another receiver of metrics records (a socket, a progress bar). */
    public TrainingOptions listener(MetricsListener l) {
        listeners.add(l);
        return this;
    }

    /** Number of epochs. */ public int epochs() { return epochs; }
    /** Batch size. */ public int batch() { return batch; }
    /** Seed. */ public long seed() { return seed; }
    /** Optimizer prototype. */ public Optimizer optimizer() { return optimizer; }
    /** Regularisation. */ public Regularization regularization() { return regularization; }
    /** Early-stopping patience, 0 for none. */ public int patience() { return patience; }
    /** The smallest improvement of the validation loss that counts. */ public double minDelta() { return minDelta; }
    /** Run folder or null. */ public Path runDir() { return runDir; }
    /** Whether to resume. */ public boolean resume() { return resume; }
    /** Extra metrics. */ public Set<String> metrics() { return Set.copyOf(metrics); }
    /** Extra listeners. */ public List<MetricsListener> listeners() { return List.copyOf(listeners); }
}
