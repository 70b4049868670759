package org.nnet.core.inference;

import java.util.List;

import org.nnet.core.Problem;
import org.nnet.model.Training;

/**
 * What checking a training found.
 *
 * @param training the training
 * @param model    the report of its model, or {@code null} if the model is missing or not a model
 * @param data     what its data gives, or {@code null} if missing
 * @param loss     the loss it trains with (given or the model kind's default), or {@code null}
 * @param problems errors and warnings on objects inside the training
 */
public record TrainingReport(Training training, ModelReport model, DataReport data, String loss, List<Problem> problems) {

    /** Creates a report; the list is copied. */
    public TrainingReport {
        problems = List.copyOf(problems);
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
