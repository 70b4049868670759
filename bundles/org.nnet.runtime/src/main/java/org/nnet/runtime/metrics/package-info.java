/**
 * The metrics stream of a training run: one JSON object per line, per batch and per epoch.
 *
 * <p>A line looks like
 * {@code {"type":"batch","epoch":1,"batch":17,"loss":0.42,"accuracy":0.88,"samples_per_sec":5120.3,"time":3.52}}:
 * {@code epoch} and {@code batch} count from 1 ({@code batch} is the number of batches of the epoch
 * on an epoch line), metrics follow by name (validation ones prefixed {@code val_} on epoch lines),
 * {@code time} is seconds since the run started. {@link org.nnet.runtime.metrics.JsonLinesFile}
 * writes {@code metrics.jsonl} in the run folder; {@link org.nnet.runtime.metrics.SocketMetrics}
 * sends the same lines to the IDE over a loopback TCP socket. Jackson's streaming generator
 * writes the JSON, so names and non-finite numbers are always encoded correctly (NaN becomes null).
 */
package org.nnet.runtime.metrics;
