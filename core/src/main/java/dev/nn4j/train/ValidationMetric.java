package dev.nn4j.train;

import dev.nn4j.data.Dataset;
import dev.nn4j.model.Model;

/** A number that rates a model on held-out data, for {@link EarlyStopping}. */
@FunctionalInterface
public interface ValidationMetric {

    /** The model's mean loss on the data ({@link Model#loss(Dataset)}); lower is better. */
    ValidationMetric LOSS = Model::loss;

    /** Rates {@code model} on {@code data}. */
    double evaluate(Model model, Dataset data);
}
