package org.nnet.core;

/** How serious a {@link Problem} is: an error stops generation and training, a warning does not. */
public enum Severity {
    /** The model cannot be built or trained as written. */
    ERROR,
    /** The model works, but something in it is probably a mistake. */
    WARNING
}
