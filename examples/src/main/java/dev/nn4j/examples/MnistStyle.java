package dev.nn4j.examples;

import java.awt.image.BufferedImage;

/**
 * Turns any picture of a digit into an MNIST-like input, the way MNIST itself was made: grey
 * levels in [0, 1] with the ink bright on black (a dark-on-light picture, recognised by its
 * bright border, is inverted), the ink's bounding box scaled with area averaging so that its
 * longer side is {@value #BOX} pixels, then placed in a {@value #SIZE}x{@value #SIZE} field
 * with its centre of mass at the centre (14, 14). Cost: one pass over the picture plus a
 * resample; the picture is not modified.
 */
final class MnistStyle {
    /** Side of the field, pixels. */
    static final int SIZE = 28;
    /** Longest side of the scaled digit, pixels (MNIST: 20 in a 28 field). */
    static final int BOX = 20;
    /** Ink level (after inversion and background removal) that counts toward the bounding box. */
    private static final double INK = 0.15;

    private MnistStyle() {
    }

    /** The {@value #SIZE}·{@value #SIZE} input values, row-major, for {@code picture}. */
    static float[] of(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        double[] grey = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = picture.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                double lum = (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff)) / 255;
                grey[y * w + x] = a * lum + (1 - a);   // transparent pixels count as white paper
            }
        }
        if (borderMean(grey, w, h) > 0.5) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 1 - grey[i];
            }
        }
        double background = borderMean(grey, w, h);
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = Math.max(0, (grey[y * w + x] - background) / (1 - background + 1e-9));
                grey[y * w + x] = v;
                if (v > INK) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        float[] out = new float[SIZE * SIZE];
        if (maxX < 0) {
            throw new IllegalArgumentException("--image: no digit found (a " + w + " x " + h
                    + " picture of one flat shade); draw it dark on light or light on dark");
        }
        int bw = maxX - minX + 1;
        int bh = maxY - minY + 1;
        double scale = (double) BOX / Math.max(bw, bh);
        int sw = Math.max(1, (int) Math.round(bw * scale));
        int sh = Math.max(1, (int) Math.round(bh * scale));
        double[] small = areaAverage(grey, w, minX, minY, bw, bh, sw, sh);
        double mass = 0;
        double cx = 0;
        double cy = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                double v = small[y * sw + x];
                mass += v;
                cx += v * (x + 0.5);
                cy += v * (y + 0.5);
            }
        }
        int dx = (int) Math.round(SIZE / 2.0 - (mass > 0 ? cx / mass : sw / 2.0));
        int dy = (int) Math.round(SIZE / 2.0 - (mass > 0 ? cy / mass : sh / 2.0));
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int tx = x + dx;
                int ty = y + dy;
                if (tx >= 0 && tx < SIZE && ty >= 0 && ty < SIZE) {
                    out[ty * SIZE + tx] = (float) small[y * sw + x];
                }
            }
        }
        return out;
    }

    /**
     * The {@code bw x bh} box at ({@code x0, y0}) of {@code src} (row length {@code w}) resampled
     * to {@code sw x sh}: each output pixel is the mean of the source area it covers, counting
     * partly covered source pixels by their covered fraction.
     */
    static double[] areaAverage(double[] src, int w, int x0, int y0, int bw, int bh, int sw, int sh) {
        double fx = (double) bw / sw;
        double fy = (double) bh / sh;
        double[] out = new double[sw * sh];
        for (int oy = 0; oy < sh; oy++) {
            double sy0 = oy * fy;
            double sy1 = Math.min(bh, (oy + 1) * fy);
            for (int ox = 0; ox < sw; ox++) {
                double sx0 = ox * fx;
                double sx1 = Math.min(bw, (ox + 1) * fx);
                double sum = 0;
                for (int y = (int) sy0; y < sy1; y++) {
                    double wy = Math.min(y + 1, sy1) - Math.max(y, sy0);
                    for (int x = (int) sx0; x < sx1; x++) {
                        double wx = Math.min(x + 1, sx1) - Math.max(x, sx0);
                        sum += wx * wy * src[(y0 + y) * w + x0 + x];
                    }
                }
                out[oy * sw + ox] = sum / ((sx1 - sx0) * (sy1 - sy0));
            }
        }
        return out;
    }

    private static double borderMean(double[] grey, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += grey[x] + grey[(h - 1) * w + x];
            n += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            sum += grey[y * w] + grey[y * w + w - 1];
            n += 2;
        }
        return sum / n;
    }

    /** A grey picture of {@code pixels} (values in [0, 1], {@value #SIZE}x{@value #SIZE}), each pixel {@code zoom} wide. */
    static BufferedImage picture(float[] pixels, int zoom) {
        BufferedImage img = new BufferedImage(SIZE * zoom, SIZE * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE * zoom; y++) {
            for (int x = 0; x < SIZE * zoom; x++) {
                int v = Math.round(Math.max(0, Math.min(1, pixels[(y / zoom) * SIZE + x / zoom])) * 255);
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }
}
