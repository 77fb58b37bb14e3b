package dev.nn4j.spark;

/** How {@link SparkTrainer}'s workers are kept in step. */
public enum Sync {
    /**
     * Every round is one optimizer step: each worker computes the gradient of its batch, the
     * driver averages them weighted by examples and steps its optimizer. Equal (up to rounding)
     * to single-machine training with a batch of {@code workers · batchSizePerWorker}, for every
     * optimizer (batch norm aside: each worker normalises with its own batch); one Spark job per
     * step, so it pays the synchronisation cost every step.
     */
    GRADIENT,
    /**
     * Every round, each worker takes {@code averagingEvery} local steps from the broadcast
     * parameters; the driver averages the resulting parameters (and, optionally, optimizer
     * state) weighted by examples. The fast path: one Spark job per K steps. With K = 1, SGD and
     * no momentum it equals {@link #GRADIENT}.
     */
    PARAMETERS
}
