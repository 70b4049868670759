package org.nnet.core.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The shape of the data at a node, without the batch dimension: a list of dimensions, each with
 * an optional name and a size that may be unknown, and for token sequences the vocabulary
 * ({@code [time: 100] of token(vocab: 128)}). {@link #UNKNOWN} stands for a shape whose rank is
 * not known either (after an error). Immutable.
 */
public final class Shape {

    /**
     * One dimension.
     *
     * @param name the dimension's name ({@code time}), or {@code null}
     * @param size its size, or {@code null} when unknown ({@code ?})
     */
    public record Dimension(String name, Long size) {

        /** An unnamed dimension of known size. */
        public static Dimension of(long size) {
            return new Dimension(null, size);
        }

        /** An unnamed dimension of unknown size. */
        public static Dimension unknown() {
            return new Dimension(null, null);
        }

        /** Whether the size is known. */
        public boolean isKnown() {
            return size != null;
        }

        /** The same dimension with another size, keeping the name. */
        public Dimension withSize(Long newSize) {
            return new Dimension(name, newSize);
        }

        @Override
        public String toString() {
            String s = size == null ? "?" : size.toString();
            return name == null ? s : name + ": " + s;
        }
    }

    /** A shape of unknown rank. */
    public static final Shape UNKNOWN = new Shape(null, false, null);

    private final List<Dimension> dims;
    private final boolean tokens;
    private final Long vocab;

    private Shape(List<Dimension> dims, boolean tokens, Long vocab) {
        this.dims = dims;
        this.tokens = tokens;
        this.vocab = vocab;
    }

    /** A shape of known sizes: {@code Shape.of(1, 28, 28)}. */
    public static Shape of(long... sizes) {
        List<Dimension> d = new ArrayList<>(sizes.length);
        for (long s : sizes) {
            d.add(Dimension.of(s));
        }
        return new Shape(Collections.unmodifiableList(d), false, null);
    }

    /** A shape of the given dimensions. */
    public static Shape of(List<Dimension> dims) {
        return new Shape(List.copyOf(dims), false, null);
    }

    /** A token sequence shape {@code [dims] of token(vocab: vocab)}; {@code vocab} may be unknown. */
    public static Shape tokens(List<Dimension> dims, Long vocab) {
        return new Shape(List.copyOf(dims), true, vocab);
    }

    /** Whether the rank is known (false only for {@link #UNKNOWN}). */
    public boolean isRankKnown() {
        return dims != null;
    }

    /** The number of dimensions, or -1 for {@link #UNKNOWN}. */
    public int rank() {
        return dims == null ? -1 : dims.size();
    }

    /** The dimensions (empty for {@link #UNKNOWN}). */
    public List<Dimension> dims() {
        return dims == null ? List.of() : dims;
    }

    /** The dimension at {@code i}. */
    public Dimension dim(int i) {
        return dims.get(i);
    }

    /** The size at {@code i}, or {@code null} when unknown or out of range. */
    public Long size(int i) {
        return dims == null || i < 0 || i >= dims.size() ? null : dims.get(i).size();
    }

    /** The size of the last dimension, or {@code null}. */
    public Long last() {
        return size(rank() - 1);
    }

    /** Whether the elements are tokens of a vocabulary. */
    public boolean isTokens() {
        return tokens;
    }

    /** The vocabulary of a token shape, or {@code null}. */
    public Long vocab() {
        return vocab;
    }

    /** Whether the rank and every size are known. */
    public boolean isFullyKnown() {
        if (dims == null) {
            return false;
        }
        for (Dimension d : dims) {
            if (d.size() == null) {
                return false;
            }
        }
        return true;
    }

    /** The product of the sizes, or {@code null} if one is unknown or it overflows a long. */
    public Long product() {
        if (dims == null) {
            return null;
        }
        long p = 1;
        for (Dimension d : dims) {
            if (d.size() == null) {
                return null;
            }
            try {
                p = Math.multiplyExact(p, d.size());
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return p;
    }

    /** The same dimensions without the token element type. */
    public Shape withoutTokens() {
        return dims == null ? this : new Shape(dims, false, null);
    }

    /** Whether the sizes (and token vocabularies) are equal and all known, ignoring names. */
    public boolean sameSizes(Shape other) {
        if (other == null || dims == null || other.dims == null || dims.size() != other.dims.size()
                || tokens != other.tokens || !Objects.equals(vocab, other.vocab)) {
            return false;
        }
        for (int i = 0; i < dims.size(); i++) {
            Long a = dims.get(i).size();
            if (a == null || !a.equals(other.dims.get(i).size())) {
                return false;
            }
        }
        return true;
    }

    /** The shape without dimension names, e.g. {@code [100, 32]}. */
    public String toSizesString() {
        if (dims == null) {
            return "?";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(dims.get(i).size() == null ? "?" : dims.get(i).size().toString());
        }
        b.append(']');
        appendTokens(b);
        return b.toString();
    }

    private void appendTokens(StringBuilder b) {
        if (tokens) {
            b.append(" of token(vocab: ").append(vocab == null ? "?" : vocab.toString()).append(')');
        }
    }

    /** As written in a .nnet file: {@code [1, 28, 28]}, {@code [time: 100] of token(vocab: 128)}, {@code [?, 14, 14]}. */
    @Override
    public String toString() {
        if (dims == null) {
            return "?";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(dims.get(i));
        }
        b.append(']');
        appendTokens(b);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Objects.equals(dims, s.dims) && tokens == s.tokens && Objects.equals(vocab, s.vocab);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dims, tokens, vocab);
    }
}
