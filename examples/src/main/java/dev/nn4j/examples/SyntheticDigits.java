package dev.nn4j.examples;

import dev.nn4j.autodiff.Rng;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for MNIST when none is at hand: digits typed in the JDK's logical fonts (plain,
 * bold, italic), rotated up to ±25°, sheared, stretched, thickened and sized at random, some
 * with a stray stroke, then made MNIST-like by
 * {@link MnistStyle}. Written as the four IDX files of the MNIST layout, so {@code digits
 * --data DIR} reads them like the real thing. They are easier than handwriting.
 */
final class SyntheticDigits {
    private static final String[] FONTS = {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED, Font.DIALOG, Font.DIALOG_INPUT};
    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC, Font.BOLD | Font.ITALIC};
    private static final int CANVAS = 96;

    private SyntheticDigits() {
    }

    /** One digit as a dark-on-light picture of {@value #CANVAS} pixels square, as a user might draw it. */
    static BufferedImage draw(int digit, Rng rng) {
        Pictures.headless();
        BufferedImage img = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, CANVAS, CANVAS);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            int size = 40 + rng.nextInt(25);
            g.setFont(new Font(FONTS[rng.nextInt(FONTS.length)], STYLES[rng.nextInt(STYLES.length)], size));
            AffineTransform t = new AffineTransform();
            t.translate(CANVAS / 2.0, CANVAS / 2.0);
            t.rotate(Math.toRadians(rng.nextDouble(-25, 25)));
            t.shear(rng.nextDouble(-0.4, 0.4), 0);
            t.scale(rng.nextDouble(0.6, 1.3), 1);
            g.transform(t);
            String s = Integer.toString(digit);
            int width = g.getFontMetrics().stringWidth(s);
            Shape glyph = g.getFont().createGlyphVector(g.getFontRenderContext(), s)
                    .getOutline(-width / 2f, size / 3f);
            g.fill(glyph);
            float pen = (float) rng.nextDouble(0, 5);   // thicker strokes, like a felt pen
            if (pen > 0.5f) {
                g.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(glyph);
            }
            g.setTransform(new AffineTransform());
            if (rng.nextDouble() < 0.3) {                // a stray stroke
                g.setStroke(new BasicStroke((float) rng.nextDouble(1, 4), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                int x0 = 20 + rng.nextInt(56);
                int y0 = 20 + rng.nextInt(56);
                g.drawLine(x0, y0, x0 + rng.nextInt(31) - 15, y0 + rng.nextInt(31) - 15);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes {@code train} and {@code test} digits (labels cycle 0-9 in random order) as MNIST IDX files into {@code dir}. */
    static void write(Path dir, int train, int test, long seed) throws IOException {
        Files.createDirectories(dir);
        Rng rng = new Rng(seed);
        write(dir, "train", train, rng.split());
        write(dir, "t10k", test, rng.split());
    }

    private static void write(Path dir, String prefix, int n, Rng rng) throws IOException {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        rng.shuffle(labels);
        try (DataOutputStream images = open(dir.resolve(prefix + "-images-idx3-ubyte"));
             DataOutputStream labelFile = open(dir.resolve(prefix + "-labels-idx1-ubyte"))) {
            images.writeInt(0x00000803);
            images.writeInt(n);
            images.writeInt(MnistStyle.SIZE);
            images.writeInt(MnistStyle.SIZE);
            labelFile.writeInt(0x00000801);
            labelFile.writeInt(n);
            for (int label : labels) {
                for (float v : MnistStyle.of(draw(label, rng))) {
                    images.writeByte(Math.round(v * 255));
                }
                labelFile.writeByte(label);
            }
        }
    }

    private static DataOutputStream open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new DataOutputStream(new java.io.BufferedOutputStream(out));
    }
}
