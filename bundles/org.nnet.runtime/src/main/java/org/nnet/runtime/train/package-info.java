/**
 * Training loops over SameDiff graphs built with {@link org.nnet.runtime.graph.Network}.
 *
 * <p>A {@link org.nnet.runtime.train.Trainer} runs epochs of batches for a
 * {@link org.nnet.runtime.train.Task} (what one batch does: {@link org.nnet.runtime.train.SupervisedTask},
 * {@link org.nnet.runtime.train.AutoencoderTask}, {@link org.nnet.runtime.train.GanTask}) and owns what
 * all of them share: seeded shuffling and noise, validation, early stopping, metrics records,
 * non-finite value detection, and an atomic checkpoint per epoch that a later run resumes from.
 *
 * <p>Gradients come from SameDiff ({@code calculateGradientsAndOutputs}); the
 * {@link org.nnet.runtime.train.Optimizer} and {@link org.nnet.runtime.train.Regularization} are
 * applied here, so the update rules are exactly the language's and a GAN can update one network
 * at a time. Determinism: batches are shuffled with {@code seed + epoch} and ND4J's generator is
 * reseeded from {@code seed} and the epoch at the start of every epoch, so a resumed run computes
 * the same numbers as an uninterrupted one (on one thread: set {@code OMP_NUM_THREADS=1}).
 */
package org.nnet.runtime.train;
