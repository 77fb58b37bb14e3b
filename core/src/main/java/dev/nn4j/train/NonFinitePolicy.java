package dev.nn4j.train;

/**
 * What training does when a batch's loss is NaN or infinite, or explodes: exceeds
 * {@link FitConfig#divergenceFactor()} times the first batch loss ({@link DivergedLossException}).
 */
public enum NonFinitePolicy {
    /**
     * Throw {@link NonFiniteLossException} (for an exploding loss its subclass
     * {@link DivergedLossException}) before updating, naming epoch, batch and the last finite loss (the default).
     */
    STOP,
    /**
     * Skip the update for a NaN or infinite batch, count it in {@link History#skippedBatches()} and go on;
     * an exploding finite loss still throws {@link DivergedLossException}.
     */
    SKIP_BATCH,
    /** Update anyway; the loss is recorded as it is and nothing stops training. */
    IGNORE
}
