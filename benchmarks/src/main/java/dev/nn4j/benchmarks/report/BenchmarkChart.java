package dev.nn4j.benchmarks.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes docs/benchmarks.png: three bar charts stacked in one image, on logarithmic axes
 * because the implementations differ by orders of magnitude: matrix-product GFLOP/s per
 * shape (first result set), MLP samples/s and XOR steps/s per implementation and native
 * thread setting. A log axis cannot show a gap, so shapes with a missing run are left out
 * of the matrix-product chart (the tables still list them).
 */
final class BenchmarkChart {
    private static final int WIDTH = 1400;
    private static final int MATMUL_HEIGHT = 560;
    private static final int STEP_HEIGHT = 380;

    private BenchmarkChart() {
    }

    /** Renders the charts of {@code sets} into {@code png}; throws if there is nothing to draw. */
    static void write(List<ResultSet> sets, Path png) throws IOException {
        List<CategoryChart> charts = new ArrayList<>();
        List<Integer> heights = new ArrayList<>();
        ResultSet first = sets.get(0);
        List<JmhRun> matmul = Suite.matmulRuns(first);
        if (!matmul.isEmpty()) {
            charts.add(matmulChart(first, matmul));
            heights.add(MATMUL_HEIGHT);
        }
        addStepChart(charts, heights, sets, Suite.TRAIN, "MLP 784-256-128-10 training step, batch " + Suite.BATCH,
                "samples/s", r -> Suite.BATCH / r.seconds());
        addStepChart(charts, heights, sets, Suite.XOR, "XOR 2-4-1 single-sample training step", "steps/s",
                r -> 1 / r.seconds());
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("report: no matrix-product or training results to chart in "
                    + first.sources());
        }
        int total = heights.stream().mapToInt(Integer::intValue).sum();
        BufferedImage image = new BufferedImage(WIDTH, total, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, total);
        int y = 0;
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create(0, y, WIDTH, heights.get(i));
            charts.get(i).paint(panel, WIDTH, heights.get(i));
            panel.dispose();
            y += heights.get(i);
        }
        g.dispose();
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("report: no PNG writer available for " + png);
        }
    }

    private static CategoryChart matmulChart(ResultSet set, List<JmhRun> runs) {
        List<String> impls = Suite.values(runs, "impl");
        List<String> shapes = new ArrayList<>();
        for (String shape : Suite.values(runs, "shape")) {
            if (impls.stream().allMatch(impl -> Suite.matmul(set, impl, shape).isPresent())) {
                shapes.add(shape);
            }
        }
        CategoryChart chart = chart(WIDTH, MATMUL_HEIGHT, "Matrix products, float32 (" + set.label()
                + "): GFLOP/s, log scale" + (shapes.size() < Suite.values(runs, "shape").size()
                        ? " (shapes with a missing run left out)" : ""), "GFLOP/s");
        chart.getStyler().setXAxisLabelRotation(15);
        List<Double> all = new ArrayList<>();
        for (String impl : impls) {
            List<Double> ys = new ArrayList<>();
            for (String shape : shapes) {
                ys.add(Suite.gflops(Suite.matmul(set, impl, shape).orElseThrow()));
            }
            chart.addSeries(impl, shapes, ys);
            all.addAll(ys);
        }
        logRange(chart, all);
        return chart;
    }

    /** One bar per implementation and thread setting that ran: log axes cannot show gaps. */
    private static void addStepChart(List<CategoryChart> charts, List<Integer> heights, List<ResultSet> sets,
            String benchmark, String title, String unit, ToDoubleFunction<JmhRun> rate) {
        List<String> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (ResultSet s : sets) {
            for (JmhRun r : s.of(benchmark)) {
                xs.add(sets.size() == 1 ? r.param("impl") : r.param("impl") + " (" + s.threads() + " thr.)");
                ys.add(rate.applyAsDouble(r));
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        CategoryChart chart = chart(WIDTH, STEP_HEIGHT, title + ": " + unit + ", log scale"
                + (sets.size() == 1 ? "" : "; thr. = OMP_NUM_THREADS"), unit);
        chart.addSeries(unit, xs, ys);
        chart.getStyler().setLegendVisible(false);
        logRange(chart, ys);
        charts.add(chart);
        heights.add(STEP_HEIGHT);
    }

    /** Bars start at zero unless told otherwise, which a log axis rejects: span whole decades around the data. */
    private static void logRange(CategoryChart chart, List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max) + 1e-9)));
    }

    private static CategoryChart chart(int width, int height, String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setOverlapped(false);
        return chart;
    }
}
