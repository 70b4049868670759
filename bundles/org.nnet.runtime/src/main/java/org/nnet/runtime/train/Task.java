package org.nnet.runtime.train;

import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nnet.runtime.graph.Network;

/**
 * What one training step does for a kind of model. The {@link Trainer} calls
 * {@link #prepare} once, then {@link #trainBatch} per batch, {@link #evaluateBatch} per validation
 * batch and {@link #endEpoch} per epoch.
 */
public interface Task {
    /** The networks trained, by a stable name used in checkpoints and model files. */
    Map<String, Network> networks();

    /** Gives the task its optimizer (to copy per network with {@link Optimizer#fresh()}) and regulariser. */
    void prepare(Optimizer optimizer, Regularization regularization, java.util.Set<String> metrics);

    /** The optimizers in use, by network name, for checkpoints. */
    Map<String, Optimizer> optimizers();

    /**
     * Trains on one batch and returns its metrics, {@code loss} first.
     *
     * @throws NonFiniteValueException when a gradient is NaN or infinite
     */
    Map<String, Double> trainBatch(Map<String, INDArray> batch);

    /** Metrics of one batch without training ({@code loss} first); empty when the task has no validation. */
    Map<String, Double> evaluateBatch(Map<String, INDArray> batch);

    /**
     * Describes where a non-finite value first appears for this batch: the first parameter or node, in
     * graph order, holding NaN or infinity, e.g. {@code "layer dense_1 (variable dense_1/W)"}.
     */
    String locateNonFinite(Map<String, INDArray> batch);

    /** Called after each epoch with its number (from 1) and the run folder (may be null). */
    default void endEpoch(int epoch, Path runDir) {
    }
}
