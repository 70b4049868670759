package org.nnet.runtime.graph;

/**
 * Weight initialisers of the language; biases always start at zero.
 *
 * @param kind which initialiser
 * @param std  standard deviation of {@code normal(std)}
 */
public record Init(Kind kind, double std) {
    /** The initialisers. */
    public enum Kind {
        /** Glorot uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)) */ XAVIER,
        /** He normal: N(0, 2 / fanIn) */ HE,
        /** N(0, std^2) */ NORMAL,
        /** all zero */ ZEROS
    }

    /** The default. */
    public static final Init XAVIER = new Init(Kind.XAVIER, 0);
    /** For relu layers. */
    public static final Init HE = new Init(Kind.HE, 0);
    /** All zero. */
    public static final Init ZEROS = new Init(Kind.ZEROS, 0);

    /** {@code normal(std)}. */
    public static Init normal(double std) {
        return new Init(Kind.NORMAL, std);
    }

    double sample(java.util.Random r, long fanIn, long fanOut) {
        return switch (kind) {
        case XAVIER -> (r.nextDouble() * 2 - 1) * Math.sqrt(6.0 / (fanIn + fanOut));
        case HE -> r.nextGaussian() * Math.sqrt(2.0 / fanIn);
        case NORMAL -> r.nextGaussian() * std;
        case ZEROS -> 0;
        };
    }
}
