package dev.nn4j.conformance;

/**
 * A deliberately naive reference for the image and batch-normalisation kernels, in double over
 * flat NCHW arrays: each output is computed from its definition by visiting every window tap
 * and testing whether it lies inside the input, written without the main code's im2col,
 * clipping helpers or geometry methods. Window positions and output sizes come from a
 * {@link Window} that computes them itself. Slow and obviously right.
 */
final class ImageReference {
    private ImageReference() {
    }

    /**
     * A window over {@code [n, c, h, w]} images: kernel {@code kh x kw}, strides, padding on
     * each side; {@link #oh} and {@link #ow} follow {@code floor((in + before + after - k) / s) + 1}.
     */
    record Window(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int top, int left, int bottom, int right) {
        int oh() {
            return Math.floorDiv(h + top + bottom - kh, sh) + 1;
        }

        int ow() {
            return Math.floorDiv(w + left + right - kw, sw) + 1;
        }

        /** Input row of output row {@code oy} and tap {@code ky}; may be outside {@code [0, h)}. */
        int row(int oy, int ky) {
            return oy * sh - top + ky;
        }

        int col(int ox, int kx) {
            return ox * sw - left + kx;
        }

        boolean inside(int iy, int ix) {
            return iy >= 0 && iy < h && ix >= 0 && ix < w;
        }

        int x(int b, int ch, int iy, int ix) {
            return ((b * c + ch) * h + iy) * w + ix;
        }

        int out(int b, int ch, int channels, int oy, int ox) {
            return ((b * channels + ch) * oh() + oy) * ow() + ox;
        }

        @Override
        public String toString() {
            return "[" + n + "x" + c + "x" + h + "x" + w + "] " + kh + "x" + kw + " stride " + sh + "x" + sw
                    + " pad " + top + "," + left + "," + bottom + "," + right;
        }
    }

    /** TensorFlow's SAME for one dimension: {@code {before, after}} with the odd one after, so that {@code out = ceil(in / s)}. */
    static int[] same(int in, int k, int s) {
        int out = (in + s - 1) / s;
        int total = Math.max(0, (out - 1) * s + k - in);
        return new int[] {total / 2, total - total / 2};
    }

