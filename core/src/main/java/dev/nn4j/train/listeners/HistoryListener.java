package dev.nn4j.train.listeners;

import dev.nn4j.train.TrainingContext;
import java.util.Map;

/**
 * Records every epoch into a {@link MetricsLog} while training runs: the loss, the training
 * accuracy (classification data), the early-stopping score, learning rate, seconds and
 * samples per second, and whatever earlier listeners published (for example an
 * {@link EvaluationListener}'s test accuracy). Per-batch losses are already in
 * {@link dev.nn4j.train.History#stepLosses()}, so they are not repeated here.
 *
 * <p>One listener per {@code fit} call; a second {@code fit} with the same listener appends to the same log.
 */
public final class HistoryListener extends EpochRecordingListener {
    private final MetricsLog log = new MetricsLog();

    /** The log filled so far; live, not a copy. */
    public MetricsLog log() {
        return log;
    }

    @Override
    void record(Map<String, Double> row, TrainingContext context) {
        log.append(row);
    }
}
