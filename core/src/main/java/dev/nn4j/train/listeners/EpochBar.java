package dev.nn4j.train.listeners;

/** One epoch's progress display, kept behind an interface so that the optional library stays in one class. */
interface EpochBar extends AutoCloseable {

    /** Sets the batches done and the text shown after the bar. */
    void update(long batchesDone, String message);

    /** Draws the final state and releases the display. */
    @Override
    void close();
}
