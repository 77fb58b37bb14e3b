package dev.nn4j.train.listeners;

import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import java.util.Map;

/**
 * The part that {@link HistoryListener} and {@link CsvLogListener} share: time each epoch
 * with an {@link EpochTimer} and hand the epoch's {@link EpochRecord} to {@link #record}.
 */
abstract class EpochRecordingListener implements TrainingListener {
    private final EpochTimer timer = new EpochTimer();

    @Override
    public final void onEpochBegin(TrainingContext context) {
        timer.start(context);
    }

    @Override
    public final void onBatchEnd(TrainingContext context) {
        timer.batchEnd();
    }

    @Override
    public final void onEpochEnd(TrainingContext context) {
        record(EpochRecord.of(context, timer), context);
    }

    /** One epoch's values by column name (loss, accuracy, learning_rate, seconds, ...). */
    abstract void record(Map<String, Double> row, TrainingContext context);
}
