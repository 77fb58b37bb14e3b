package dev.nn4j.train.listeners;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the learning curves of a {@link MetricsLog} as one PNG, drawn by the optional
 * library {@code org.knowm.xchart:xchart} (add it to the class path; nn4j-core does not bring
 * it). Left panel: every series named {@code loss} or ending in {@code loss}; right panel:
 * every series whose name contains {@code accuracy} (left out when there is none, and the loss
 * panel takes the full width). X axis: epoch from 1. Non-finite values are left out of a
 * curve. The {@code validation} series is not drawn, since it may be a loss or an accuracy;
 * publish it under a telling name with an {@link EvaluationListener} instead.
 *
 * <p>Draws off screen: sets {@code java.awt.headless=true} when the property is unset, so it
 * works on servers without a display. Costs about a second for the first chart in a JVM
 * (AWT and font start-up).
 */
public final class TrainingCharts {
    /** Width used by {@link #write(MetricsLog, Path)}, pixels. */
    public static final int DEFAULT_WIDTH = 1200;
    /** Height used by {@link #write(MetricsLog, Path)}, pixels. */
    public static final int DEFAULT_HEIGHT = 450;

    private TrainingCharts() {
    }

    /** Writes the curves to {@code png} at {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT} pixels. */
    public static void write(MetricsLog log, Path png) throws IOException {
        write(log, png, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Writes the curves to {@code png}, an image of exactly {@code width x height} pixels
     * (each at least 100), replacing the file.
     *
     * @throws IllegalArgumentException when the log has no epochs or no loss series
     * @throws IllegalStateException naming the Maven coordinates when XChart is missing
     */
    public static void write(MetricsLog log, Path png, int width, int height) throws IOException {
        Objects.requireNonNull(log, "training charts: log");
        Objects.requireNonNull(png, "training charts: png");
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("training charts: size must be at least 100 x 100 pixels, got " + width
                    + " x " + height);
        }
        List<String> losses = select(log, true);
        if (log.epochs() == 0 || losses.isEmpty()) {
            throw new IllegalArgumentException("training charts: nothing to draw; the log needs at least one epoch"
                    + " and a loss series, got " + log);
        }
        OptionalDependency.require("org.knowm.xchart.XYChart", "TrainingCharts", OptionalDependency.XCHART);
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XChartCurves.write(log, losses, select(log, false), png, width, height);
    }

    /** The loss series ({@code losses}) or the accuracy series, in log order. */
    static List<String> select(MetricsLog log, boolean losses) {
        List<String> out = new ArrayList<>();
        for (String name : log.names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (losses ? n.endsWith(MetricsLog.LOSS) : n.contains(MetricsLog.ACCURACY)) {
                out.add(name);
            }
        }
        return out;
    }
}
