package dev.nn4j.spark;

/**
 * What one synchronisation round of {@link SparkTrainer} did and where its time went.
 * Milliseconds are wall-clock on the driver, except {@code workerMillis}.
 *
 * @param epoch           the epoch, from 0
 * @param round           the round within the epoch, from 0
 * @param steps           optimizer steps the round covered per worker (1 with {@link Sync#GRADIENT})
 * @param examples        examples that went into the round, over all workers
 * @param loss            the example-weighted mean training loss of the round's batches (before their updates)
 * @param broadcastMillis encoding the model as model-file bytes and broadcasting them
 * @param computeMillis   the Spark job: scheduling, every task, and returning the results
 * @param workerMillis    the slowest task's own time: decoding the model, the steps, encoding the result
 * @param aggregateMillis combining the results on the driver (and the optimizer step with {@link Sync#GRADIENT})
 */
public record RoundStats(int epoch, int round, int steps, long examples, double loss, double broadcastMillis,
                         double computeMillis, double workerMillis, double aggregateMillis) {

    /** The whole round: broadcast, compute and aggregate. */
    public double totalMillis() {
        return broadcastMillis + computeMillis + aggregateMillis;
    }
}
