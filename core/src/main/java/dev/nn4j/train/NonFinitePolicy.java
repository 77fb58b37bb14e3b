package dev.nn4j.train;

/** What training does when a batch's loss is NaN or infinite. */
public enum NonFinitePolicy {
    /** Throw {@link NonFiniteLossException} before updating, naming epoch, batch and the last finite loss (the default). */
    STOP,
    /** Skip the update for that batch, count it in {@link History#skippedBatches()} and go on. */
    SKIP_BATCH,
    /** Update anyway; the non-finite loss is recorded as it is. */
    IGNORE
}
