package org.nnet.core.inference;

import java.util.List;

import org.nnet.core.Problem;
import org.nnet.model.Dataset;

/**
 * What checking a dataset declaration found.
 *
 * @param dataset  the dataset
 * @param data     what it gives, or {@code null} if its source is missing or unresolved
 * @param problems errors and warnings on objects inside the dataset
 */
public record DatasetReport(Dataset dataset, DataReport data, List<Problem> problems) {

    /** Creates a report; the list is copied. */
    public DatasetReport {
        problems = List.copyOf(problems);
    }
}
