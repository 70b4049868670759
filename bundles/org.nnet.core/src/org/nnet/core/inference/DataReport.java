package org.nnet.core.inference;

import java.util.List;

import org.eclipse.emf.ecore.EObject;

/**
 * What a data source or dataset gives.
 *
 * @param sourceName the built-in source at its root ({@code mnist}, {@code csv}, ...), or {@code null} if unknown
 * @param fields     its fields, empty when they cannot be known before reading files
 * @param known      whether the fields are known statically (false for csv, idx, text and images files)
 * @param expression the expression or dataset it was read from
 */
public record DataReport(String sourceName, List<DataField> fields, boolean known, EObject expression) {

    /** Creates a report; the list is copied. */
    public DataReport {
        fields = List.copyOf(fields);
    }

    /** The input fields. */
    public List<DataField> inputs() {
        return fields.stream().filter(f -> !f.target()).toList();
    }

    /** The target fields. */
    public List<DataField> targets() {
        return fields.stream().filter(DataField::target).toList();
    }
}
