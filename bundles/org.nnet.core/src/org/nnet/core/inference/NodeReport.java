package org.nnet.core.inference;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.nnet.core.shape.Shape;

/**
 * One node of an inferred network: an input, a layer, a network used as a step (with its own
 * nodes as {@link #children()}), or the {@code gaussian} a variational autoencoder inserts.
 *
 * @param name          the user's name ({@code as c1}) or a generated {@code kind_N}, N counting that kind's
 *                      occurrences in the network from 1 in source order (e.g. {@code dense_2})
 * @param generatedName whether {@code name} was generated
 * @param kind          {@code "input"}, a layer name ({@code "conv2d"}), or the name of the network used as a step
 * @param shape         the output shape ({@link Shape#UNKNOWN} if it could not be inferred)
 * @param trainable     trainable parameters, or {@code null} when unknown (unknown sizes)
 * @param total         trainable plus non-trainable state (batchnorm's running statistics), or {@code null}
 * @param source        the model object it comes from (Input, LayerStep, ...); copies made by {@code repeat}
 *                      share their step
 * @param inputs        the names of the nodes that feed it
 * @param children      for a network used as a step, its nodes (their sources are in that network); else empty
 */
public record NodeReport(String name, boolean generatedName, String kind, Shape shape, Long trainable, Long total,
        EObject source, List<String> inputs, List<NodeReport> children) {

    /** Creates a report; lists are copied. */
    public NodeReport {
        inputs = List.copyOf(inputs);
        children = List.copyOf(children);
    }

    /** Whether this node is a network used as a step. */
    public boolean isNetworkStep() {
        return !children.isEmpty();
    }
}
