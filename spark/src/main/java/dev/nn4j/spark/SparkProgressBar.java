package dev.nn4j.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar per epoch on the driver, counting rounds, drawn by
 * {@code me.tongfei:progressbar} (an optional dependency: add it to the application):
 * <pre>
 * epoch 2/5  40% [====&gt;      ] 12/30 (0:00:03 / 0:00:04) loss 0.4123 3850 examples/s, round 95 ms
 * </pre>
 * On a terminal the bar redraws in place; otherwise (logs) it prints a line per update.
 */
public final class SparkProgressBar implements RoundListener {
    private final PrintStream out;
    private final boolean interactive;
    private ProgressBar bar;
    private int epochs;
    private int roundsPerEpoch;
    private int epoch;
    private double lossSum;
    private long examples;
    private double millis;

    /** A bar on {@link System#out}, redrawn in place when the JVM has a console. */
    public SparkProgressBar() {
        this(System.out, System.console() != null);
    }

    /** A bar on {@code out}: in-place redraws ({@code interactive}) or one line per update. */
    public SparkProgressBar(PrintStream out, boolean interactive) {
        try {
            Class.forName("me.tongfei.progressbar.ProgressBar", false, SparkProgressBar.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("SparkProgressBar needs me.tongfei:progressbar on the driver's class path"
                    + " (Maven: me.tongfei:progressbar:0.10.2)", e);
        }
        this.out = Objects.requireNonNull(out, "progress bar: out");
        this.interactive = interactive;
    }

    @Override
    public void onTrainBegin(int epochs, int roundsPerEpoch) {
        this.epochs = epochs;
        this.roundsPerEpoch = roundsPerEpoch;
        this.epoch = -1;
    }

    @Override
    public void onRoundEnd(RoundStats round) {
        if (round.epoch() != epoch) {
            close();
            epoch = round.epoch();
            lossSum = 0;
            examples = 0;
            millis = 0;
            bar = new ProgressBarBuilder()
                    .setTaskName("epoch " + (epoch + 1) + "/" + epochs)
                    .setInitialMax(roundsPerEpoch)
                    .setStyle(interactive ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(interactive ? 500 : 10_000)
                    .setConsumer(interactive ? new ConsoleProgressBarConsumer(out)
                            : new DelegatingProgressBarConsumer(out::println, 160))
                    .build();
        }
        lossSum += round.loss() * round.examples();
        examples += round.examples();
        millis += round.totalMillis();
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f %.0f examples/s, round %.0f ms",
                lossSum / examples, examples / (millis / 1e3), round.totalMillis()));
        bar.stepTo(round.round() + 1L);
    }

    @Override
    public void onEpochEnd(int epoch, double loss) {
        close();
    }

    @Override
    public void onTrainEnd(SparkFit result) {
        close();
    }

    @Override
    public void onTrainAborted(RuntimeException cause) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
