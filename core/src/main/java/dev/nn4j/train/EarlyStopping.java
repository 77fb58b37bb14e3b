package dev.nn4j.train;

import dev.nn4j.data.Dataset;
import java.util.Objects;

/**
 * Stops training when a metric on held-out data has not improved for {@link #patience()}
 * epochs, and by default puts back the weights of the best epoch (kept in tensors allocated
 * once, copied on device). An epoch improves when its score beats the best so far by more
 * than {@link #minDelta()}. Immutable; the {@code with...} methods return modified copies.
 */
public final class EarlyStopping {
    private final Dataset validation;
    private final int patience;
    private final double minDelta;
    private final ValidationMetric metric;
    private final boolean higherIsBetter;
    private final boolean restoreBestWeights;

    private EarlyStopping(Dataset validation, int patience, double minDelta, ValidationMetric metric,
                          boolean higherIsBetter, boolean restoreBestWeights) {
        this.validation = Objects.requireNonNull(validation, "early stopping: validation data");
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping: patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping: minDelta must be >= 0 and finite, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.metric = Objects.requireNonNull(metric, "early stopping: metric");
        this.higherIsBetter = higherIsBetter;
        this.restoreBestWeights = restoreBestWeights;
    }

    /** Watches the mean loss on {@code validation}; stops after {@code patience} epochs without improvement. */
    public static EarlyStopping onValidationLoss(Dataset validation, int patience) {
        return new EarlyStopping(validation, patience, 0, ValidationMetric.LOSS, false, true);
    }

    /** Watches a custom metric; {@code higherIsBetter} for accuracy-like metrics. */
    public static EarlyStopping on(Dataset validation, ValidationMetric metric, boolean higherIsBetter, int patience) {
        return new EarlyStopping(validation, patience, 0, metric, higherIsBetter, true);
    }

    /** A copy with the smallest change that counts as an improvement. */
    public EarlyStopping withMinDelta(double minDelta) {
        return new EarlyStopping(validation, patience, minDelta, metric, higherIsBetter, restoreBestWeights);
    }

    /** A copy that does or does not put back the best weights at the end. */
    public EarlyStopping withRestoreBestWeights(boolean restore) {
        return new EarlyStopping(validation, patience, minDelta, metric, higherIsBetter, restore);
    }

    /** The held-out data. */
    public Dataset validation() {
        return validation;
    }

    /** Epochs without improvement before stopping. */
    public int patience() {
        return patience;
    }

    /** Smallest change that counts as an improvement. */
    public double minDelta() {
        return minDelta;
    }

    /** The metric. */
    public ValidationMetric metric() {
        return metric;
    }

    /** True when larger scores are better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether training ends with the weights of the best epoch. */
    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }

    /** True when {@code score} beats {@code best} by more than {@link #minDelta()}; NaN never improves. */
    boolean improves(double score, double best) {
        if (Double.isNaN(score)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return higherIsBetter ? score > best + minDelta : score < best - minDelta;
    }
}
