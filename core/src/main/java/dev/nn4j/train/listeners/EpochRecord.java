package dev.nn4j.train.listeners;

import dev.nn4j.train.TrainingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named numbers of one finished epoch, as {@link HistoryListener} and
 * {@link CsvLogListener} record them: {@value MetricsLog#LOSS}, {@value MetricsLog#ACCURACY}
 * (only when the data has labels), {@value MetricsLog#VALIDATION} (only with early stopping),
 * {@value MetricsLog#LEARNING_RATE}, {@value MetricsLog#SECONDS},
 * {@value MetricsLog#SAMPLES_PER_SECOND}, then every metric published with
 * {@link TrainingContext#putMetric}.
 */
final class EpochRecord {
    private EpochRecord() {
    }

    /** The values at the end of the epoch timed by {@code timer}, in column order. */
    static Map<String, Double> of(TrainingContext context, EpochTimer timer) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(MetricsLog.LOSS, context.epochLoss());
        if (!Double.isNaN(context.trainingAccuracy())) {
            row.put(MetricsLog.ACCURACY, context.trainingAccuracy());
        }
        if (!Double.isNaN(context.validationScore())) {
            row.put(MetricsLog.VALIDATION, context.validationScore());
        }
        row.put(MetricsLog.LEARNING_RATE, context.learningRate());
        row.put(MetricsLog.SECONDS, timer.seconds());
        row.put(MetricsLog.SAMPLES_PER_SECOND, timer.samplesPerSecond(context));
        row.putAll(context.metrics());
        return row;
    }
}
