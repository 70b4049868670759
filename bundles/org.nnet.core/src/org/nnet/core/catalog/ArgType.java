package org.nnet.core.catalog;

/** The type of value an argument, a property or a network parameter takes. */
public enum ArgType {
    /** An integer, e.g. {@code 64}. */
    INT("an integer"),
    /** A number, e.g. {@code 0.5} or {@code 1e-3}; integers are accepted. */
    FLOAT("a number"),
    /** {@code true} or {@code false}. */
    BOOL("true or false"),
    /** A string, e.g. {@code "data/train.csv"}. */
    STRING("a string"),
    /** An integer {@code k} or a pair {@code (kh, kw)}. */
    INT_OR_PAIR("an integer or a pair (h, w)"),
    /** {@code valid}, {@code same}, an integer or a pair. */
    PADDING("valid, same, an integer or a pair (h, w)"),
    /** A shape, e.g. {@code [1, 28, 28]}. */
    SHAPE("a shape like [1, 28, 28]"),
    /** An activation, e.g. {@code relu} or {@code leakyrelu(0.2)}. */
    ACTIVATION("an activation (linear, relu, leakyrelu, elu, gelu, sigmoid, tanh, softmax, softplus, abs)"),
    /** An initializer, e.g. {@code he}. */
    INITIALIZER("an initializer (xavier, he, normal, zeros)"),
    /** {@code train} or {@code test}. */
    SPLIT("train or test");

    private final String description;

    ArgType(String description) {
        this.description = description;
    }

    /** What values of this type look like, for messages. */
    public String description() {
        return description;
    }
}
