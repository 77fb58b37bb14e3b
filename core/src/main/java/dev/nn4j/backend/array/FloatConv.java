package dev.nn4j.backend.array;

import dev.nn4j.backend.ConvGeometry;
import java.util.Arrays;

/**
 * FLOAT32 convolution as im2col feeding a matrix product, over NCHW arrays. Images are taken
 * in chunks: {@code cols [C·kh·kw x n·Ho·Wo]} gathers the patches of {@code n} images, one
 * product {@code W [F x C·kh·kw] · cols} computes their outputs, and the epilogue adds the bias
 * while scattering into NCHW. A chunk holds at most about {@value #CHUNK_VALUES} patch values
 * (whole images, at least one), so products are large while the scratch stays bounded; the
 * scratch is kept per thread and reused, so steady-state calls allocate nothing.
 *
 * <p>The backward pass gathers {@code dz} per chunk into {@code [F x n·Ho·Wo]} once and uses it
 * for {@code dW += dz·colsᵀ}, {@code db} and {@code dcols = Wᵀ·dz}, which col2im adds into
 * {@code dx}. Which gemm runs is the caller's: the reference loops, plain's packed engine or EJML's.
 * Thread-safe.
 */
public final class FloatConv {
    /** Upper bound on the patch values gathered per chunk (4 MiB of floats). */
    static final int CHUNK_VALUES = 1 << 20;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FloatConv() {
    }

    /** Images per chunk for geometry {@code g}. */
    static int chunk(ConvGeometry g) {
        long perImage = (long) g.patchSize() * g.outPixels();
        return (int) Math.max(1, Math.min(g.batch(), CHUNK_VALUES / Math.max(1, perImage)));
    }

