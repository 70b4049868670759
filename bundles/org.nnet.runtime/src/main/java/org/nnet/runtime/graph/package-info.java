/**
 * Builders of SameDiff graphs for the layers of the language, used by generated programs.
 *
 * <p>{@link org.nnet.runtime.graph.Network} wraps one SameDiff graph and tracks the static shape of
 * every node (without the batch axis), so that reshapes inside layers (sequences, attention heads)
 * need no shape inference at run time. Variables of a layer are named {@code layer/W},
 * {@code layer/b}, …, and its output {@code layer}: an error message can then name the layer.
 *
 * <p>Stochastic layers ({@code dropout}, {@code gaussian}) take their randomness from placeholders
 * that the trainer fills ({@link org.nnet.runtime.graph.Network#noiseFeeds}): ND4J 1.0.0-M2.1's
 * dropout op has no gradient and its random ops need static shapes, and feeding the noise from one
 * seeded generator keeps runs reproducible. Weights are initialised from {@code java.util.Random}
 * with the network's seed for the same reason.
 */
package org.nnet.runtime.graph;
