package org.nnet.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.nnet.core.shape.Shape;
import org.nnet.core.shape.Shape.Dimension;

/** Where two shapes meet: whether they agree, and the shape that keeps what both know. */
final class ShapeMath {

    private ShapeMath() {
    }

    /** The dimension both agree on, or null if they disagree (different sizes, or different names of unknown sizes). */
    static Dimension merge(Dimension a, Dimension b) {
        if (a.size() != null && b.size() != null && !a.size().equals(b.size())) {
            return null;
        }
        if (a.size() == null && b.size() == null && a.name() != null && b.name() != null && !a.name().equals(b.name())) {
            return null;
        }
        return new Dimension(a.name() != null ? a.name() : b.name(), a.size() != null ? a.size() : b.size());
    }

    /** The shape both agree on, or null if they disagree; an unknown shape agrees with anything. */
    static Shape merge(Shape a, Shape b) {
        if (!a.isRankKnown()) {
            return b;
        }
        if (!b.isRankKnown()) {
            return a;
        }
        if (a.rank() != b.rank() || a.isTokens() != b.isTokens()) {
            return null;
        }
        if (a.vocab() != null && b.vocab() != null && !Objects.equals(a.vocab(), b.vocab())) {
            return null;
        }
        List<Dimension> dims = new ArrayList<>(a.rank());
        for (int i = 0; i < a.rank(); i++) {
            Dimension d = merge(a.dim(i), b.dim(i));
            if (d == null) {
                return null;
            }
            dims.add(d);
        }
        return a.isTokens() ? Shape.tokens(dims, a.vocab() != null ? a.vocab() : b.vocab()) : Shape.of(dims);
    }

    /** Whether a value of shape {@code given} may go where {@code expected} is declared. */
    static boolean fits(Shape expected, Shape given) {
        return merge(expected, given) != null;
    }

    static Dimension dim(Long size) {
        return new Dimension(null, size);
    }

    static Shape shape(Long... sizes) {
        List<Dimension> d = new ArrayList<>(sizes.length);
        for (Long s : sizes) {
            d.add(dim(s));
        }
        return Shape.of(d);
    }
}
