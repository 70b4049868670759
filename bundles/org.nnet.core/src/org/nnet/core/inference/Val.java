package org.nnet.core.inference;

import org.nnet.core.shape.Shape;

/**
 * The data at a point of a chain: its shape, the activation last applied (to check losses), and
 * the node that produced it (null when unknown).
 */
record Val(Shape shape, String activation, Raw raw) {

    static final Val UNKNOWN = new Val(Shape.UNKNOWN, null, null);
}
