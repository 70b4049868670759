package org.nnet.core.catalog;

/**
 * The allowed interval of a numeric argument; a null bound is open-ended.
 *
 * @param min          lower bound or {@code null}
 * @param minInclusive whether {@code min} itself is allowed
 * @param max          upper bound or {@code null}
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record Range(Double min, boolean minInclusive, Double max, boolean maxInclusive) {

    /** Values greater than zero. */
    public static final Range POSITIVE = new Range(0.0, false, null, false);
    /** Values greater than or equal to zero. */
    public static final Range NON_NEGATIVE = new Range(0.0, true, null, false);
    /** A fraction in {@code [0, 1)}. */
    public static final Range FRACTION = new Range(0.0, true, 1.0, false);
    /** A fraction in {@code (0, 1)}. */
    public static final Range OPEN_FRACTION = new Range(0.0, false, 1.0, false);

    /** Whether {@code v} lies in this range. */
    public boolean contains(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        if (min != null && (minInclusive ? v < min : v <= min)) {
            return false;
        }
        return max == null || (maxInclusive ? v <= max : v < max);
    }

    /** For messages: {@code "greater than 0"}, {@code "in [0, 1)"}. */
    public String describe() {
        if (max == null) {
            return (minInclusive ? "at least " : "greater than ") + format(min);
        }
        if (min == null) {
            return (maxInclusive ? "at most " : "less than ") + format(max);
        }
        return "in " + (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
    }

    private static String format(Double d) {
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
