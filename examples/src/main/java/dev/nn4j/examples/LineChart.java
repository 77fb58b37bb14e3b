package dev.nn4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart written as PNG with XChart: the demos' cost, error and fitness curves. Add
 * series, then {@link #write}. Non-finite points are left out; on a logarithmic axis so are
 * values that are not positive (an error that reached exactly zero). A logarithmic axis that
 * spans less than two decades is labelled at 1-9 times each power of ten, not only at the
 * powers, so it always shows several tick labels. The legend is drawn only for several series.
 */
final class LineChart {
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final boolean logY;
    private final List<Object[]> series = new ArrayList<>();

    LineChart(String title, String xTitle, String yTitle, boolean logY) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.logY = logY;
    }

    /** A series of {@code y[i]} at x = {@code x0 + i * dx}. */
    LineChart add(String name, double[] y, double x0, double dx) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = x0 + i * dx;
        }
        series.add(new Object[] {name, x, y});
        return this;
    }

    /** A series of {@code y[i]} at {@code x[i]}. */
    LineChart add(String name, double[] y, double[] x) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("line chart: " + y.length + " values at " + x.length + " positions");
        }
        series.add(new Object[] {name, x.clone(), y.clone()});
        return this;
    }

    /** Decades between the smallest and the largest positive finite value of all series. */
    private double decades() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Object[] s : series) {
            for (double v : (double[]) s[2]) {
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 ? Math.log10(max / min) : 0;
    }

    /** Writes the chart to {@code png}, exactly {@code width x height} pixels. */
    void write(Path png, int width, int height) throws IOException {
        Pictures.headless();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(!logY || decades() >= 2);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setDecimalPattern("#0.####");
        chart.getStyler().setXAxisDecimalPattern("#0");
        for (Object[] s : series) {
            double[] x = (double[]) s[1];
            double[] y = (double[]) s[2];
            double[] xs = new double[x.length];
            double[] ys = new double[y.length];
            int n = 0;
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(y[i]) && (!logY || y[i] > 0)) {
                    xs[n] = x[i];
                    ys[n] = y[i];
                    n++;
                }
            }
            if (n > 0) {
                XYSeries xy = chart.addSeries((String) s[0], java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
                xy.setMarker(n > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
        }
        Pictures.writePng(BitmapEncoder.getBufferedImage(chart), png);
    }
}
