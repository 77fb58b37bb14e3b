package dev.nn4j.train.listeners;

import dev.nn4j.data.Dataset;
import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import dev.nn4j.train.ValidationMetric;
import java.util.Objects;

/**
 * Rates the model on held-out data after every epoch and publishes the score with
 * {@link TrainingContext#putMetric} under a name, for the listeners after it (progress bar,
 * CSV log, history). Put it first in the listener list. Costs one forward pass over the data
 * per epoch; unlike early stopping it never changes how training runs.
 */
public final class EvaluationListener implements TrainingListener {
    private final String name;
    private final Dataset data;
    private final ValidationMetric metric;

    /** Publishes {@code metric} of the model on {@code data} as {@code name} after every epoch. */
    public EvaluationListener(String name, Dataset data, ValidationMetric metric) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("evaluation listener: name must not be blank, got '" + name + "'");
        }
        this.name = name;
        this.data = Objects.requireNonNull(data, "evaluation listener: data");
        this.metric = Objects.requireNonNull(metric, "evaluation listener: metric");
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        context.model().checkData("evaluation listener '" + name + "'", data);
    }

    @Override
    public void onEpochEnd(TrainingContext context) {
        context.putMetric(name, metric.evaluate(context.model(), data));
    }
}
