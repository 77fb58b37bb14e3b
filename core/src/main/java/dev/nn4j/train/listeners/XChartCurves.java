package dev.nn4j.train.listeners;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The XChart drawing behind {@link TrainingCharts}: the only class of nn4j that refers to
 * XChart, loaded only after {@link OptionalDependency} found it. Each panel is rendered to an
 * image and pasted into one canvas of the requested size.
 */
final class XChartCurves {
    private XChartCurves() {
    }

    static void write(MetricsLog log, List<String> losses, List<String> accuracies, Path png, int width, int height)
            throws IOException {
        int leftWidth = accuracies.isEmpty() ? width : width / 2;
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(panel(log, losses, "Loss", leftWidth, height), 0, 0, null);
            if (!accuracies.isEmpty()) {
                g.drawImage(panel(log, accuracies, "Accuracy", width - leftWidth, height), leftWidth, 0, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(canvas, "png", png.toFile())) {
            throw new IOException("training charts: no PNG writer available to write " + png);
        }
    }

    private static BufferedImage panel(MetricsLog log, List<String> names, String title, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title + " per epoch").xAxisTitle("epoch")
                .yAxisTitle(title.toLowerCase(Locale.ROOT)).build();
        chart.getStyler().setDecimalPattern("#0.###");
        chart.getStyler().setXAxisDecimalPattern("#0");
        chart.getStyler().setLegendPosition(title.equals("Loss") ? Styler.LegendPosition.InsideNE
                : Styler.LegendPosition.InsideSE);
        for (String name : names) {
            double[] y = log.series(name);
            double[] xs = new double[y.length];
            double[] ys = new double[y.length];
            int n = 0;
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(y[i])) {
                    xs[n] = i + 1;
                    ys[n] = y[i];
                    n++;
                }
            }
            if (n > 0) {
                XYSeries s = chart.addSeries(legend(name), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * The legend of a series: {@code loss} and {@code accuracy} are the training set's, {@code validation} the
     * early-stopping score's; other names (such as {@code test_accuracy}) are shown with spaces.
     */
    static String legend(String name) {
        switch (name) {
            case MetricsLog.LOSS:
                return "training loss";
            case MetricsLog.ACCURACY:
                return "training accuracy";
            case MetricsLog.VALIDATION:
                return "validation score";
            default:
                return name.replace('_', ' ');
        }
    }
}
