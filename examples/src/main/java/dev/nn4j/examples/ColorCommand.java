package dev.nn4j.examples;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code color}: the complementary-colour predictor of the browser talk. Random RGB colours
 * in [0, 1]; the target is the complement (HSL, hue + 180°, see {@link Hsl}). An MLP
 * 3-64-32-16-3 (ReLU, sigmoid output so colours stay in range, He initialisation) learns it
 * with mean squared error and plain SGD in batches of 25.
 *
 * <p>The threshold {@value #THRESHOLD} on the held-out MSE is explained in the help text: it
 * is an RMS error of 0.055 per channel (14 of 255 levels), where predicting the mean colour
 * scores about 0.085 and returning the input unchanged about 0.23.
 */
@Command(name = "color", mixinStandardHelpOptions = true,
        description = {"Learns the complementary colour (HSL hue + 180 degrees) of random RGB colours with an MLP "
                + "3-64-32-16-3 (ReLU), mean squared error, SGD, batch 25, and prints the cost every --print-every "
                + "batches.",
                "Writes color-swatches.png (800 x 180: input, target and prediction for 12 fixed colours that are not "
                        + "in the training set) and color-cost.png (800 x 450, the cost curve).",
                "Learned when the mean squared error on 1,000 held-out colours is at most " + ColorCommand.THRESHOLD_TEXT
                        + ": an RMS error of 0.055 per channel, 14 of 255 levels, where a swatch still reads as the "
                        + "right colour; predicting the mean colour scores about 0.085 and copying the input about "
                        + "0.23 (both printed). Exit code 1 otherwise."})
final class ColorCommand implements Callable<Integer> {
    static final double THRESHOLD = 0.003;
    static final String THRESHOLD_TEXT = "0.003";
    static final int HELD_OUT = 1000;
    static final int BATCH = 25;
    static final int SWATCH = 60;
    static final int LABEL_WIDTH = 80;
    /** The swatch colours: 12 named colours, RGB in 0..255. */
    static final int[][] SWATCHES = {{230, 25, 25}, {245, 130, 48}, {255, 225, 25}, {60, 180, 75}, {70, 240, 240},
        {0, 90, 200}, {145, 30, 180}, {240, 50, 230}, {170, 110, 40}, {128, 128, 0}, {0, 128, 128}, {200, 200, 200}};

    @Mixin
    BackendOption backend = new BackendOption();

    @Mixin
    OutOption out = new OutOption();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the colours, weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--samples", paramLabel = "N", description = "Training colours (default: ${DEFAULT-VALUE}).")
    int samples = 10_000;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training colours (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--learning-rate", paramLabel = "R", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.2;

    @Option(names = "--print-every", paramLabel = "N", description = "Print the mean cost of every N batches (default: ${DEFAULT-VALUE}).")
    int printEvery = 400;

    @Override
    public Integer call() throws IOException {
        TrainingOptions.positive("--samples", samples);
        TrainingOptions.positive("--epochs", epochs);
        TrainingOptions.positive("--print-every", printEvery);
        Backend b = backend.resolve();
        Rng rng = new Rng(seed);
        Dataset train = colours(rng.split(), samples);
        Dataset heldOut = colours(rng.split(), HELD_OUT);
        Sequential model = Sequential.builder().input(3)
                .dense(64, Activation.RELU).dense(32, Activation.RELU).dense(16, Activation.RELU)
                .dense(3, Activation.SIGMOID)
                .loss(Losses.mse()).optimizer(new Sgd(learningRate)).initializer(Initializer.HE).seed(seed)
                .backend(b).build();
        System.out.println("Complementary colours: " + samples + " training and " + HELD_OUT + " held-out colours");
        System.out.println(model);

        CostLog costs = new CostLog(printEvery);
        History h = model.fit(train, FitConfig.builder().epochs(epochs).batchSize(BATCH).seed(seed)
                .recordStepLosses(false).logEpochs(false).listener(costs).build());   // CostLog prints the cost
        double mse = model.loss(heldOut);
        System.out.printf(Locale.ROOT, "Trained %d epochs (%,d batches) in %.1f s on %s%n", h.epochs(), h.steps(),
                h.seconds(), b.name());
        System.out.printf(Locale.ROOT, "Held-out MSE %.5f; predicting the mean colour: %.5f; copying the input: %.5f%n",
                mse, meanColourMse(train, heldOut), identityMse(heldOut));

        double[][] swatchIn = new double[SWATCHES.length][];
        for (int i = 0; i < SWATCHES.length; i++) {
            swatchIn[i] = new double[] {SWATCHES[i][0] / 255.0, SWATCHES[i][1] / 255.0, SWATCHES[i][2] / 255.0};
        }
        double[][] predicted = model.predict(swatchIn);
        System.out.println("\n  input         | target        | predicted");
        for (int i = 0; i < swatchIn.length; i++) {
            System.out.printf(Locale.ROOT, "  %s | %s | %s%n", rgb(swatchIn[i]), rgb(Hsl.complement(swatchIn[i])),
                    rgb(predicted[i]));
        }
        Path swatchPng = out.file("color-swatches.png");
        Pictures.writePng(swatches(swatchIn, predicted), swatchPng);
        Path costPng = out.file("color-cost.png");
        new LineChart("Complementary colours: cost per " + printEvery + " batches", "batch", "mean squared error (log scale)",
                true).add("training cost", costs.means(), printEvery, printEvery).write(costPng, 800, 450);
        System.out.println("\nSwatches written to " + swatchPng.toAbsolutePath() + ", cost curve to "
                + costPng.toAbsolutePath());
        model.close();
        return Goal.atMost("held-out MSE", THRESHOLD).report(mse, System.out);
    }

    /** {@code n} random colours uniform in [0, 1]³ and their complements. */
    static Dataset colours(Rng rng, int n) {
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            y[i] = Hsl.complement(x[i]);
        }
        return Dataset.of(x, y);
    }

    /** The picture: one column per colour, rows input, target (the complement) and prediction. */
    static BufferedImage swatches(double[][] inputs, double[][] predicted) {
        BufferedImage img = Pictures.canvas(LABEL_WIDTH + inputs.length * SWATCH, 3 * SWATCH);
        Graphics2D g = Pictures.graphics(img, 13);
        try {
            String[] labels = {"input", "target", "predicted"};
            for (int row = 0; row < 3; row++) {
                g.setColor(Color.BLACK);
                g.drawString(labels[row], 8, row * SWATCH + SWATCH / 2 + 5);
                for (int i = 0; i < inputs.length; i++) {
                    double[] c = row == 0 ? inputs[i] : row == 1 ? Hsl.complement(inputs[i]) : predicted[i];
                    g.setColor(new Color(level(c[0]), level(c[1]), level(c[2])));
                    g.fillRect(LABEL_WIDTH + i * SWATCH, row * SWATCH, SWATCH, SWATCH);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static int level(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    private static String rgb(double[] c) {
        return String.format(Locale.ROOT, "%3d %3d %3d  ", level(c[0]), level(c[1]), level(c[2]));
    }

    /** MSE of always answering the training set's mean target. */
    static double meanColourMse(Dataset train, Dataset heldOut) {
        float[] t = train.targets();
        double[] mean = new double[3];
        for (int i = 0; i < t.length; i++) {
            mean[i % 3] += t[i] / (t.length / 3.0);
        }
        float[] h = heldOut.targets();
        double sum = 0;
        for (int i = 0; i < h.length; i++) {
            sum += (h[i] - mean[i % 3]) * (h[i] - mean[i % 3]);
        }
        return sum / h.length;
    }

    /** MSE of answering the input colour itself. */
    static double identityMse(Dataset heldOut) {
        float[] x = heldOut.features();
        float[] t = heldOut.targets();
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum += (t[i] - x[i]) * (t[i] - x[i]);
        }
        return sum / t.length;
    }

    /** Mean batch cost of every {@code every} batches, printed as it comes. */
    static final class CostLog implements TrainingListener {
        private final int every;
        private final java.util.List<Double> means = new java.util.ArrayList<>();
        private double sum;
        private int count;

        CostLog(int every) {
            this.every = every;
        }

        @Override
        public void onBatchEnd(TrainingContext c) {
            sum += c.loss();
            if (++count == every) {
                means.add(sum / count);
                System.out.printf(Locale.ROOT, "  batch %,7d  epoch %2d  cost %.5f%n", c.step(), c.epoch() + 1,
                        sum / count);
                sum = 0;
                count = 0;
            }
        }

        double[] means() {
            return means.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
