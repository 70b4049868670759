package org.nnet.core.inference;

import org.eclipse.emf.ecore.EObject;
import org.nnet.core.shape.Shape;

/**
 * An input or output of a model with its shape.
 *
 * @param name   the node's name
 * @param shape  its shape ({@link Shape#UNKNOWN} if it could not be inferred)
 * @param source the model object it comes from (an {@code Input}, a {@code Step}), or {@code null}
 */
public record Port(String name, Shape shape, EObject source) {
}
