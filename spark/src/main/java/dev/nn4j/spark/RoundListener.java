package dev.nn4j.spark;

/**
 * Callbacks from {@link SparkTrainer#fit}, on the driver, between Spark jobs (so a slow
 * listener delays the next round, never a worker). Every method has an empty default.
 * {@link SparkProgressBar} is the ready-made progress bar.
 */
public interface RoundListener {

    /** Before the first round: epochs to run and rounds in each epoch. */
    default void onTrainBegin(int epochs, int roundsPerEpoch) {
    }

    /** After each round, once the driver's model holds the round's result. */
    default void onRoundEnd(RoundStats round) {
    }

    /** After each epoch with its example-weighted mean training loss. */
    default void onEpochEnd(int epoch, double loss) {
    }

    /** After the last epoch. */
    default void onTrainEnd(SparkFit result) {
    }

    /** Instead of {@link #onTrainEnd} when training fails; the exception is rethrown afterwards. */
    default void onTrainAborted(RuntimeException cause) {
    }
}
