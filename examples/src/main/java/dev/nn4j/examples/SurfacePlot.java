package dev.nn4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The XOR decision surface as a picture that stands alone: the {@link DecisionSurface} square
 * with a title, a line on the training points, both input axes labelled and ticked at 0, 0.25,
 * ..., 1, and a colour bar that says which output each shade means. {@link #LEFT} + square + {@link #RIGHT} pixels wide and
 * {@link #TOP} + square + {@link #BOTTOM} high; the square keeps its own margin, so the corner
 * points show whole.
 */
final class SurfacePlot {
    static final int LEFT = 62;
    static final int RIGHT = 104;
    static final int TOP = 50;
    static final int BOTTOM = 50;
    private static final double[] TICKS = {0, 0.25, 0.5, 0.75, 1};

    private SurfacePlot() {
    }

    /** {@code square} (a {@link DecisionSurface} image of {@code surface}) framed with {@code title}, axes and colour bar. */
    static BufferedImage frame(BufferedImage square, DecisionSurface surface, String title) {
        int size = surface.size();
        int side = size - 2 * DecisionSurface.MARGIN;
        BufferedImage img = Pictures.canvas(LEFT + size + RIGHT, TOP + size + BOTTOM);
        Graphics2D g = Pictures.graphics(img, 12);
        try {
            g.drawImage(square, LEFT, TOP, null);
            int x0 = LEFT + DecisionSurface.MARGIN;
            int y0 = TOP + DecisionSurface.MARGIN;
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(x0, y0, side, side);
            FontMetrics fm = g.getFontMetrics();
            for (double t : TICKS) {
                String label = tick(t);
                int x = x0 + (int) Math.round(t * side);
                int y = y0 + (int) Math.round((1 - t) * side);
                g.drawLine(x, TOP + size, x, TOP + size + 5);
                g.drawString(label, x - fm.stringWidth(label) / 2, TOP + size + 6 + fm.getAscent());
                g.drawLine(LEFT - 5, y, LEFT, y);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
            centred(g, "input a", LEFT + size / 2, TOP + size + 24 + fm.getAscent());
            AffineTransform plain = g.getTransform();
            g.rotate(-Math.PI / 2);
            centred(g, "input b", -(TOP + size / 2), 16);
            g.setTransform(plain);
            colourBar(g, LEFT + size + 24, y0, side);
            centred(g, "circles: the four training samples, filled with the colour of their target", LEFT + size / 2, 40);
            g.setColor(Color.BLACK);
            g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
            centred(g, title, LEFT + size / 2, 20);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A vertical bar of the shades from output 1 (top) to 0, ticked, with its title. */
    private static void colourBar(Graphics2D g, int x, int y, int height) {
        int width = 18;
        for (int i = 0; i < height; i++) {
            g.setColor(DecisionSurface.shade(1 - i / (double) (height - 1)));
            g.drawLine(x, y + i, x + width - 1, y + i);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y, width, height);
        FontMetrics fm = g.getFontMetrics();
        for (double t : new double[] {0, 0.5, 1}) {
            int ty = y + (int) Math.round((1 - t) * height);
            g.drawLine(x + width, ty, x + width + 4, ty);
            g.drawString(tick(t), x + width + 7, ty + fm.getAscent() / 2 - 1);
        }
        AffineTransform plain = g.getTransform();
        g.rotate(Math.PI / 2);
        centred(g, "network output", y + height / 2, -(x + width + 40));
        g.setTransform(plain);
    }

    private static String tick(double t) {
        return t == Math.rint(t) ? String.valueOf((int) t) : String.format(Locale.ROOT, "%s", t);
    }

    private static void centred(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }
}
