package dev.nn4j.train;

import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Sequential;

/** A number that rates a model on held-out data, for {@link EarlyStopping}. */
@FunctionalInterface
public interface ValidationMetric {

    /** The model's mean loss on the data ({@link Sequential#loss(Dataset)}); lower is better. */
    ValidationMetric LOSS = Sequential::loss;

    /** Rates {@code model} on {@code data}. */
    double evaluate(Sequential model, Dataset data);
}
