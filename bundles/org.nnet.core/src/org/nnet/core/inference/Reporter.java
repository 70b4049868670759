package org.nnet.core.inference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.nnet.core.Problem;
import org.nnet.core.Severity;

/**
 * Collects the problems of one inference run. Keeps only problems on objects inside the root
 * element (a problem elsewhere belongs to that element's own check) and drops repeats, such as
 * those of the copies a {@code repeat} makes.
 */
final class Reporter {

    private final EObject root;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Reporter(EObject root) {
        this.root = root;
    }

    void error(String code, String message, EObject object, EStructuralFeature feature, String... data) {
        add(Severity.ERROR, code, message, object, feature, data);
    }

    void warning(String code, String message, EObject object, EStructuralFeature feature, String... data) {
        add(Severity.WARNING, code, message, object, feature, data);
    }

    void add(Severity severity, String code, String message, EObject object, EStructuralFeature feature, String... data) {
        if (object == null || (root != null && object != root && !EcoreUtil.isAncestor(root, object))) {
            return;
        }
        String key = System.identityHashCode(object) + "|" + code + "|" + message;
        if (seen.add(key)) {
            problems.add(new Problem(severity, code, message, object, feature, data));
        }
    }

    void addAll(List<Problem> ps) {
        for (Problem p : ps) {
            add(p.severity(), p.code(), p.message(), p.object(), p.feature(), p.data());
        }
    }

    List<Problem> problems() {
        return problems;
    }
}
