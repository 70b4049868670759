package org.nnet.core.inference;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.nnet.core.shape.Shape;

/** A node while a network is inferred; becomes a {@link NodeReport} once names are assigned. */
final class Raw {
    final String kind;
    String userName;
    final Shape shape;
    final Long trainable;
    final Long total;
    final EObject source;
    final List<Raw> inputs = new ArrayList<>(2);
    List<NodeReport> children = List.of();
    boolean consumed;
    String name;
    boolean generated;

    Raw(String kind, Shape shape, Long trainable, Long total, EObject source) {
        this.kind = kind;
        this.shape = shape;
        this.trainable = trainable;
        this.total = total;
        this.source = source;
    }

    NodeReport toReport() {
        List<String> in = new ArrayList<>(inputs.size());
        for (Raw r : inputs) {
            in.add(r.name);
        }
        return new NodeReport(name, generated, kind, shape, trainable, total, source, in, children);
    }
}
