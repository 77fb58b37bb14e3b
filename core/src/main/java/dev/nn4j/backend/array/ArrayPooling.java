package dev.nn4j.backend.array;

import dev.nn4j.tensor.ConvGeometry;
import java.util.Arrays;

/**
 * Max and average pooling over NCHW arrays, FLOAT32 and FLOAT64, with their backward passes.
 * Windows are clipped to the input: padded positions never win a max and are not counted in
 * an average's divisor. The max's backward pass recomputes each window's first maximum from
 * the forward input instead of storing indices. FLOAT32 kernels work on the planes
 * {@code [p0, p1)} (plane {@code n·C + c}), so planes can be split between threads. Single pass,
 * no scratch, thread-safe.
 */
final class ArrayPooling {
    private ArrayPooling() {
    }

    // The window of output (oy, ox) covers input rows [y0, y1) and columns [x0, x1), clipped.

    private static int start(int o, int stride, int pad) {
        return Math.max(0, o * stride - pad);
    }

    private static int end(int o, int stride, int pad, int kernel, int size) {
        return Math.min(size, o * stride - pad + kernel);
    }

    /** True for the common halving window: 2x2, stride 2, no padding (windows tile the input, none overlaps). */
    private static boolean halving(ConvGeometry g) {
        return g.kernelH() == 2 && g.kernelW() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.unpadded();
    }

