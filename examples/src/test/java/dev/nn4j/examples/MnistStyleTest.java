package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MnistStyleTest {
    /** A {@code w x h} bar of {@code ink} on {@code paper} at (x, y) in a 200 x 150 picture. */
    private static BufferedImage bar(Color paper, Color ink, int x, int y, int w, int h) {
        BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, 200, 150);
        g.setColor(ink);
        g.fillRect(x, y, w, h);
        g.dispose();
        return img;
    }

    @Test
    void darkOnLightIsInvertedScaledToTwentyAndCentred() {
        float[] v = MnistStyle.of(bar(Color.WHITE, Color.BLACK, 10, 20, 30, 90));   // a tall bar near the corner
        double mass = 0;
        double cx = 0;
        double cy = 0;
        int minX = 28;
        int maxX = -1;
        int minY = 28;
        int maxY = -1;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double p = v[y * 28 + x];
                assertTrue(p >= 0 && p <= 1, "in [0, 1]: " + p);
                mass += p;
                cx += p * (x + 0.5);
                cy += p * (y + 0.5);
                if (p > 0.5) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertEquals(0, v[0], "the paper becomes black");
        assertEquals(20, maxY - minY + 1, "90 pixels tall scale to 20");
        assertEquals(7, maxX - minX + 1, "30 wide scale to 30 * 20 / 90 = 6.7");
        assertEquals(14, cx / mass, 0.5, "centre of mass x");
        assertEquals(14, cy / mass, 0.5, "centre of mass y");
    }

    @Test
    void lightOnDarkGivesTheSameInput() {
        assertArrayEquals(MnistStyle.of(bar(Color.WHITE, Color.BLACK, 50, 30, 25, 60)),
                MnistStyle.of(bar(Color.BLACK, Color.WHITE, 50, 30, 25, 60)), 1e-6f);
    }

    @Test
    void areaAverageCountsPartlyCoveredPixelsByTheirFraction() {
        // 4 x 2 to 2 x 1: plain means of 2 x 2 blocks.
        assertArrayEquals(new double[] {2.5, 4.5}, MnistStyle.areaAverage(new double[] {1, 2, 3, 4, 3, 4, 5, 6}, 4, 0,
                0, 4, 2, 2, 1), 1e-12);
        // 3 to 2: each output covers 1.5 source pixels; the middle one is split in half.
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0}, MnistStyle.areaAverage(new double[] {0, 1, 0}, 3, 0, 0, 3, 1,
                2, 1), 1e-12);
        // a box inside a larger picture, scaled up 2x: each source pixel fills a 2 x 2 block.
        assertArrayEquals(new double[] {5, 5, 5, 5}, MnistStyle.areaAverage(new double[] {0, 0, 0, 0, 5, 0}, 3, 1, 1, 1,
                1, 2, 2), 1e-12);
    }

    @Test
    void aBlankPictureIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistStyle.of(bar(Color.WHITE, Color.WHITE, 0, 0, 1, 1)));
        assertTrue(e.getMessage().contains("no digit found"), e.getMessage());
    }
}
