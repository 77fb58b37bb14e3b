package dev.nn4j.examples;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Java2D and ImageIO helpers for the demos' pictures (surfaces, swatches, filmstrips, image
 * grids): canvases are drawn off screen ({@code java.awt.headless=true} is set when unset)
 * and written as PNG with the JDK's writer.
 */
final class Pictures {
    private Pictures() {
    }

    /** A white RGB canvas of {@code width x height} pixels. */
    static BufferedImage canvas(int width, int height) {
        headless();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** An anti-aliased graphics context on {@code img} with a small sans-serif font; dispose it after use. */
    static Graphics2D graphics(BufferedImage img, int fontSize) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        return g;
    }

    /** Writes {@code img} as PNG to {@code file}, replacing it. */
    static void writePng(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }

    /** Sets {@code java.awt.headless=true} unless the user chose otherwise, so the demos run without a display. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
