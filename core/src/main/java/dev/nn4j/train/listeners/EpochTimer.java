package dev.nn4j.train.listeners;

import dev.nn4j.train.TrainingContext;

/**
 * Wall-clock time and samples of the current epoch, for listeners that report speed. The
 * speed counts training time only (start of the epoch to the end of its last batch); the
 * epoch's seconds also include what runs after the last batch, such as validation.
 */
final class EpochTimer {
    private long startNanos;
    private long lastBatchNanos;
    private long startSamples;

    /** Marks the beginning of an epoch; call from {@code onEpochBegin}. */
    void start(TrainingContext context) {
        startNanos = System.nanoTime();
        lastBatchNanos = startNanos;
        startSamples = context.samplesSeen();
    }

    /** Marks the end of a batch; call from {@code onBatchEnd}. */
    void batchEnd() {
        lastBatchNanos = System.nanoTime();
    }

    /** Seconds since {@link #start}. */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Samples that went into updates since {@link #start}. */
    long samples(TrainingContext context) {
        return context.samplesSeen() - startSamples;
    }

    /** Samples per second of training between {@link #start} and the last {@link #batchEnd}; 0 before the first batch. */
    double samplesPerSecond(TrainingContext context) {
        long nanos = lastBatchNanos - startNanos;
        return nanos > 0 ? samples(context) * 1e9 / nanos : 0;
    }
}
