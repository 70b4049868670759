package org.nnet.runtime.metrics;

/**
 * Receives the metrics of a run as they are made. Listeners run on the training thread: keep them
 * quick. A listener that throws stops the run (tests use this to simulate a crash).
 */
@FunctionalInterface
public interface MetricsListener extends AutoCloseable {
    /** Called after each batch and after each epoch. */
    void onRecord(MetricsRecord record);

    /** Called once when the run ends, normally or not. */
    @Override
    default void close() {
    }
}
