package dev.nn4j.train.listeners;

import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A console progress bar per epoch, drawn by the optional library
 * {@code me.tongfei:progressbar} (add it to the class path; nn4j-core does not bring it):
 * batches done of the epoch, elapsed time and ETA, the running mean loss of the epoch, the
 * running training accuracy (classification data), samples per second and, when the epoch
 * ends, its validation score and the metrics earlier listeners published:
 * <pre>
 * epoch 3/10  42% [=========&gt;       ] 197/469 (0:00:12 / 0:00:16) loss 0.3121 acc 0.887 1623 samples/s
 * </pre>
 *
 * <p>On a terminal the bar redraws in place every {@value #INTERACTIVE_UPDATE_MILLIS} ms. When
 * the output is not a terminal (CI logs, redirected output) it prints a plain ASCII line every
 * {@value #LOG_UPDATE_MILLIS} ms and one at the end of each epoch. The library redraws from a
 * daemon thread, so a slow console does not slow training.
 */
public final class ProgressBarListener implements TrainingListener {
    /** Redraw interval on a terminal. */
    public static final int INTERACTIVE_UPDATE_MILLIS = 500;
    /** Line interval when the output is not a terminal. */
    public static final int LOG_UPDATE_MILLIS = 10_000;

    private final PrintStream out;
    private final boolean interactive;
    private final int updateMillis;
    private final EpochTimer timer = new EpochTimer();
    private EpochBar bar;
    private double lossSum;
    private long lossSamples;
    private long samplesAtLastBatch;

    /**
     * A bar on {@link System#out}, redrawn in place when the JVM runs on a terminal
     * ({@link System#console()} present), one line per update otherwise.
     *
     * @throws IllegalStateException naming the Maven coordinates when the library is missing
     */
    public ProgressBarListener() {
        this(System.out, System.console() != null);
    }

    /**
     * A bar on {@code out}; {@code interactive} chooses in-place redraws (a terminal) or one
     * line per update (logs).
     *
     * @throws IllegalStateException naming the Maven coordinates when the library is missing
     */
    public ProgressBarListener(PrintStream out, boolean interactive) {
        this(out, interactive, interactive ? INTERACTIVE_UPDATE_MILLIS : LOG_UPDATE_MILLIS);
    }

    /** As {@link #ProgressBarListener(PrintStream, boolean)} with an explicit update interval ({@code >= 1} ms). */
    public ProgressBarListener(PrintStream out, boolean interactive, int updateMillis) {
        OptionalDependency.require("me.tongfei.progressbar.ProgressBar", "ProgressBarListener",
                OptionalDependency.PROGRESSBAR);
        if (updateMillis < 1) {
            throw new IllegalArgumentException("progress bar: update interval must be >= 1 ms, got " + updateMillis);
        }
        this.out = Objects.requireNonNull(out, "progress bar: out");
        this.interactive = interactive;
        this.updateMillis = updateMillis;
    }

    @Override
    public void onEpochBegin(TrainingContext context) {
        closeBar();
        timer.start(context);
        lossSum = 0;
        lossSamples = 0;
        samplesAtLastBatch = context.samplesSeen();
        String task = "epoch " + (context.epoch() + 1) + "/" + context.epochs();
        bar = new TongfeiEpochBar(out, interactive, updateMillis, task, context.batchesPerEpoch());
    }

    @Override
    public void onBatchEnd(TrainingContext context) {
        timer.batchEnd();
        long rows = context.samplesSeen() - samplesAtLastBatch;   // 0 for a skipped batch
        samplesAtLastBatch = context.samplesSeen();
        if (rows > 0) {
            lossSum += context.loss() * rows;
            lossSamples += rows;
        }
        double runningLoss = lossSamples > 0 ? lossSum / lossSamples : Double.NaN;
        bar.update(context.batch() + 1L, message(runningLoss, context, null));
    }

    @Override
    public void onEpochEnd(TrainingContext context) {
        if (bar != null) {
            bar.update(context.batch() + 1L, message(context.epochLoss(), context, context.metrics()));
            closeBar();
        }
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
        closeBar();
    }

    /** Closes the bar so the terminal is left clean when training fails. */
    @Override
    public void onTrainAborted(TrainingContext context, RuntimeException cause) {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** "loss 0.3121 acc 0.887 val 0.41 test_accuracy 0.88 1623 samples/s"; epoch-end extras when {@code metrics} is given. */
    private String message(double loss, TrainingContext context, Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", loss));
        double acc = context.trainingAccuracy();
        if (!Double.isNaN(acc)) {
            sb.append(String.format(Locale.ROOT, " acc %.3f", acc));
        }
        if (metrics != null) {
            if (!Double.isNaN(context.validationScore())) {
                sb.append(String.format(Locale.ROOT, " val %.4g", context.validationScore()));
            }
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                sb.append(String.format(Locale.ROOT, " %s %.4g", e.getKey(), e.getValue()));
            }
        }
        return sb.append(String.format(Locale.ROOT, " %.0f samples/s", timer.samplesPerSecond(context))).toString();
    }
}
