package dev.nn4j.examples;

import dev.nn4j.data.Dataset;
import dev.nn4j.data.MnistFormat;
import dev.nn4j.eval.Predictions;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.tensor.Backend;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code digits}: handwritten digits from the user's MNIST IDX files. Trains the network that
 * {@code --model} names (the MLP or the CNN of {@link ImageModels}, chosen in
 * {@link ImageClassifierTraining#model} as for {@code fashion-mnist} and {@code mnist}),
 * prints the confusion matrix, draws the misclassified test images with their predicted and
 * true labels, and with {@code --image FILE} classifies the user's own picture after making
 * it MNIST-like ({@link MnistStyle}). {@code --load FILE} skips training and uses a model
 * saved with {@code --save}.
 */
@Command(name = "digits", mixinStandardHelpOptions = true,
        description = {"Trains a classifier (--model mlp: 784-256-128-10, or cnn) on MNIST digits from --data, prints the "
                + "confusion matrix and writes digits-misclassified.png (" + DigitsCommand.GRID_WIDTH + " wide, up to "
                + DigitsCommand.GRID_HEIGHT + " high: up to " + DigitsCommand.GRID_TILES + " misclassified test images, "
                + "each captioned 'predicted (true)') and the learning curves digits-curves.png (1200 x 450).",
                "--image FILE.png classifies your own picture of a digit: scaled so the digit is 20 pixels tall in a "
                        + "28 x 28 field, grey, inverted when dark on light, centred by its centre of mass as MNIST "
                        + "is; prints the top 3 classes with probabilities and writes what the network saw as "
                        + "digits-image.png (112 x 112).",
                "Learned when the test accuracy is at least --target-accuracy (default 0.9; MLPs of this size reach "
                        + "about 0.98 on MNIST, chance is 0.1); exit code 1 otherwise."})
final class DigitsCommand extends ImageClassifierCommand {
    static final double DEFAULT_TARGET = 0.9;
    static final int ZOOM = 2;
    static final int TILE = MnistStyle.SIZE * ZOOM;
    static final int CAPTION = 14;
    static final int GRID_COLUMNS = 8;
    static final int GRID_ROWS = 5;
    static final int GRID_TILES = GRID_COLUMNS * GRID_ROWS;
    static final int GRID_WIDTH = GRID_COLUMNS * TILE;
    /** The title lines above the grid, pixels. */
    static final int GRID_HEADER = 40;
    /** The tallest grid: {@value #GRID_ROWS} rows of captioned images. */
    static final int GRID_HEIGHT = GRID_HEADER + GRID_ROWS * (TILE + CAPTION);
    static final int IMAGE_ZOOM = 4;

    @Mixin
    OutOption out = new OutOption();

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four MNIST IDX files (raw or .gz); needed unless --load is given.")
    Path data;

    @Option(names = "--image", paramLabel = "FILE", description = "A picture of a digit (PNG, JPEG, GIF, BMP) to classify.")
    Path image;

    @Option(names = "--load", paramLabel = "FILE",
            description = "Use a model saved with --save instead of training (evaluated on --data's test set if given).")
    Path load;

    DigitsCommand() {
        super("digits", MnistFormat.DIGIT_CLASS_NAMES, MnistData.DIGITS_HINT);
    }

    @Override
    Path dataDir() {
        return data;
    }

    @Override
    public Integer call() throws IOException {
        if (data == null && load == null) {
            throw new IllegalArgumentException("digits needs --data DIR with the MNIST IDX files, or --load FILE with a "
                    + "saved model; " + MnistData.DIGITS_HINT);
        }
        if (image != null && !Files.isRegularFile(image)) {
            throw new IllegalArgumentException("--image: no file " + image.toAbsolutePath());
        }
        Backend b = backend.resolve();
        Goal goal = Goal.atLeast("test accuracy", options.targetAccuracy != null ? options.targetAccuracy
                : DEFAULT_TARGET);
        GraphModel m;
        int code = 0;
        if (load != null) {
            m = ModelFile.loadGraph(load, b, null);
            System.out.println(m + "\nloaded from " + load.toAbsolutePath());
            if (data != null) {
                Dataset test = MnistData.loadTest(data, options.testLimit, MnistData.DIGITS_HINT);
                double accuracy = ClassifierEvaluation.run(m, test, MnistFormat.DIGIT_CLASS_NAMES, System.out);
                misclassified(m, test);
                code = goal.report(accuracy, System.out);
            }
        } else {
            if (options.plot == null && !options.noPlot) {
                options.plot = out.file("digits-curves.png");
            }
            ImageClassifierTraining.Trained t = new ImageClassifierTraining("digits", MnistFormat.DIGIT_CLASS_NAMES)
                    .train(data, MnistData.DIGITS_HINT, options, b);
            m = t.model();
            misclassified(m, t.data().test());
            code = goal.report(t.accuracy(), System.out);
        }
        try {
            if (image != null) {
                classify(m, image);
            }
        } finally {
            m.close();
        }
        return code;
    }

    /** Writes the grid of misclassified test images and says how many there were. */
    private void misclassified(GraphModel m, Dataset test) throws IOException {
        int[] predicted = Predictions.classes(m, test);
        int[] labels = test.labels();
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                wrong.add(i);
            }
        }
        Path png = out.file("digits-misclassified.png");
        Pictures.writePng(grid(test, wrong, predicted), png);
        System.out.printf(Locale.ROOT, "%d of %d test images misclassified; the first %d written to %s%n", wrong.size(),
                labels.length, Math.min(wrong.size(), GRID_TILES), png.toAbsolutePath());
    }

    /** The height of the picture of {@code misclassified} images: the header and as many rows as they fill (at least one). */
    static int gridHeight(int misclassified) {
        int rows = Math.max(1, (Math.min(misclassified, GRID_TILES) + GRID_COLUMNS - 1) / GRID_COLUMNS);
        return GRID_HEADER + rows * (TILE + CAPTION);
    }

    /**
     * Up to {@value #GRID_TILES} images of {@code test} (rows {@code which}), captioned "predicted (true)", under a
     * title that gives the count and explains the captions; only as many rows as the images fill.
     */
    static BufferedImage grid(Dataset test, List<Integer> which, int[] predicted) {
        BufferedImage img = Pictures.canvas(GRID_WIDTH, gridHeight(which.size()));
        Graphics2D g = Pictures.graphics(img, 11);
        try {
            float[] features = test.features();
            int n = test.featureCount();
            int[] labels = test.labels();
            g.setColor(Color.BLACK);
            g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 13f));
            g.drawString(String.format(Locale.ROOT, "Misclassified test digits: %,d of %,d", which.size(), labels.length),
                    4, 16);
            g.setFont(g.getFont().deriveFont(java.awt.Font.PLAIN, 11f));
            g.drawString(which.isEmpty() ? "every test image was classified correctly"
                    : "caption: predicted digit (true digit)" + (which.size() > GRID_TILES ? "; the first "
                    + GRID_TILES + " shown" : ""), 4, 32);
            for (int k = 0; k < Math.min(which.size(), GRID_TILES); k++) {
                int row = which.get(k);
                int x = (k % GRID_COLUMNS) * TILE;
                int y = GRID_HEADER + (k / GRID_COLUMNS) * (TILE + CAPTION);
                g.drawImage(MnistStyle.picture(Arrays.copyOfRange(features, row * n, row * n + n), ZOOM), x, y, null);
                g.setColor(Color.BLACK);
                g.drawString(predicted[row] + " (" + labels[row] + ")", x + 4, y + TILE + CAPTION - 3);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Classifies the user's picture and prints the top 3 classes. */
    private void classify(GraphModel m, Path file) throws IOException {
        BufferedImage picture = ImageIO.read(file.toFile());
        if (picture == null) {
            throw new IllegalArgumentException("--image: " + file.toAbsolutePath() + " is not an image ImageIO can read"
                    + " (PNG, JPEG, GIF, BMP)");
        }
        if (m.inputSize() != MnistStyle.SIZE * MnistStyle.SIZE) {
            throw new IllegalArgumentException("--image: the model takes " + m.inputSize() + " inputs, not 28 x 28 = 784");
        }
        float[] pixels = MnistStyle.of(picture);
        double[] x = new double[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i];
        }
        double[] p = m.predict(x);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, c) -> Double.compare(p[c], p[a]));
        Path seen = out.file("digits-image.png");
        Pictures.writePng(MnistStyle.picture(pixels, IMAGE_ZOOM), seen);
        System.out.printf(Locale.ROOT, "%n%s (%d x %d), as the network sees it: %s%n", file, picture.getWidth(),
                picture.getHeight(), seen.toAbsolutePath());
        for (int k = 0; k < 3; k++) {
            System.out.printf(Locale.ROOT, "  %d. %s  %.4f%n", k + 1, MnistFormat.DIGIT_CLASS_NAMES.get(order[k]),
                    p[order[k]]);
        }
    }
}
