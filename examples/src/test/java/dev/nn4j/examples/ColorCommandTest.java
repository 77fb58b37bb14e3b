package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColorCommandTest {
    @TempDir
    Path dir;

    @Test
    void learnsComplementsBelowTheThresholdAndDrawsThem() throws IOException {
        Cli.Result r = Cli.run("color", "--backend", "plain", "--out", dir.toString());
        assertEquals(0, r.code(), r.all());
        Matcher m = Pattern.compile("Held-out MSE (\\S+); predicting the mean colour: (\\S+);").matcher(r.out());
        assertTrue(m.find(), r.out());
        double mse = Double.parseDouble(m.group(1));
        assertTrue(mse <= ColorCommand.THRESHOLD, "held-out MSE " + mse);
        assertTrue(Double.parseDouble(m.group(2)) > 20 * mse, "far better than the mean colour: " + r.out());
        assertTrue(r.out().contains("Learned: held-out MSE "), r.out());
        assertTrue(r.out().contains("  batch   4,000  epoch 10  cost "), r.out());

        BufferedImage swatches = Cli.png(dir.resolve("color-swatches.png"), 800, 180);
        // Column 0 is red (230, 25, 25): its target swatch is the complement (25, 230, 230), the prediction near it.
        assertEquals(new Color(230, 25, 25).getRGB(), swatches.getRGB(110, 30));
        assertEquals(new Color(25, 230, 230).getRGB(), swatches.getRGB(110, 90));
        Color predicted = new Color(swatches.getRGB(110, 150));
        assertTrue(Math.abs(predicted.getRed() - 25) < 40 && Math.abs(predicted.getGreen() - 230) < 40
                && Math.abs(predicted.getBlue() - 230) < 40, "predicted swatch " + predicted);
        Cli.png(dir.resolve("color-cost.png"), 800, 450);
    }

    @Test
    void tooLittleTrainingFailsWithTheNumbers() {
        Cli.Result r = Cli.run("color", "--backend", "plain", "--out", dir.toString(), "--samples", "100", "--epochs", "1");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*NOT learned: held-out MSE 0\\.\\d+ is above the threshold 0\\.003\\n.*"), r.out());
    }

    @Test
    void complementKnownColours() {
        assertArrayEquals(new double[] {0, 1, 1}, Hsl.complement(new double[] {1, 0, 0}), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, Hsl.complement(new double[] {0.5, 0.5, 0.5}), 1e-12);
        assertArrayEquals(new double[] {30 / 360.0, 1, 0.5}, Hsl.fromRgb(1, 0.5, 0), 1e-12);   // orange
        assertArrayEquals(new double[] {0, 0.5, 1}, Hsl.complement(new double[] {1, 0.5, 0}), 1e-12);
    }

    @Test
    void complementIsMaxPlusMinMinusEachChannel() {
        // Turning the hue by half a turn keeps the largest and smallest channel, so c' = max + min - c.
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            double[] c = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            double max = Math.max(c[0], Math.max(c[1], c[2]));
            double min = Math.min(c[0], Math.min(c[1], c[2]));
            assertArrayEquals(new double[] {max + min - c[0], max + min - c[1], max + min - c[2]}, Hsl.complement(c),
                    1e-12);
            double[] hsl = Hsl.fromRgb(c[0], c[1], c[2]);
            assertArrayEquals(c, Hsl.toRgb(hsl[0], hsl[1], hsl[2]), 1e-12, "round trip");
        }
    }
}