    /** {@code z = conv(x, w) + bias} ({@code bias} may be null); {@code z [N,F,Ho,Wo]}. */
    public static void forward(FloatGemm gemm, float[] x, float[] w, float[] bias, ConvGeometry g, int filters, float[] z) {
        int k = g.patchSize();
        int p = g.outPixels();
        int chunk = chunk(g);
        Scratch s = SCRATCH.get();
        float[] cols = s.cols(k * chunk * p);
        float[] out = s.out(filters * chunk * p);
        for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
            int cn = Math.min(chunk, g.batch() - n0);
            int width = cn * p;
            im2col(x, g, n0, cn, cols);
            gemm.gemm(false, false, filters, width, k, 1f, w, cols, 0f, out);
            for (int i = 0; i < cn; i++) {
                int dst = (n0 + i) * filters * p;
                for (int f = 0; f < filters; f++) {
                    float b = bias == null ? 0f : bias[f];
                    int src = f * width + i * p;
                    int d = dst + f * p;
                    for (int j = 0; j < p; j++) {
                        z[d + j] = out[src + j] + b;
                    }
                }
            }
        }
    }

    /** Overwrites {@code dw}, {@code db} (if not null) and {@code dx} (if not null) from {@code dz [N,F,Ho,Wo]}. */
    public static void backward(FloatGemm gemm, float[] x, float[] w, float[] dz, ConvGeometry g, int filters,
                                float[] dw, float[] db, float[] dx) {
        int k = g.patchSize();
        int p = g.outPixels();
        int chunk = chunk(g);
        Scratch s = SCRATCH.get();
        float[] cols = s.cols(k * chunk * p);
        float[] dzc = s.out(filters * chunk * p);
        float[] dcols = dx == null ? null : s.dcols(k * chunk * p);
        if (db != null) {
            Arrays.fill(db, 0, filters, 0f);
        }
        if (dx != null) {
            Arrays.fill(dx, 0, g.batch() * g.inputPlane(), 0f);
        }
        for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
            int cn = Math.min(chunk, g.batch() - n0);
            int width = cn * p;
            for (int i = 0; i < cn; i++) {               // gather dz into [F x cn·P]
                int src = (n0 + i) * filters * p;
                for (int f = 0; f < filters; f++) {
                    System.arraycopy(dz, src + f * p, dzc, f * width + i * p, p);
                }
            }
            if (db != null) {
                for (int f = 0; f < filters; f++) {
                    double sum = 0;
                    for (int j = f * width, end = j + width; j < end; j++) {
                        sum += dzc[j];
                    }
                    db[f] += (float) sum;
                }
            }
            im2col(x, g, n0, cn, cols);
            gemm.gemm(false, true, filters, k, width, 1f, dzc, cols, n0 == 0 ? 0f : 1f, dw);   // dW += dz·colsᵀ
            if (dx != null) {
                gemm.gemm(true, false, k, width, filters, 1f, w, dzc, 0f, dcols);           // dcols = Wᵀ·dz
                col2im(dcols, g, n0, cn, dx);
            }
        }
    }

    /** Gathers the patches of images {@code n0 .. n0+cn-1} into {@code cols [C·kh·kw x cn·Ho·Wo]} (zero for padding). */
    static void im2col(float[] x, ConvGeometry g, int n0, int cn, float[] cols) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int ho = g.outHeight();
        int wo = g.outWidth();
        int h = g.height();
        int wi = g.width();
        int p = ho * wo;
        int width = cn * p;
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, row++) {
                    int lo = firstInside(g.padLeft() - kx, g.strideW(), wo);
                    int hi = lastInside(wi - 1 + g.padLeft() - kx, g.strideW(), wo);
                    for (int i = 0; i < cn; i++) {
                        int img = (n0 + i) * g.inputPlane() + c * h * wi;
                        int base = row * width + i * p;
                        for (int oy = 0; oy < ho; oy++) {
                            int iy = oy * g.strideH() - g.padTop() + ky;
                            int dst = base + oy * wo;
                            if (iy < 0 || iy >= h || lo > hi) {
                                Arrays.fill(cols, dst, dst + wo, 0f);
                                continue;
                            }
                            int src = img + iy * wi - g.padLeft() + kx;
                            for (int ox = 0; ox < lo; ox++) {          // left padding: a column or two, no call
                                cols[dst + ox] = 0f;
                            }
                            if (g.strideW() == 1) {
                                System.arraycopy(x, src + lo, cols, dst + lo, hi - lo + 1);
                            } else {
                                for (int ox = lo; ox <= hi; ox++) {
                                    cols[dst + ox] = x[src + ox * g.strideW()];
                                }
                            }
                            for (int ox = hi + 1; ox < wo; ox++) {     // right padding
                                cols[dst + ox] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds {@code dcols [C·kh·kw x cn·Ho·Wo]} back into the images {@code n0 .. n0+cn-1} of {@code dx} (the adjoint of {@link #im2col}). */
    static void col2im(float[] dcols, ConvGeometry g, int n0, int cn, float[] dx) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int ho = g.outHeight();
        int wo = g.outWidth();
        int h = g.height();
        int wi = g.width();
        int p = ho * wo;
        int width = cn * p;
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, row++) {
                    int lo = firstInside(g.padLeft() - kx, g.strideW(), wo);
                    int hi = lastInside(wi - 1 + g.padLeft() - kx, g.strideW(), wo);
                    if (lo > hi) {
                        continue;
                    }
                    for (int i = 0; i < cn; i++) {
                        int img = (n0 + i) * g.inputPlane() + c * h * wi;
                        int base = row * width + i * p;
                        for (int oy = 0; oy < ho; oy++) {
                            int iy = oy * g.strideH() - g.padTop() + ky;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int src = base + oy * wo;
                            int dst = img + iy * wi - g.padLeft() + kx;
                            for (int ox = lo; ox <= hi; ox++) {
                                dx[dst + ox * g.strideW()] += dcols[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Smallest {@code ox >= 0} with {@code ox·stride >= offset}, i.e. the first output column inside the input. */
    private static int firstInside(int offset, int stride, int out) {
        if (offset <= 0) {
            return 0;
        }
        return Math.min(out, (offset + stride - 1) / stride);
    }

    /** Largest {@code ox < out} with {@code ox·stride <= limit}; -1 when none. */
    private static int lastInside(int limit, int stride, int out) {
        if (limit < 0) {
            return -1;
        }
        return Math.min(out - 1, limit / stride);
    }

    /** Per-thread scratch arrays, grown to the largest size asked for and kept. */
    private static final class Scratch {
        private float[] cols = new float[0];
        private float[] out = new float[0];
        private float[] dcols = new float[0];

        float[] cols(int n) {
            if (cols.length < n) {
                cols = new float[n];
            }
            return cols;
        }

        float[] out(int n) {
            if (out.length < n) {
                out = new float[n];
            }
            return out;
        }

        float[] dcols(int n) {
            if (dcols.length < n) {
                dcols = new float[n];
            }
            return dcols;
        }
    }
}
