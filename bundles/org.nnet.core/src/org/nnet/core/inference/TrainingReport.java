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
 * @param loss      the loss it trains with (given or the model kind's default), or {@code null}
 * @param batch     the batch size ({@link #DEFAULT_BATCH} when not given), or {@code null} when it is not a valid size
 * @param optimizer the optimizer's name ({@link #DEFAULT_OPTIMIZER} when not given), or {@code null} when not known
 * @param problems  errors and warnings on objects inside the training
 */
public record TrainingReport(Training training, ModelReport model, DataReport data, String loss, Long batch, String optimizer,
        List<Problem> problems) {

    /** The batch size of a training that does not give one. */
    public static final long DEFAULT_BATCH = 32;

    /** The optimizer of a training that does not give one. */
    public static final String DEFAULT_OPTIMIZER = "adam";

    /** Creates a report; the list is copied. */
    public TrainingReport {
        problems = List.copyOf(problems);
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The estimated memory of training the model at its batch size ({@link Cost#trainingBytes}), or {@code null}. */
    public Long memoryBytes() {
        return model == null || batch == null ? null : Cost.trainingBytes(model, batch, Cost.optimizerSlots(optimizer));
    }
}
