package dev.nn4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.function.Function;

/**
 * The XOR decision surface: the unit square cut into {@code grid x grid} cells, each shaded
 * by the network's output at the cell's centre (0 dark blue, 0.5 white, 1 orange; outputs
 * outside [0, 1] are clamped), with the training points marked as rings filled with their
 * target's colour. The image is {@link #size()} pixels square: {@code grid · cell} plus a
 * margin of {@value #MARGIN} pixels on each side, so the corner points show whole.
 */
final class DecisionSurface {
    /** Border around the square, pixels. */
    static final int MARGIN = 10;
    private static final Color LOW = new Color(33, 72, 160);
    private static final Color MID = new Color(245, 245, 245);
    private static final Color HIGH = new Color(240, 150, 30);

    private final int grid;
    private final int cell;
    private final double[][] centres;

    /** A surface of {@code grid x grid} cells of {@code cell} pixels each. */
    DecisionSurface(int grid, int cell) {
        if (grid < 2 || cell < 1) {
            throw new IllegalArgumentException("--grid must be at least 2 and --cell at least 1, got " + grid + " and "
                    + cell);
        }
        this.grid = grid;
        this.cell = cell;
        this.centres = new double[grid * grid][];
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                centres[row * grid + col] = new double[] {(col + 0.5) / grid, 1 - (row + 0.5) / grid};
            }
        }
    }

    /** Width and height of the image, pixels. */
    int size() {
        return grid * cell + 2 * MARGIN;
    }

    /** The cell centres, one {@code (a, b)} row per cell, top row first, as one batch for the network. */
    double[][] centres() {
        return centres;
    }

    /**
     * Draws the surface: {@code predict} maps the {@link #centres()} batch to one output row
     * per cell; {@code points} and {@code targets} are the training samples; {@code caption}
     * (may be null) is written in the top margin.
     */
    BufferedImage draw(Function<double[][], double[][]> predict, double[][] points, double[][] targets,
            String caption) {
        return draw(predict, points, targets, caption, false);
    }

    /**
     * As {@link #draw(Function, double[][], double[][], String)}; with {@code indexed} the image
     * is {@code TYPE_BYTE_INDEXED} on {@link #palette()}, shades quantised to it and drawn
     * without anti-aliasing, ready for a GIF frame.
     */
    BufferedImage draw(Function<double[][], double[][]> predict, double[][] points, double[][] targets,
            String caption, boolean indexed) {
        double[][] out = predict.apply(centres);
        BufferedImage img;
        Graphics2D g;
        if (indexed) {
            Pictures.headless();
            img = new BufferedImage(size(), size(), BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
            g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size(), size());
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 9));
        } else {
            img = Pictures.canvas(size(), size());
            g = Pictures.graphics(img, 9);
        }
        try {
            for (int i = 0; i < centres.length; i++) {
                g.setColor(indexed ? quantised(out[i][0]) : shade(out[i][0]));
                g.fillRect(MARGIN + (i % grid) * cell, MARGIN + (i / grid) * cell, cell, cell);
            }
            int side = grid * cell;
            int r = MARGIN - 2;
            g.setStroke(new BasicStroke(2f));
            for (int k = 0; k < points.length; k++) {
                int x = MARGIN + (int) Math.round(points[k][0] * side);
                int y = MARGIN + (int) Math.round((1 - points[k][1]) * side);
                g.setColor(shade(targets[k][0]));
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setColor(Color.BLACK);
                g.drawOval(x - r, y - r, 2 * r, 2 * r);
            }
            if (caption != null) {
                g.drawString(caption, MARGIN + r + 4, MARGIN - 1);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static final int SHADES = 224;
    private static final IndexColorModel PALETTE = palette();

    /** The shade of {@code v} rounded to one of the palette's {@value #SHADES} levels. */
    private static Color quantised(double v) {
        double t = Double.isNaN(v) ? 0.5 : Math.max(0, Math.min(1, v));
        return shade(Math.round(t * (SHADES - 1)) / (double) (SHADES - 1));
    }

    /** A 256-colour palette for GIF frames: 224 shades of the gradient and 32 greys (points, text). */
    private static IndexColorModel palette() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int grey = (i - SHADES) * 255 / 31;
            Color c = i < SHADES ? shade(i / (double) (SHADES - 1)) : new Color(grey, grey, grey);
            r[i] = (byte) c.getRed();
            g[i] = (byte) c.getGreen();
            b[i] = (byte) c.getBlue();
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    /** The colour of output {@code v}: blue at 0, white at 0.5, orange at 1. */
    static Color shade(double v) {
        double t = Double.isNaN(v) ? 0.5 : Math.max(0, Math.min(1, v));
        return t < 0.5 ? mix(LOW, MID, t * 2) : mix(MID, HIGH, (t - 0.5) * 2);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
