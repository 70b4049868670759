package org.nnet.generator;

import org.eclipse.emf.ecore.EObject;

/**
 * The model cannot be turned into a program: a sentence for the user, and the model object it is
 * about (so a caller can point at a line of the .nnet file).
 */
public final class GeneratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient EObject where;

    /** A problem at a model object (may be null). */
    public GeneratorException(String message, EObject where) {
        super(message);
        this.where = where;
    }

    /** The model object the problem is about, or null. */
    public EObject where() {
        return where;
    }
}
