package dev.nn4j.train.listeners;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * An {@link EpochBar} drawn by me.tongfei:progressbar: the only class of nn4j that refers to
 * that library, loaded only after {@link OptionalDependency} found it. The library redraws
 * from its own daemon thread every update interval and computes the ETA.
 *
 * <p>On a terminal the bar is redrawn in place ({@code \r}) with block characters. Otherwise
 * (a CI log, a file) each redraw is an ASCII line of its own, so the log stays readable.
 */
final class TongfeiEpochBar implements EpochBar {
    /** Characters per line when the output is not a terminal. */
    static final int LOG_LINE_WIDTH = 160;

    private final ProgressBar bar;

    TongfeiEpochBar(PrintStream out, boolean interactive, int updateMillis, String task, long batches) {
        ProgressBarConsumer consumer = interactive ? new ConsoleProgressBarConsumer(out) : new LineConsumer(out);
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(batches)
                .setStyle(interactive ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(updateMillis)
                .setConsumer(consumer)
                .build();
    }

    @Override
    public void update(long batchesDone, String message) {
        bar.setExtraMessage(message);
        bar.stepTo(batchesDone);
    }

    @Override
    public void close() {
        bar.close();
    }

    /** Prints every redraw as a line of its own (no carriage return, no cursor movement), skipping repeats. */
    private static final class LineConsumer implements ProgressBarConsumer {
        private final PrintStream out;
        private String previous;

        LineConsumer(PrintStream out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return LOG_LINE_WIDTH;
        }

        @Override
        public void accept(String rendered) {
            String line = rendered.stripTrailing();
            if (!line.equals(previous)) {
                out.println(line);
                out.flush();
                previous = line;
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
