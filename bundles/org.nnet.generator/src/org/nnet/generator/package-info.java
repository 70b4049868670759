/**
 * Generates readable Java training programs from {@code .nnet} trainings, on the NNet runtime.
 *
 * <p>{@link org.nnet.generator.TrainingGenerator} turns one {@code training} into one class (named
 * after the training) whose {@code task(seed)} builds the model statement by statement, one layer a
 * line with its output shape and parameter count from {@code org.nnet.core}'s shape inference in a
 * comment, and whose {@code main} loads the data and trains. {@link org.nnet.generator.ProjectWriter}
 * wraps it in a small standalone Maven project.
 *
 * <p><b>Why every layer is built on SameDiff, not on DL4J's ComputationGraph.</b> ND4J 1.0.0-M2.1
 * offers both. The generated programs use SameDiff graphs (through
 * {@code org.nnet.runtime.graph.Network}) for every layer kind:
 * <ul>
 * <li>Speed: SameDiff calls the oneDNN build of the natives as it is (5-7x faster LeNet-5 epochs),
 * while DL4J's layer API in M2.1 has its helpers off by default, and when they are turned on its
 * oneDNN helper looks up a class M2.1 no longer has and silently falls back to the slow im2col
 * convolution (see BUILD-NOTES.md, ND4J).</li>
 * <li>Coverage: one graph API expresses every layer of the language, including cross-attention,
 * concatenation of named branches, networks used as steps, the reparametrised gaussian layer and a
 * GAN whose generator gradient flows through the discriminator; mixing two APIs per layer kind
 * would need conversions between them at every boundary.</li>
 * <li>Exact update rules: the runtime applies the optimizers of LANGUAGE.md itself on SameDiff's
 * gradients, so Adam's bias correction, l1/l2/max-norm and GAN steps that update one network at a
 * time are the ones the language states, and their state goes into checkpoints.</li>
 * </ul>
 *
 * <p><b>Names and strings from the user's file never become code.</b> Java identifiers are derived
 * by {@link org.nnet.generator.JavaText#identifier} (ASCII letters, digits and {@code _} only, never
 * a keyword), string literals by {@link org.nnet.generator.JavaText#string} (quotes, backslashes and
 * line ends escaped; a doubled backslash cannot start a unicode escape), and comments by
 * {@link org.nnet.generator.JavaText#comment} (printable ASCII without backslash or {@code *}).
 */
package org.nnet.generator;
