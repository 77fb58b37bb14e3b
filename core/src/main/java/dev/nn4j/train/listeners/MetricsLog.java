package dev.nn4j.train.listeners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named per-epoch series, one value per epoch in every series, filled by
 * {@link HistoryListener} and drawn by {@link TrainingCharts}. A series that appears after the
 * first epoch, or skips an epoch, holds NaN for the epochs without a value, so index
 * {@code i} of every series is epoch {@code i + 1}.
 *
 * <p>Unlike {@link dev.nn4j.train.History}, which {@code fit} returns after training, this log
 * grows while training runs and carries whatever listeners publish. Not thread-safe.
 */
public final class MetricsLog {
    /** Mean training loss of the epoch. */
    public static final String LOSS = "loss";
    /** Running training accuracy of the epoch ({@link dev.nn4j.train.TrainingContext#trainingAccuracy()}). */
    public static final String ACCURACY = "accuracy";
    /** The early-stopping score ({@link dev.nn4j.train.TrainingContext#validationScore()}). */
    public static final String VALIDATION = "validation";
    /** Learning rate used in the epoch. */
    public static final String LEARNING_RATE = "learning_rate";
    /** Wall-clock seconds of the epoch, validation included. */
    public static final String SECONDS = "seconds";
    /** Training samples per second of the epoch. */
    public static final String SAMPLES_PER_SECOND = "samples_per_second";

    private final Map<String, List<Double>> series = new LinkedHashMap<>();
    private int epochs;

    /** Appends one epoch: each named value goes to its series (created on first use, NaN-padded). */
    public void append(Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            List<Double> s = series.computeIfAbsent(Objects.requireNonNull(e.getKey(), "metrics log: series name"),
                    k -> new ArrayList<>(Collections.nCopies(epochs, Double.NaN)));
            s.add(e.getValue() == null ? Double.NaN : e.getValue());
        }
        epochs++;
        for (List<Double> s : series.values()) {
            if (s.size() < epochs) {
                s.add(Double.NaN);
            }
        }
    }

    /** Number of epochs appended. */
    public int epochs() {
        return epochs;
    }

    /** The series names, in the order they first appeared. */
    public List<String> names() {
        return List.copyOf(series.keySet());
    }

    /** True when a series called {@code name} exists. */
    public boolean has(String name) {
        return series.containsKey(name);
    }

    /** A copy of the series {@code name}, one value per epoch. */
    public double[] series(String name) {
        List<Double> s = series.get(name);
        if (s == null) {
            throw new IllegalArgumentException("metrics log: no series '" + name + "'; it has " + series.keySet());
        }
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The latest value of series {@code name} (NaN if that epoch had none). */
    public double last(String name) {
        double[] s = series(name);
        if (s.length == 0) {
            throw new IllegalStateException("metrics log: series '" + name + "' is empty");
        }
        return s[s.length - 1];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MetricsLog{epochs=").append(epochs);
        for (String name : series.keySet()) {
            sb.append(", ").append(name).append('=').append(Arrays.toString(series(name)));
        }
        return sb.append('}').toString();
    }
}