    static void max(float[] x, ConvGeometry g, float[] y, int p0, int p1) {
        if (halving(g)) {
            maxHalving(x, g, y, p0, p1);
            return;
        }
        int h = g.height();
        int w = g.width();
        int o = p0 * g.outHeight() * g.outWidth();
        for (int plane = p0; plane < p1; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    float best = Float.NEGATIVE_INFINITY;
                    boolean nan = false;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            float v = x[ix];
                            nan |= v != v;
                            if (v > best) {
                                best = v;
                            }
                        }
                    }
                    y[o] = nan ? Float.NaN : best;
                }
            }
        }
    }

    static void max(double[] x, ConvGeometry g, double[] y) {
        int h = g.height();
        int w = g.width();
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    double best = Double.NEGATIVE_INFINITY;
                    boolean nan = false;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            double v = x[ix];
                            nan |= v != v;
                            if (v > best) {
                                best = v;
                            }
                        }
                    }
                    y[o] = nan ? Double.NaN : best;
                }
            }
        }
    }

    static void maxBackward(float[] x, float[] dy, ConvGeometry g, float[] dx, int p0, int p1) {
        if (halving(g)) {
            maxHalvingBackward(x, dy, g, dx, p0, p1);
            return;
        }
        int h = g.height();
        int w = g.width();
        Arrays.fill(dx, p0 * h * w, p1 * h * w, 0f);
        int o = p0 * g.outHeight() * g.outWidth();
        for (int plane = p0; plane < p1; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    int arg = base + y0 * w + x0;
                    float best = x[arg];
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            if (x[ix] > best) {
                                best = x[ix];
                                arg = ix;
                            }
                        }
                    }
                    dx[arg] += dy[o];
                }
            }
        }
    }

    static void maxBackward(double[] x, double[] dy, ConvGeometry g, double[] dx) {
        int h = g.height();
        int w = g.width();
        Arrays.fill(dx, 0, g.batch() * g.inputPlane(), 0);
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    int arg = base + y0 * w + x0;
                    double best = x[arg];
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            if (x[ix] > best) {
                                best = x[ix];
                                arg = ix;
                            }
                        }
                    }
                    dx[arg] += dy[o];
                }
            }
        }
    }

    static void average(float[] x, ConvGeometry g, float[] y, int p0, int p1) {
        int h = g.height();
        int w = g.width();
        int o = p0 * g.outHeight() * g.outWidth();
        for (int plane = p0; plane < p1; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    double sum = 0;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            sum += x[ix];
                        }
                    }
                    y[o] = (float) (sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }
    }

    static void average(double[] x, ConvGeometry g, double[] y) {
        int h = g.height();
        int w = g.width();
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    double sum = 0;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            sum += x[ix];
                        }
                    }
                    y[o] = sum / ((y1 - y0) * (x1 - x0));
                }
            }
        }
    }

    static void averageBackward(float[] dy, ConvGeometry g, float[] dx, int p0, int p1) {
        int h = g.height();
        int w = g.width();
        Arrays.fill(dx, p0 * h * w, p1 * h * w, 0f);
        int o = p0 * g.outHeight() * g.outWidth();
        for (int plane = p0; plane < p1; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    float share = dy[o] / ((y1 - y0) * (x1 - x0));
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            dx[ix] += share;
                        }
                    }
                }
            }
        }
    }

    static void averageBackward(double[] dy, ConvGeometry g, double[] dx) {
        int h = g.height();
        int w = g.width();
        Arrays.fill(dx, 0, g.batch() * g.inputPlane(), 0);
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int y0 = start(oy, g.strideH(), g.padTop());
                int y1 = end(oy, g.strideH(), g.padTop(), g.kernelH(), h);
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    int x0 = start(ox, g.strideW(), g.padLeft());
                    int x1 = end(ox, g.strideW(), g.padLeft(), g.kernelW(), w);
                    double share = dy[o] / ((y1 - y0) * (x1 - x0));
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = base + iy * w + x0, e = base + iy * w + x1; ix < e; ix++) {
                            dx[ix] += share;
                        }
                    }
                }
            }
        }
    }

    // ---- 2x2 stride 2: four loads per output, no window arithmetic ----

    private static void maxHalving(float[] x, ConvGeometry g, float[] y, int p0, int p1) {
        int w = g.width();
        int plane = g.height() * w;
        int o = p0 * g.outHeight() * g.outWidth();
        for (int p = p0; p < p1; p++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int r0 = p * plane + 2 * oy * w;
                int r1 = r0 + w;
                for (int ox = 0, c = 0; ox < g.outWidth(); ox++, c += 2) {
                    y[o++] = Math.max(Math.max(x[r0 + c], x[r0 + c + 1]), Math.max(x[r1 + c], x[r1 + c + 1]));
                }
            }
        }
    }

    private static void maxHalvingBackward(float[] x, float[] dy, ConvGeometry g, float[] dx, int p0, int p1) {
        int w = g.width();
        int plane = g.height() * w;
        if ((g.height() & 1) != 0 || (w & 1) != 0) {
            Arrays.fill(dx, p0 * plane, p1 * plane, 0f);   // an odd last row or column is in no window
        }
        int o = p0 * g.outHeight() * g.outWidth();
        for (int p = p0; p < p1; p++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int r0 = p * plane + 2 * oy * w;
                int r1 = r0 + w;
                for (int ox = 0, c = 0; ox < g.outWidth(); ox++, c += 2) {
                    float a = x[r0 + c];
                    float b = x[r0 + c + 1];
                    float e = x[r1 + c];
                    float f = x[r1 + c + 1];
                    float m = Math.max(Math.max(a, b), Math.max(e, f));
                    int d = Float.floatToRawIntBits(dy[o++]);
                    // The first maximum in row-major window order gets d, the other three 0. Masks
                    // on the bits of d, not float selects: C2 compiles a float select to a branch,
                    // and after a ReLU ties make such branches unpredictable; int selects are cmovs.
                    int isA = a == m ? -1 : 0;
                    int isB = b == m ? ~isA : 0;
                    int isE = e == m ? ~(isA | isB) : 0;
                    int isF = ~(isA | isB | isE);
                    dx[r0 + c] = Float.intBitsToFloat(d & isA);
                    dx[r0 + c + 1] = Float.intBitsToFloat(d & isB);
                    dx[r1 + c] = Float.intBitsToFloat(d & isE);
                    dx[r1 + c + 1] = Float.intBitsToFloat(d & isF);
                }
            }
        }
    }
}
