package dev.nn4j.train;

import dev.nn4j.nn.Sequential;

/**
 * The state of a running {@link Trainer#fit}, handed to {@link TrainingListener}s. One
 * object, updated in place. Epochs and batches count from 0.
 */
public final class TrainingContext {
    private final Sequential model;
    private final int epochs;
    int epoch;
    int batch;
    int batchesPerEpoch;
    long step;
    long samplesSeen;
    double loss = Double.NaN;
    double epochLoss = Double.NaN;
    double validationScore = Double.NaN;
    long startNanos;
    StopReason stopReason;
    boolean stopRequested;

    TrainingContext(Sequential model, int epochs, int batchesPerEpoch) {
        this.model = model;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    /** The model being trained. */
    public Sequential model() {
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
