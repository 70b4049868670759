package org.nnet.core.inference;

import java.util.Locale;

/** What a {@link ModelReport} describes. */
public enum ModelKind {
    /** A {@code network}. */
    NETWORK,
    /** An {@code autoencoder}. */
    AUTOENCODER,
    /** A {@code gan}. */
    GAN;

    /** {@code "network"}, {@code "autoencoder"} or {@code "gan"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
