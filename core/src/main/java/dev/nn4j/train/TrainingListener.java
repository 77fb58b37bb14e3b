package dev.nn4j.train;

/**
 * Callbacks from the training loop, for progress bars, logging, charts or custom stop
 * rules. Every method has an empty default. The {@link TrainingContext} is one object
 * updated in place: read it during the call, do not keep it. Listeners run on the training
 * thread, so a slow listener slows training.
 */
public interface TrainingListener {

    /** Before the first epoch. */
    default void onTrainBegin(TrainingContext context) {
    }

    /** Before each epoch, after the learning-rate schedule has been applied. */
    default void onEpochBegin(TrainingContext context) {
    }

    /** After each batch's update (or skip); {@link TrainingContext#loss()} is that batch's loss. */
    default void onBatchEnd(TrainingContext context) {
    }

    /** After each epoch; {@link TrainingContext#epochLoss()} is its mean loss. */
    default void onEpochEnd(TrainingContext context) {
    }

    /** After the last epoch, with {@link TrainingContext#stopReason()} set. */
    default void onTrainEnd(TrainingContext context) {
    }

    /**
     * Instead of {@link #onTrainEnd} when training ends with an exception (e.g. a
     * {@link NonFiniteLossException}), so listeners can release what they hold; the exception
     * is rethrown to the caller afterwards.
     */
    default void onTrainAborted(TrainingContext context, RuntimeException cause) {
    }
}