    /** {@code z[b,f,oy,ox] = bias[f] + Σ w[f,c,ky,kx] · x[b,c,row,col]} over the taps inside the input; {@code bias} may be null. */
    static double[] conv(double[] x, double[] wt, double[] bias, Window g, int filters) {
        double[] z = new double[g.n() * filters * g.oh() * g.ow()];
        for (int b = 0; b < g.n(); b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < g.oh(); oy++) {
                    for (int ox = 0; ox < g.ow(); ox++) {
                        double s = bias == null ? 0 : bias[f];
                        for (int ch = 0; ch < g.c(); ch++) {
                            for (int ky = 0; ky < g.kh(); ky++) {
                                for (int kx = 0; kx < g.kw(); kx++) {
                                    int iy = g.row(oy, ky);
                                    int ix = g.col(ox, kx);
                                    if (g.inside(iy, ix)) {
                                        s += wt[((f * g.c() + ch) * g.kh() + ky) * g.kw() + kx] * x[g.x(b, ch, iy, ix)];
                                    }
                                }
                            }
                        }
                        z[g.out(b, f, filters, oy, ox)] = s;
                    }
                }
            }
        }
        return z;
    }

    /** The convolution's gradients from {@code dz}: {@code {dw, db, dx}}, each tap's contribution added where it came from. */
    static double[][] convBackward(double[] x, double[] wt, double[] dz, Window g, int filters) {
        double[] dw = new double[wt.length];
        double[] db = new double[filters];
        double[] dx = new double[x.length];
        for (int b = 0; b < g.n(); b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < g.oh(); oy++) {
                    for (int ox = 0; ox < g.ow(); ox++) {
                        double d = dz[g.out(b, f, filters, oy, ox)];
                        db[f] += d;
                        for (int ch = 0; ch < g.c(); ch++) {
                            for (int ky = 0; ky < g.kh(); ky++) {
                                for (int kx = 0; kx < g.kw(); kx++) {
                                    int iy = g.row(oy, ky);
                                    int ix = g.col(ox, kx);
                                    if (g.inside(iy, ix)) {
                                        int wi = ((f * g.c() + ch) * g.kh() + ky) * g.kw() + kx;
                                        dw[wi] += d * x[g.x(b, ch, iy, ix)];
                                        dx[g.x(b, ch, iy, ix)] += d * wt[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dw, db, dx};
    }

    /**
     * The indices into {@code x} of the window of output {@code (oy, ox)} of image {@code b},
     * channel {@code ch}, that lie inside the input, in row-major window order.
     */
    static int[] taps(Window g, int b, int ch, int oy, int ox) {
        int[] all = new int[g.kh() * g.kw()];
        int n = 0;
        for (int ky = 0; ky < g.kh(); ky++) {
            for (int kx = 0; kx < g.kw(); kx++) {
                int iy = g.row(oy, ky);
                int ix = g.col(ox, kx);
                if (g.inside(iy, ix)) {
                    all[n++] = g.x(b, ch, iy, ix);
                }
            }
        }
        return java.util.Arrays.copyOf(all, n);
    }

    /** {@code taps} of every pooling output, in output order ({@code [n, c, oh, ow]}). */
    private static int[][] windows(Window g) {
        int[][] w = new int[g.n() * g.c() * g.oh() * g.ow()][];
        for (int b = 0; b < g.n(); b++) {
            for (int ch = 0; ch < g.c(); ch++) {
                for (int oy = 0; oy < g.oh(); oy++) {
                    for (int ox = 0; ox < g.ow(); ox++) {
                        w[g.out(b, ch, g.c(), oy, ox)] = taps(g, b, ch, oy, ox);
                    }
                }
            }
        }
        return w;
    }

    /** Index of each window's maximum, the first in row-major window order on ties (a later tap wins only when strictly greater). */
    static int[] argmax(double[] x, Window g) {
        int[][] windows = windows(g);
        int[] arg = new int[windows.length];
        for (int o = 0; o < windows.length; o++) {
            int best = windows[o][0];
            for (int i : windows[o]) {
                if (x[i] > x[best]) {
                    best = i;
                }
            }
            arg[o] = best;
        }
        return arg;
    }

    static double[] maxPool(double[] x, Window g) {
        int[] arg = argmax(x, g);
        double[] y = new double[arg.length];
        for (int o = 0; o < y.length; o++) {
            y[o] = x[arg[o]];
        }
        return y;
    }

    static double[] maxPoolBackward(double[] x, double[] dy, Window g) {
        int[] arg = argmax(x, g);
        double[] dx = new double[x.length];
        for (int o = 0; o < arg.length; o++) {
            dx[arg[o]] += dy[o];
        }
        return dx;
    }

    /** The mean over each window's taps inside the input (the divisor counts only those). */
    static double[] avgPool(double[] x, Window g) {
        int[][] windows = windows(g);
        double[] y = new double[windows.length];
        for (int o = 0; o < windows.length; o++) {
            for (int i : windows[o]) {
                y[o] += x[i] / windows[o].length;
            }
        }
        return y;
    }

    static double[] avgPoolBackward(double[] dy, Window g) {
        int[][] windows = windows(g);
        double[] dx = new double[g.n() * g.c() * g.h() * g.w()];
        for (int o = 0; o < windows.length; o++) {
            for (int i : windows[o]) {
                dx[i] += dy[o] / windows[o].length;
            }
        }
        return dx;
    }

    /** Channel of flat element {@code i} of {@code [n, channels, s]}. */
    private static int channel(int i, int channels, int s) {
        return (i / s) % channels;
    }

    /** {@code {mean, biased variance}} per channel of {@code x} viewed as {@code [n, channels, s]}. */
    static double[][] meanVariance(double[] x, int channels, int s) {
        int perChannel = x.length / channels;
        double[] mean = new double[channels];
        double[] var = new double[channels];
        for (int i = 0; i < x.length; i++) {
            mean[channel(i, channels, s)] += x[i] / perChannel;
        }
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean[channel(i, channels, s)];
            var[channel(i, channels, s)] += d * d / perChannel;
        }
        return new double[][] {mean, var};
    }

    /** {@code y = γ (x - μ) / sqrt(var + eps) + β} per channel of {@code x} viewed as {@code [n, channels, s]}. */
    static double[] batchNorm(double[] x, int channels, int s, double[] mean, double[] var, double eps,
                              double[] gamma, double[] beta) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = channel(i, channels, s);
            y[i] = gamma[ch] * (x[i] - mean[ch]) / Math.sqrt(var[ch] + eps) + beta[ch];
        }
        return y;
    }

    /**
     * Training-mode batch-norm gradients {@code {dx, dgamma, dbeta}} by the chain rule through the
     * batch statistics written out term by term: {@code dx̂ = dy·γ},
     * {@code dvar = Σ dx̂·(x-μ)·(-½)(var+eps)^(-3/2)}, {@code dμ = Σ -dx̂/σ + dvar·Σ -2(x-μ)/M},
     * {@code dx = dx̂/σ + dvar·2(x-μ)/M + dμ/M}.
     */
    static double[][] batchNormBackward(double[] x, double[] dy, int channels, int s, double[] mean, double[] var,
                                        double eps, double[] gamma) {
        int m = x.length / channels;
        double[] dvar = new double[channels];
        double[] dmean = new double[channels];
        double[] dgamma = new double[channels];
        double[] dbeta = new double[channels];
        for (int i = 0; i < x.length; i++) {
            int ch = channel(i, channels, s);
            double sigma = Math.sqrt(var[ch] + eps);
            double dxhat = dy[i] * gamma[ch];
            dvar[ch] += dxhat * (x[i] - mean[ch]) * -0.5 * Math.pow(var[ch] + eps, -1.5);
            dmean[ch] += -dxhat / sigma;
            dgamma[ch] += dy[i] * (x[i] - mean[ch]) / sigma;
            dbeta[ch] += dy[i];
        }
        for (int i = 0; i < x.length; i++) {
            int ch = channel(i, channels, s);
            dmean[ch] += dvar[ch] * -2 * (x[i] - mean[ch]) / m;
        }
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = channel(i, channels, s);
            double sigma = Math.sqrt(var[ch] + eps);
            dx[i] = dy[i] * gamma[ch] / sigma + dvar[ch] * 2 * (x[i] - mean[ch]) / m + dmean[ch] / m;
        }
        return new double[][] {dx, dgamma, dbeta};
    }
}
