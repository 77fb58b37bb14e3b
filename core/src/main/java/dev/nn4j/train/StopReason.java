package dev.nn4j.train;

/** Why {@link Trainer#fit} returned. */
public enum StopReason {
    /** Every requested epoch ran. */
    EPOCHS_COMPLETED,
    /** An epoch's mean training loss fell to {@link FitConfig#errorThreshold()} or below. */
    ERROR_THRESHOLD,
    /** {@link FitConfig#maxIterations()} optimizer steps were taken. */
    MAX_ITERATIONS,
    /** {@link FitConfig#timeout()} elapsed. */
    TIMEOUT,
    /** The validation metric stopped improving for {@link EarlyStopping#patience()} epochs. */
    EARLY_STOPPING,
    /** A {@link TrainingListener} called {@link TrainingContext#requestStop()}. */
    LISTENER,
    /**
     * The training thread was interrupted ({@link Thread#interrupt()}): training stopped after the
     * step in progress, with the weights of that step, and the thread's interrupt status is still set.
     */
    INTERRUPTED
}
