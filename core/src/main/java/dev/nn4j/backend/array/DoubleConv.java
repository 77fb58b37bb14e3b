package dev.nn4j.backend.array;

import dev.nn4j.tensor.ConvGeometry;
import java.util.Arrays;

/**
 * FLOAT64 convolution by its definition: a direct loop over every output value and kernel
 * tap. It is the reference that gradient checks run in, written independently of the im2col
 * path ({@link FloatConv}) so that the two check each other. Cost {@code 2·N·F·Ho·Wo·C·kh·kw}
 * flops, no scratch. Thread-safe.
 */
final class DoubleConv {
    private DoubleConv() {
    }

    static void forward(double[] x, double[] w, double[] bias, ConvGeometry g, int filters, double[] z) {
        int ho = g.outHeight();
        int wo = g.outWidth();
        for (int n = 0; n < g.batch(); n++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double sum = bias == null ? 0 : bias[f];
                        for (int c = 0; c < g.channels(); c++) {
                            for (int ky = 0; ky < g.kernelH(); ky++) {
                                int iy = oy * g.strideH() - g.padTop() + ky;
                                if (iy < 0 || iy >= g.height()) {
                                    continue;
                                }
                                for (int kx = 0; kx < g.kernelW(); kx++) {
                                    int ix = ox * g.strideW() - g.padLeft() + kx;
                                    if (ix >= 0 && ix < g.width()) {
                                        sum += w[((f * g.channels() + c) * g.kernelH() + ky) * g.kernelW() + kx]
                                                * x[((n * g.channels() + c) * g.height() + iy) * g.width() + ix];
                                    }
                                }
                            }
                        }
                        z[((n * filters + f) * ho + oy) * wo + ox] = sum;
                    }
                }
            }
        }
    }

    static void backward(double[] x, double[] w, double[] dz, ConvGeometry g, int filters,
                         double[] dw, double[] db, double[] dx) {
        Arrays.fill(dw, 0, filters * g.patchSize(), 0);
        if (db != null) {
            Arrays.fill(db, 0, filters, 0);
        }
        if (dx != null) {
            Arrays.fill(dx, 0, g.batch() * g.inputPlane(), 0);
        }
        int ho = g.outHeight();
        int wo = g.outWidth();
        for (int n = 0; n < g.batch(); n++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double d = dz[((n * filters + f) * ho + oy) * wo + ox];
                        if (db != null) {
                            db[f] += d;
                        }
                        for (int c = 0; c < g.channels(); c++) {
                            for (int ky = 0; ky < g.kernelH(); ky++) {
                                int iy = oy * g.strideH() - g.padTop() + ky;
                                if (iy < 0 || iy >= g.height()) {
                                    continue;
                                }
                                for (int kx = 0; kx < g.kernelW(); kx++) {
                                    int ix = ox * g.strideW() - g.padLeft() + kx;
                                    if (ix < 0 || ix >= g.width()) {
                                        continue;
                                    }
                                    int wi = ((f * g.channels() + c) * g.kernelH() + ky) * g.kernelW() + kx;
                                    int xi = ((n * g.channels() + c) * g.height() + iy) * g.width() + ix;
                                    dw[wi] += d * x[xi];
                                    if (dx != null) {
                                        dx[xi] += d * w[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
