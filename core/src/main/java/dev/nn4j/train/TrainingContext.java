package dev.nn4j.train;

import dev.nn4j.model.Model;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of a running {@link Trainer#fit}, handed to {@link TrainingListener}s. One
 * object, updated in place. Epochs and batches count from 0.
 *
 * <p>Besides what the loop tracks itself, listeners may publish per-epoch numbers with
 * {@link #putMetric} (e.g. a test-set accuracy computed at the end of the epoch); listeners
 * later in the list read them from {@link #metrics()}. The map is cleared when an epoch begins.
 */
public final class TrainingContext {
    private final Model model;
    private final int epochs;
    int epoch;
    int batch;
    int batchesPerEpoch;
    long step;
    long samplesSeen;
    double loss = Double.NaN;
    double epochLoss = Double.NaN;
    double validationScore = Double.NaN;
    double validationLoss = Double.NaN;
    double validationAccuracy = Double.NaN;
    long startNanos;
    StopReason stopReason;
    boolean stopRequested;
    long epochCorrect;
    long epochScored;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, Double> metricsView = Collections.unmodifiableMap(metrics);

    TrainingContext(Model model, int epochs, int batchesPerEpoch) {
        this.model = model;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /** The current epoch, from 0. */
    public int epoch() {
        return epoch;
    }

    /** The number of epochs requested. */
    public int epochs() {
        return epochs;
    }

    /** The current batch within the epoch, from 0. */
    public int batch() {
        return batch;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Optimizer steps taken so far. */
    public long step() {
        return step;
    }

    /** Samples that went into an update so far. */
    public long samplesSeen() {
        return samplesSeen;
    }

    /** The loss of the last batch (NaN before the first). */
    public double loss() {
        return loss;
    }

    /** The mean loss of the last completed epoch (NaN before the first). */
    public double epochLoss() {
        return epochLoss;
    }

    /** The early-stopping metric of the last epoch (NaN without early stopping). */
    public double validationScore() {
        return validationScore;
    }

    /** The loss on {@code fit}'s validation data after the last epoch (NaN without validation data). */
    public double validationLoss() {
        return validationLoss;
    }

    /** The accuracy on {@code fit}'s classification validation data after the last epoch (NaN otherwise). */
    public double validationAccuracy() {
        return validationAccuracy;
    }

    /**
     * The running training accuracy of the current epoch: the fraction of samples so far whose
     * largest output, before that batch's update, was their class. Costs one argmax over each
     * batch's outputs. NaN when the data has no class labels (see
     * {@link dev.nn4j.data.Dataset#hasLabels()}) or before the first batch.
     */
    public double trainingAccuracy() {
        return epochScored == 0 ? Double.NaN : (double) epochCorrect / epochScored;
    }

    /**
     * Publishes a number for this epoch under {@code name} (replacing an earlier value of the
     * same name), for the listeners after this one.
     */
    public void putMetric(String name, double value) {
        metrics.put(Objects.requireNonNull(name, "putMetric: name"), value);
    }

    /** The numbers published with {@link #putMetric} during the current epoch, in the order first put; read-only. */
    public Map<String, Double> metrics() {
        return metricsView;
    }

    void beginEpoch(int epoch) {
        this.epoch = epoch;
        epochCorrect = 0;
        epochScored = 0;
        metrics.clear();
    }

    /** The optimizer's current learning rate. */
    public double learningRate() {
        return model.optimizer().learningRate();
    }

    /** Seconds since training began. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Why training stopped; null until {@link TrainingListener#onTrainEnd}. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** Asks training to stop after the current batch ({@link StopReason#LISTENER}). */
    public void requestStop() {
        stopRequested = true;
    }
}
