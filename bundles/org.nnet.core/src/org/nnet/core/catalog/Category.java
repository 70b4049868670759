package org.nnet.core.catalog;

import java.util.Locale;

/**
 * The kind of a built-in name. Its {@link #id()} is what a {@code Builtin} model object carries in
 * its {@code category} attribute.
 */
public enum Category {
    /** A step of a chain: {@code dense}, {@code conv2d}, {@code concat}, ... */
    LAYER("a layer"),
    /** A non-linearity: {@code relu}, {@code softmax}, ... */
    ACTIVATION("an activation"),
    /** A weight initialiser: {@code xavier}, {@code he}, ... */
    INITIALIZER("an initializer"),
    /** A padding mode: {@code valid}, {@code same}. */
    PADDING("a padding"),
    /** An optimiser of a training: {@code sgd}, {@code adam}, ... */
    OPTIMIZER("an optimizer"),
    /** A weight penalty of a training: {@code l1}, {@code l2}, {@code max_norm}. */
    REGULARIZER("a regularizer"),
    /** A loss function: {@code mse}, {@code cross_entropy}, ... */
    LOSS("a loss"),
    /** A training metric: {@code accuracy}, ... */
    METRIC("a metric"),
    /** A data source: {@code mnist}, {@code csv}, ... */
    SOURCE("a data source"),
    /** A dataset split: {@code train}, {@code test}, or {@code split(fraction)} for validation. */
    SPLIT("a split"),
    /** The noise a GAN generator is fed: {@code normal}, {@code uniform}. */
    NOISE("a noise"),
    /** How an autoencoder trains: {@code plain}, {@code denoising}, {@code variational}. */
    AUTOENCODER_KIND("an autoencoder kind"),
    /** An early-stopping rule: {@code patience}. */
    STOPPING("an early-stopping rule"),
    /** An element type of a shape: {@code token}. */
    TYPE("a type");

    private final String article;

    Category(String article) {
        this.article = article;
    }

    /** The lower-case id stored in {@code Builtin.category}, e.g. {@code "autoencoder_kind"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category with an article, for messages: {@code "an activation"}. */
    public String withArticle() {
        return article;
    }

    /** The category with the given {@link #id()}, or {@code null}. */
    public static Category ofId(String id) {
        if (id == null) {
            return null;
        }
        for (Category c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
