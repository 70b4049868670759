package org.nnet.core.inference;

import org.nnet.core.shape.Shape;

/**
 * A field of a dataset: an input to bind to a model input, or a target to compare outputs with.
 *
 * @param name    the field's name ({@code image}, {@code label}, {@code source}, ...)
 * @param shape   the shape of one example of it (a class label is {@code []})
 * @param classes the number of classes of a class-label target (per step for a token target), or {@code null}
 * @param target  whether it is a target rather than an input
 */
public record DataField(String name, Shape shape, Long classes, boolean target) {
}
