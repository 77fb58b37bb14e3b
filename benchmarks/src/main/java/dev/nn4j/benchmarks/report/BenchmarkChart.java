package dev.nn4j.benchmarks.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes docs/benchmarks.png: three bar charts stacked in one image, on logarithmic axes
 * because the implementations differ by orders of magnitude: matrix-product GFLOP/s per
 * shape (first result set), MLP samples/s and XOR steps/s per implementation (one bar per
 * native thread setting). Missing combinations are left out.
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
                    + first.file());
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
        CategoryChart chart = chart(WIDTH, MATMUL_HEIGHT,
                "Matrix products, float32 (" + set.label() + "): GFLOP/s, log scale", "GFLOP/s");
        List<String> shapes = Suite.values(runs, "shape");
        for (String impl : Suite.values(runs, "impl")) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (String shape : shapes) {
                Optional<JmhRun> r = Suite.matmul(set, impl, shape);
                xs.add(shape);
                ys.add(r.map(Suite::gflops).orElse(null));
            }
            chart.addSeries(impl, xs, ys);
        }
        return chart;
    }

    private static void addStepChart(List<CategoryChart> charts, List<Integer> heights, List<ResultSet> sets,
            String benchmark, String title, String unit, ToDoubleFunction<JmhRun> rate) {
        List<JmhRun> all = new ArrayList<>();
        for (ResultSet s : sets) {
            all.addAll(s.of(benchmark));
        }
        if (all.isEmpty()) {
            return;
        }
        List<String> impls = Suite.values(all, "impl");
        CategoryChart chart = chart(WIDTH, STEP_HEIGHT, title + ": " + unit + ", log scale", unit);
        for (ResultSet s : sets) {
            if (s.of(benchmark).isEmpty()) {
                continue;
            }
            List<Double> ys = new ArrayList<>();
            for (String impl : impls) {
                ys.add(s.find(benchmark, impl, null).map(rate::applyAsDouble).orElse(null));
            }
            chart.addSeries(s.label(), impls, ys);
        }
        charts.add(chart);
        heights.add(STEP_HEIGHT);
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
