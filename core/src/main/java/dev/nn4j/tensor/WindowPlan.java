package dev.nn4j.tensor;

/**
 * The host-side facts the convolution and pooling defaults need about one {@link ConvGeometry}:
 * the padded plane's size, the {@code copyRegion} bounds that place the input inside it, and
 * builders of the INT32 index tables that {@code gather} windows with. Immutable; the index
 * tables are built (allocated) only when a default creates its index tensor, once per
 * geometry, backend and thread ({@link KernelScratch}).
 */
final class WindowPlan {
    /** {@code copyRegion}'s unit steps and zero starts. */
    static final int[] ONES = {1, 1, 1, 1};
    static final int[] ZEROS = {0, 0, 0, 0};

    final ConvGeometry g;
    /** Padded height and width: {@code H + padTop + padBottom}, {@code W + padLeft + padRight}. */
    final int hp;
    final int wp;
    /** Output pixels {@code Ho·Wo} and window positions {@code kh·kw}. */
    final int pixels;
    final int window;
    /** Where the input starts inside the padded buffer: {@code {0, 0, padTop, padLeft}}. */
    final int[] padOffset;
    /** The input's extent: {@code {N, C, H, W}}. */
    final int[] inputExtent;

    WindowPlan(ConvGeometry g) {
        this.g = g;
        this.hp = g.height() + g.padTop() + g.padBottom();
        this.wp = g.width() + g.padLeft() + g.padRight();
        this.pixels = g.outPixels();
        this.window = g.kernelH() * g.kernelW();
        this.padOffset = new int[] {0, 0, g.padTop(), g.padLeft()};
        this.inputExtent = new int[] {g.batch(), g.channels(), g.height(), g.width()};
    }

    /**
     * The im2col table {@code [C·kh·kw, Ho·Wo]} over the padded plane {@code [C, hp, wp]}
     * flattened: row {@code (c·kh + ky)·kw + kx} (the order of {@code w [F,C,kh,kw]} flattened),
     * column {@code oy·Wo + ox}, value {@code c·hp·wp + (oy·sh + ky)·wp + ox·sw + kx}.
     */
    int[] im2col() {
        int c = g.channels();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int[] idx = new int[c * window * pixels];
        int i = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    for (int oy = 0; oy < g.outHeight(); oy++) {
                        for (int ox = 0; ox < g.outWidth(); ox++) {
                            idx[i++] = ch * hp * wp + (oy * g.strideH() + ky) * wp + ox * g.strideW() + kx;
                        }
                    }
                }
            }
        }
        return idx;
    }

    /**
     * The pooling windows {@code [Ho·Wo, kh·kw]} over the padded plane {@code [hp, wp]}
     * flattened: window {@code oy·Wo + ox}, position {@code ky·kw + kx}, value
     * {@code (oy·sh + ky)·wp + ox·sw + kx}.
     */
    int[] paddedWindows() {
        int[] idx = new int[pixels * window];
        int i = 0;
        for (int oy = 0; oy < g.outHeight(); oy++) {
            for (int ox = 0; ox < g.outWidth(); ox++) {
                for (int ky = 0; ky < g.kernelH(); ky++) {
                    for (int kx = 0; kx < g.kernelW(); kx++) {
                        idx[i++] = (oy * g.strideH() + ky) * wp + ox * g.strideW() + kx;
                    }
                }
            }
        }
        return idx;
    }

    /**
     * The pooling windows {@code [Ho·Wo, kh·kw]} over the unpadded plane {@code [H, W]}
     * flattened, where a position in the padding repeats the window's first input position
     * (its top-left one inside the input). A maximum over the table is the maximum over the
     * window's input positions, and the first position holding it in table order is the first
     * in row-major window order: a repeat precedes the position it repeats only where that
     * position is the window's first.
     */
    int[] clippedWindows() {
        int h = g.height();
        int w = g.width();
        int[] idx = new int[pixels * window];
        int i = 0;
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int top = oy * g.strideH() - g.padTop();
            int y0 = Math.min(Math.max(top, 0), h - 1);
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int left = ox * g.strideW() - g.padLeft();
                int first = y0 * w + Math.min(Math.max(left, 0), w - 1);
                for (int ky = 0; ky < g.kernelH(); ky++) {
                    int iy = top + ky;
                    for (int kx = 0; kx < g.kernelW(); kx++) {
                        int ix = left + kx;
                        idx[i++] = iy >= 0 && iy < h && ix >= 0 && ix < w ? iy * w + ix : first;
                    }
                }
            }
        }
        return idx;
    }

    /** Input positions of each window that lie inside the input, {@code [Ho·Wo]}: average pooling's divisors. */
    int[] counts() {
        int[] counts = new int[pixels];
        int i = 0;
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int top = oy * g.strideH() - g.padTop();
            int rows = Math.min(top + g.kernelH(), g.height()) - Math.max(top, 0);
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int left = ox * g.strideW() - g.padLeft();
                int cols = Math.min(left + g.kernelW(), g.width()) - Math.max(left, 0);
                counts[i++] = Math.max(rows, 0) * Math.max(cols, 0);
            }
        }
        return counts;
    }

    /** {@code p·kh·kw} for every window {@code p}, {@code [Ho·Wo]}: where window {@code p}'s row starts in {@link #clippedWindows()}. */
    int[] windowStarts() {
        int[] starts = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            starts[p] = p * window;
        }
        return starts;
    }

    /** {@code (n·C + c)·H·W} for every plane, {@code [N·C]}: where plane {@code (n, c)} starts in the input. */
    int[] planeStarts() {
        int planes = g.batch() * g.channels();
        int area = g.height() * g.width();
        int[] starts = new int[planes];
        for (int q = 0; q < planes; q++) {
            starts[q] = q * area;
        }
        return starts;
    }
}
