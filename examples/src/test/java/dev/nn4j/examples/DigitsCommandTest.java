package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code digits} on a small directory of IDX files written by {@link SyntheticDigits} (typed
 * digits made MNIST-like; MNIST itself is not on the build machines): trains, checks the
 * accuracy against the threshold, the pictures, and the classification of a user's picture.
 */
class DigitsCommandTest {
    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeDigits() throws IOException {
        data = shared.resolve("digits");
        SyntheticDigits.write(data, 1500, 300, 42);
    }

    /** A dark "7" on light paper, off centre, as a user might photograph it. */
    static Path seven(Path dir) throws IOException {
        BufferedImage img = new BufferedImage(150, 110, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(245, 240, 230));
        g.fillRect(0, 0, 150, 110);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(30, 30, 50));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 70));
        g.drawString("7", 85, 80);
        g.dispose();
        Path file = dir.resolve("seven.png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void learnsTheDigitsAndClassifiesAUsersPicture() throws IOException {
        Path model = dir.resolve("digits.nn4j");
        Cli.Result r = Cli.run("digits", "--backend", "plain", "--data", data.toString(), "--epochs", "5",
                "--out", dir.toString(), "--save", model.toString(), "--image", seven(dir).toString());
        assertEquals(0, r.code(), r.all());
        Matcher m = Pattern.compile("Test accuracy: (\\S+) \\(").matcher(r.out());
        assertTrue(m.find(), r.out());
        double accuracy = Double.parseDouble(m.group(1));
        assertTrue(accuracy >= DigitsCommand.DEFAULT_TARGET, "accuracy " + accuracy);
        assertTrue(r.out().contains("Learned: test accuracy "), r.out());
        assertTrue(r.out().contains("actual \\ predicted   0   1   2   3   4   5   6   7   8   9"), r.out());
        assertTrue(r.out().contains("misclassified; the first"), r.out());
        assertTrue(r.out().contains("  1. 7  0."), "top class of the picture:\n" + r.out());
        assertTrue(r.out().contains("  3. "), r.out());

        Cli.png(dir.resolve("digits-misclassified.png"), 448, DigitsCommand.gridHeight(misclassified(r.out())));
        Cli.png(dir.resolve("digits-curves.png"), 1200, 450);
        BufferedImage seen = Cli.png(dir.resolve("digits-image.png"), 112, 112);
        assertEquals(Color.BLACK.getRGB(), seen.getRGB(1, 1), "bright ink on black, as in MNIST");

        Cli.Result loaded = Cli.run("digits", "--backend", "plain", "--load", model.toString(), "--out",
                dir.toString(), "--image", dir.resolve("seven.png").toString());
        assertEquals(0, loaded.code(), loaded.all());
        String top3 = r.out().substring(r.out().indexOf("  1. 7"));
        assertEquals(top3, loaded.out().substring(loaded.out().indexOf("  1. 7")), "same answer from the saved model");
    }

    @Test
    void theCnnRunsThroughTheSameCommand() throws IOException {
        // Wiring only (two batches are too few to learn; the MLP test above checks learning): the CNN of --model cnn
        // trains, is evaluated, draws its mistakes and classifies a picture.
        Cli.Result r = Cli.run("digits", "--backend", "plain", "--model", "cnn", "--data", data.toString(), "--epochs",
                "1", "--limit", "128", "--test-limit", "50", "--target-accuracy", "0", "--out", dir.toString(),
                "--no-plot", "--image", seven(dir).toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("layer0: conv2d 32 3x3"), r.out());
        assertTrue(r.out().contains("Learned: test accuracy "), r.out());
        assertTrue(r.out().contains("  3. "), r.out());
        Cli.png(dir.resolve("digits-misclassified.png"), 448, DigitsCommand.gridHeight(misclassified(r.out())));
    }

    @Test
    void tooLittleTrainingFailsWithTheNumbers() {
        Cli.Result r = Cli.run("digits", "--backend", "plain", "--data", data.toString(), "--epochs", "1",
                "--limit", "30", "--out", dir.toString(), "--no-plot");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*NOT learned: test accuracy 0\\.\\d+ is below the threshold 0\\.9\\n.*"),
                r.out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, Cli.run("digits").code(), "needs --data or --load");
        assertEquals(2, Cli.run("digits", "--backend", "plain", "--data", dir.resolve("none").toString(), "--out",
                dir.toString()).code());
        assertEquals(2, Cli.run("digits", "--data", data.toString(), "--image", dir.resolve("no.png").toString()).code());
        assertEquals(2, Cli.run("digits", "--data", data.toString(), "--model", "transformer").code());
    }

    /** The count of "N of M test images misclassified" in a run's output. */
    private static int misclassified(String out) {
        Matcher m = Pattern.compile("(\\d+) of \\d+ test images misclassified").matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(1));
    }
}
