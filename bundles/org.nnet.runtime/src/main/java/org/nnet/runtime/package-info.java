/**
 * What generated NNet training programs run on.
 *
 * <p>A program generated from a {@code .nnet} training builds its network as a SameDiff graph
 * (with the small builders of {@link org.nnet.runtime.graph}), loads its data with
 * {@link org.nnet.runtime.data.Sources}, and hands both to a {@link org.nnet.runtime.train.Trainer}
 * with a task ({@link org.nnet.runtime.train.SupervisedTask},
 * {@link org.nnet.runtime.train.AutoencoderTask} or {@link org.nnet.runtime.train.GanTask}).
 * The trainer streams {@link org.nnet.runtime.metrics.MetricsRecord}s to {@code metrics.jsonl}
 * and, when asked, to the IDE's socket.
 *
 * <p>Choices made here, and why:
 * <ul>
 * <li>SameDiff, not DL4J layers: SameDiff uses oneDNN as is, while DL4J 1.0.0-M2.1 silently falls
 * back to slow convolutions; and one graph API covers every layer kind of the language.</li>
 * <li>The runtime applies the optimizer itself on the gradients SameDiff computes, so that each
 * update rule is exactly the one the language reference states, GAN steps can update one
 * network at a time, and optimizer state goes into checkpoints.</li>
 * <li>Plain Java on a plain classpath: ND4J's natives are not OSGi-ready, so the IDE runs training
 * in a child JVM, which should set {@code OMP_NUM_THREADS=1} for small models.</li>
 * </ul>
 */
package org.nnet.runtime;
