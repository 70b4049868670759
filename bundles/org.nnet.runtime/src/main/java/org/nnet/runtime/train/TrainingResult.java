package org.nnet.runtime.train;

import java.util.List;

import org.nnet.runtime.metrics.MetricsRecord;

/**
 * What a run did.
 *
 * @param epochsCompleted epochs trained in total, including those before a resume
 * @param epochs          the epoch records of this run (a resumed run has only its own)
 * @param batches         the batch records of this run
 * @param stoppedEarly    whether early stopping ended the run
 */
public record TrainingResult(int epochsCompleted, List<MetricsRecord> epochs, List<MetricsRecord> batches, boolean stoppedEarly) {
    /** The training loss of every batch of this run, in order. */
    public double[] batchLosses() {
        return batches.stream().mapToDouble(r -> r.get("loss")).toArray();
    }
}
