package dev.nn4j.train;

import java.util.Arrays;

/**
 * What {@link Trainer#fit} did: the mean training loss of every epoch, the loss of every
 * batch, the training accuracy per epoch for classification data, the validation loss and
 * accuracy per epoch when {@code fit} had validation data (Keras' {@code loss}, {@code accuracy},
 * {@code val_loss}, {@code val_accuracy}), early stopping's scores, and why it stopped
 * ({@link StopReason#INTERRUPTED} when the thread was interrupted). Immutable.
 */
public final class History {
    private final double[] epochLosses;
    private final double[] stepLosses;
    private final double[] validationScores;
    private final StopReason stopReason;
    private final long steps;
    private final long samplesSeen;
    private final int skippedBatches;
    private final int bestEpoch;
    private final double seconds;
    private final double[] accuracies;
    private final double[] validationLosses;
    private final double[] validationAccuracies;

    /** Per-epoch series of one {@code fit} call: training accuracy, validation loss and accuracy. */
    record Series(double[] accuracies, double[] validationLosses, double[] validationAccuracies) {
    }

    History(double[] epochLosses, double[] stepLosses, double[] validationScores, StopReason stopReason, long steps,
            long samplesSeen, int skippedBatches, int bestEpoch, double seconds, Series series) {
        this.accuracies = series.accuracies();
        this.validationLosses = series.validationLosses();
        this.validationAccuracies = series.validationAccuracies();
        this.epochLosses = epochLosses;
        this.stepLosses = stepLosses;
        this.validationScores = validationScores;
        this.stopReason = stopReason;
        this.steps = steps;
        this.samplesSeen = samplesSeen;
        this.skippedBatches = skippedBatches;
        this.bestEpoch = bestEpoch;
        this.seconds = seconds;
    }

    /** Mean loss per sample of each epoch that ran (a partial last epoch included), a copy. */
    public double[] epochLosses() {
        return epochLosses.clone();
    }

    /** The loss of each batch in order (empty when {@link FitConfig#recordStepLosses()} is off), a copy. */
    public double[] stepLosses() {
        return stepLosses.clone();
    }

    /** The early-stopping metric after each epoch (empty without early stopping), a copy. */
    public double[] validationScores() {
        return validationScores.clone();
    }

    /**
     * The training accuracy of each epoch (the running accuracy of {@link TrainingContext#trainingAccuracy()}
     * at its end), a copy; empty when the data has no class labels.
     */
    public double[] accuracies() {
        return accuracies.clone();
    }

    /**
     * The mean loss on the validation data after each completed epoch, a copy; empty without
     * {@link FitConfig#validationData()} or {@link FitConfig#validationSplit()}.
     */
    public double[] validationLosses() {
        return validationLosses.clone();
    }

    /** The accuracy on classification validation data after each completed epoch, a copy; empty otherwise. */
    public double[] validationAccuracies() {
        return validationAccuracies.clone();
    }

    /** True when training stopped because its thread was interrupted ({@link StopReason#INTERRUPTED}). */
    public boolean interrupted() {
        return stopReason == StopReason.INTERRUPTED;
    }

    /** Number of epochs that ran (started). */
    public int epochs() {
        return epochLosses.length;
    }

    /** The mean loss of the last epoch (NaN if none ran). */
    public double finalLoss() {
        return epochLosses.length == 0 ? Double.NaN : epochLosses[epochLosses.length - 1];
    }

    /** Why training stopped. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** Optimizer steps taken. */
    public long steps() {
        return steps;
    }

    /** Samples used in updates. */
    public long samplesSeen() {
        return samplesSeen;
    }

    /** Batches skipped for a non-finite loss under {@link NonFinitePolicy#SKIP_BATCH}. */
    public int skippedBatches() {
        return skippedBatches;
    }

    /** The 0-based epoch whose weights early stopping kept, or -1 without early stopping. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Wall-clock duration of training in seconds. */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return "History{epochs=" + epochs() + ", finalLoss=" + finalLoss() + ", stop=" + stopReason + ", steps=" + steps
                + ", skipped=" + skippedBatches + ", bestEpoch=" + bestEpoch + ", seconds=" + seconds
                + (epochLosses.length <= 10 ? ", losses=" + Arrays.toString(epochLosses) : "")
                + (validationLosses.length > 0 && validationLosses.length <= 10
                        ? ", validationLosses=" + Arrays.toString(validationLosses) : "") + "}";
    }
}
