package dev.nn4j.backend.array;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import java.util.Arrays;

/**
 * FLOAT32 convolution as im2col feeding a matrix product, over NCHW arrays. Images are taken
 * in chunks: {@code cols [C·kh·kw x n·Ho·Wo]} gathers the patches of {@code n} images, one
 * product {@code W [F x C·kh·kw] · cols} computes their outputs, and the epilogue adds the bias
 * while scattering into NCHW. The chunks are near-equal runs of whole images of at most about
 * {@value #CHUNK_VALUES} patch values, fixed by the geometry alone, so products are large while
 * the scratch stays bounded. Chunks are independent, and they are the parts an
 * {@link ArrayParallel} spreads over threads; each thread keeps its own scratch and reuses it,
 * and the parts are reused tasks ({@link ArrayTasks}), so steady-state calls allocate nothing.
 *
 * <p>The backward pass gathers {@code dz} per chunk into {@code [F x n·Ho·Wo]} once and uses it
 * for the chunk's {@code dz·colsᵀ}, {@code db} and {@code dcols = Wᵀ·dz}, which col2im adds into
 * the chunk's images of {@code dx}. With several chunks each chunk's weight and bias gradients
 * go to a buffer of their own and are summed in chunk order, so the result is the same bits for
 * every thread count. Which gemm runs is the caller's: the reference loops, plain's packed
 * engine or EJML's. Thread-safe.
 */
public final class FloatConv {
    /** Upper bound on the patch values gathered per chunk (1 MiB of floats). */
    static final int CHUNK_VALUES = 1 << 18;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final ArrayTasks.Local<Forward> FORWARD = new ArrayTasks.Local<>(Forward::new);
    private static final ArrayTasks.Local<Backward> BACKWARD = new ArrayTasks.Local<>(Backward::new);

    private FloatConv() {
    }

    /** Chunks for geometry {@code g}: enough to keep each under {@link #CHUNK_VALUES}, at most one per image. */
    static int chunks(ConvGeometry g) {
        long total = (long) g.patchSize() * g.outPixels() * g.batch();
        return (int) Math.max(1, Math.min(g.batch(), (total + CHUNK_VALUES - 1) / CHUNK_VALUES));
    }

    /**
     * {@code z = conv(x, w) + bias} ({@code bias} may be null), then {@code y = f(z)} for an
     * element-wise {@code f}, fused into the scatter while each output plane is in cache;
     * {@code z, y [N,F,Ho,Wo]}, {@code y} may be {@code z}. Chunks run as parts of {@code parallel}.
     */
    public static void forward(FloatGemm gemm, ArrayParallel parallel, float[] x, float[] w, float[] bias,
                               ConvGeometry g, int filters, Activation activation, float[] z, float[] y) {
        // One chunk runs on the caller outside any part, so its product may still use threads.
        FORWARD.take().set(gemm, x, w, bias, g, filters, activation, z, y).runParts(parallel, chunks(g), g.batch());
    }

