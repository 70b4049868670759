package org.nnet.core;

import java.util.Arrays;
import java.util.Objects;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * One finding of shape inference or of a model check: a plain sentence with the fix in it, tied
 * to the model object (and optionally the feature of it) where the user sees it.
 *
 * @param severity error or warning
 * @param code     one of the {@link IssueCodes} constants; a quick fix is registered under it
 * @param message  the sentence shown to the user
 * @param object   the object the problem is on; always inside the element that was checked
 * @param feature  the feature of {@code object} to underline, or {@code null} for the whole object
 * @param data     what a quick fix needs (documented per code in {@link IssueCodes}); never null
 */
public record Problem(Severity severity, String code, String message, EObject object, EStructuralFeature feature,
        String[] data) {

    /** Creates a problem; a null {@code data} becomes an empty array. */
    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        data = data == null ? new String[0] : data.clone();
    }

    /** Returns a copy of the quick-fix data. */
    @Override
    public String[] data() {
        return data.clone();
    }

    /** Whether this is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem p && severity == p.severity && code.equals(p.code) && message.equals(p.message)
                && object == p.object && feature == p.feature && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(severity, code, message, System.identityHashCode(object), feature, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return severity + " " + code + ": " + message + (data.length == 0 ? "" : " " + Arrays.toString(data));
    }
}