    private static void forwardChunk(FloatGemm gemm, float[] x, float[] w, float[] bias, ConvGeometry g, int filters,
                                     Activation activation, float[] z, float[] y, int n0, int cn) {
        boolean act = activation != Activation.IDENTITY || y != z;
        int k = g.patchSize();
        int p = g.outPixels();
        int width = cn * p;
        Scratch s = SCRATCH.get();
        float[] cols = s.cols(k * width);
        float[] out = s.out(filters * width);
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
                if (act) {
                    ArrayActivations.map(activation, z, y, d, d + p);
                }
            }
        }
    }

    /**
     * Overwrites {@code dw}, {@code db} (if not null) and {@code dx} (if not null) from
     * {@code dz [N,F,Ho,Wo]}. Chunks run as parts of {@code parallel}.
     */
    public static void backward(FloatGemm gemm, ArrayParallel parallel, float[] x, float[] w, float[] dz,
                                ConvGeometry g, int filters, float[] dw, float[] db, float[] dx) {
        int chunks = chunks(g);
        int n = g.batch();
        if (chunks == 1) {
            backwardChunk(gemm, x, w, dz, g, filters, dw, db, dx, 0, n);
            return;
        }
        int weights = filters * g.patchSize();
        Scratch s = SCRATCH.get();
        float[][] dws = s.partials(chunks, weights);
        float[][] dbs = db == null ? null : s.biasPartials(chunks, filters);
        BACKWARD.take().set(gemm, x, w, dz, g, filters, dws, dbs, dx).runParts(parallel, chunks, n);
        sumInOrder(dws, chunks, weights, dw);
        if (db != null) {
            sumInOrder(dbs, chunks, filters, db);
        }
    }

    /** {@code out = parts[0] + parts[1] + ...}, left to right, over the first {@code size} values. */
    private static void sumInOrder(float[][] parts, int count, int size, float[] out) {
        System.arraycopy(parts[0], 0, out, 0, size);
        for (int i = 1; i < count; i++) {
            float[] part = parts[i];
            for (int j = 0; j < size; j++) {
                out[j] += part[j];
            }
        }
    }

    /** One chunk's {@code dw} and {@code db} (overwritten) and its images of {@code dx}. */
    private static void backwardChunk(FloatGemm gemm, float[] x, float[] w, float[] dz, ConvGeometry g, int filters,
                                      float[] dw, float[] db, float[] dx, int n0, int cn) {
        int k = g.patchSize();
        int p = g.outPixels();
        int width = cn * p;
        Scratch s = SCRATCH.get();
        float[] cols = s.cols(k * width);
        float[] dzc = s.out(filters * width);
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
                db[f] = (float) sum;
            }
        }
        im2col(x, g, n0, cn, cols);
        gemm.gemm(false, true, filters, k, width, 1f, dzc, cols, 0f, dw);   // dW = dz·colsᵀ
        if (dx != null) {
            float[] dcols = s.dcols(k * width);
            gemm.gemm(true, false, k, width, filters, 1f, w, dzc, 0f, dcols);   // dcols = Wᵀ·dz
            Arrays.fill(dx, n0 * g.inputPlane(), (n0 + cn) * g.inputPlane(), 0f);
            col2im(dcols, g, n0, cn, dx);
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

    /** The forward pass's chunks: part {@code i} computes the images {@code [n0, n1)} of chunk {@code i}. */
    private static final class Forward extends ArrayTasks.Task {
        private FloatGemm gemm;
        private float[] x;
        private float[] w;
        private float[] bias;
        private ConvGeometry g;
        private int filters;
        private Activation activation;
        private float[] z;
        private float[] y;

        Forward set(FloatGemm gemm, float[] x, float[] w, float[] bias, ConvGeometry g, int filters,
                    Activation activation, float[] z, float[] y) {
            this.gemm = gemm;
            this.x = x;
            this.w = w;
            this.bias = bias;
            this.g = g;
            this.filters = filters;
            this.activation = activation;
            this.z = z;
            this.y = y;
            return this;
        }

        @Override
        void range(int part, int n0, int n1) {
            forwardChunk(gemm, x, w, bias, g, filters, activation, z, y, n0, n1 - n0);
        }

        @Override
        void clear() {
            gemm = null;
            x = w = bias = z = y = null;
            g = null;
            activation = null;
        }
    }

    /** The backward pass's chunks, each writing its weight and bias gradients to its own partial buffer. */
    private static final class Backward extends ArrayTasks.Task {
        private FloatGemm gemm;
        private float[] x;
        private float[] w;
        private float[] dz;
        private ConvGeometry g;
        private int filters;
        private float[][] dws;
        private float[][] dbs;
        private float[] dx;

        Backward set(FloatGemm gemm, float[] x, float[] w, float[] dz, ConvGeometry g, int filters, float[][] dws,
                     float[][] dbs, float[] dx) {
            this.gemm = gemm;
            this.x = x;
            this.w = w;
            this.dz = dz;
            this.g = g;
            this.filters = filters;
            this.dws = dws;
            this.dbs = dbs;
            this.dx = dx;
            return this;
        }

        @Override
        void range(int part, int n0, int n1) {
            backwardChunk(gemm, x, w, dz, g, filters, dws[part], dbs == null ? null : dbs[part], dx, n0, n1 - n0);
        }

        @Override
        void clear() {
            gemm = null;
            x = w = dz = dx = null;
            dws = dbs = null;
            g = null;
        }
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

        private float[][] partials = new float[0][];
        private float[][] biasPartials = new float[0][];

        /** {@code count} arrays of at least {@code size} floats, for the chunks' weight gradients. */
        float[][] partials(int count, int size) {
            return partials = grow(partials, count, size);
        }

        /** {@code count} arrays of at least {@code size} floats, for the chunks' bias gradients. */
        float[][] biasPartials(int count, int size) {
            return biasPartials = grow(biasPartials, count, size);
        }

        private static float[][] grow(float[][] arrays, int count, int size) {
            float[][] out = arrays.length < count ? Arrays.copyOf(arrays, count) : arrays;
            for (int i = 0; i < count; i++) {
                if (out[i] == null || out[i].length < size) {
                    out[i] = new float[size];
                }
            }
            return out;
        }
    }
}
