package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.conformance.ImageReference.Window;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The image and batch-normalisation kernels on random data against the naive
 * {@link ImageReference} (fed the values read back from the tensors, so FLOAT32 input rounding
 * does not count) to relative error 1e-4 for FLOAT32 and 1e-9 for FLOAT64, and against the
 * test-only {@link OtherBackend} (core's array kernels) to the same tolerances. The geometries
 * cover stride 2, SAME padding with even kernels (the odd row and column after), 1x1 kernels,
 * non-square inputs and kernels, batch 1, more images than one im2col chunk, bias on and off,
 * and every element-wise activation fused into the convolution.
 */
public abstract class RandomImageKernelConformance extends ConformanceSupport {
    private static final long SEED = 0x1A6E_2026L;

    private static final Activation[] ACTIVATIONS = {
        Activation.IDENTITY, Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.leakyRelu(0.2),
        Activation.elu(0.5), Activation.GELU};

    /** {@code {n, c, h, w, filters, kh, kw, sh, sw, top, left, bottom, right}}. */
    private static final int[][] CONVS = {
        {1, 1, 5, 7, 1, 3, 2, 1, 1, 0, 0, 0, 0},      // batch 1, non-square input and kernel, valid
        {2, 3, 7, 6, 4, 3, 3, 2, 2, 1, 1, 1, 1},      // stride 2, symmetric padding
        {2, 2, 6, 5, 3, 4, 2, 1, 1, 1, 0, 2, 1},      // SAME with even kernels: the extra row/column after
        {3, 2, 7, 8, 2, 2, 2, 2, 2, 0, 0, 1, 0},      // SAME 2x2 stride 2 (7 -> 4 pads one row after, 8 -> 4 none)
        {3, 4, 3, 5, 5, 1, 1, 1, 1, 0, 0, 0, 0},      // 1x1
        {2, 3, 5, 4, 2, 1, 1, 2, 2, 0, 0, 0, 0},      // 1x1 stride 2
        {1, 2, 4, 9, 3, 3, 5, 1, 2, 1, 2, 1, 2},      // wide kernel, stride 1x2
        {2, 2, 5, 5, 2, 2, 3, 1, 1, 2, 0, 0, 1},      // explicit padding that is neither symmetric nor SAME
        {2, 1, 28, 28, 4, 5, 5, 1, 1, 0, 0, 0, 0},    // LeNet's first layer, smaller
        {10, 16, 28, 28, 2, 3, 3, 1, 1, 1, 1, 1, 1},  // 10 images > one chunk of 2^20 patch values (9 images)
    };

    /** Pooling windows {@code {n, c, h, w, kh, kw, sh, sw, top, left, bottom, right}}. */
    private static final int[][] POOLS = {
        {2, 3, 8, 8, 2, 2, 2, 2, 0, 0, 0, 0},         // the usual 2x2 stride 2
        {1, 2, 7, 5, 3, 3, 2, 2, 1, 1, 1, 1},         // 3x3 stride 2 padding 1, batch 1, non-square
        {2, 1, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1},         // overlapping windows
        {2, 2, 7, 7, 2, 2, 2, 2, 0, 0, 1, 1},         // SAME 2x2 stride 2 on an odd size
        {1, 3, 6, 4, 2, 3, 1, 2, 0, 1, 1, 1},         // non-square window, asymmetric padding
        {2, 2, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0},         // 1x1
    };

    private static double tol(DType dt) {
        return dt == DType.FLOAT64 ? 1e-9 : 1e-4;
    }

    private static Window window(int[] p, int at) {
        return new Window(p[0], p[1], p[2], p[3], p[at], p[at + 1], p[at + 2], p[at + 3], p[at + 4], p[at + 5],
                p[at + 6], p[at + 7]);
    }

    /** The kernels' geometry for {@code r}, checked against the reference's own output size. */
    static ConvGeometry geometry(Window r) {
        ConvGeometry g = ConvGeometry.of(Shape.of(r.n(), r.c(), r.h(), r.w()), r.kh(), r.kw(), r.sh(), r.sw(),
                new int[] {r.top(), r.left(), r.bottom(), r.right()});
        assertEquals(r.oh(), g.outHeight(), "output height of " + r);
        assertEquals(r.ow(), g.outWidth(), "output width of " + r);
        return g;
    }

    /** Random input images {@code [n, c, h, w]} in [-1, 1). */
    private Tensor images(DType dt, SplittableRandom rnd, Window r) {
        return random(dt, rnd, -1, 1, r.n(), r.c(), r.h(), r.w());
    }

    /** Random weights {@code [filters, c, kh, kw]} in [-0.5, 0.5). */
    private Tensor filters(DType dt, SplittableRandom rnd, Window r, int filters) {
        return random(dt, rnd, -0.5, 0.5, filters, r.c(), r.kh(), r.kw());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convForwardMatchesTheDefinition(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < CONVS.length; i++) {
            Window r = window(CONVS[i], 5);
            int filters = CONVS[i][4];
            ConvGeometry g = geometry(r);
            Tensor x = images(dt, rnd, r);
            Tensor w = filters(dt, rnd, r, filters);
            Tensor bias = i % 2 == 0 ? random(dt, rnd, -1, 1, filters) : null;
            Activation f = ACTIVATIONS[i % ACTIVATIONS.length];
            double[] z = ImageReference.conv(x.toDoubleArray(), w.toDoubleArray(),
                    bias == null ? null : bias.toDoubleArray(), r, filters);
            Tensor zt = backend().zeros(dt, r.n(), filters, r.oh(), r.ow());
            Tensor yt = backend().zeros(dt, r.n(), filters, r.oh(), r.ow());
            String what = "conv2d " + r + " filters " + filters + (bias == null ? " no bias " : " bias ") + f.id();
            ImageOps.conv2d(x, w, bias, g, f, zt, yt);
            assertClose(z, zt, tol(dt), what + ": z");
            double[] y = z.clone();
            for (int j = 0; j < y.length; j++) {
                y[j] = ReferenceMath.activation(f, z[j]);
            }
            assertClose(y, yt, tol(dt), what + ": y");
            ImageOps.conv2d(x, w, bias, g, f, zt, zt);
            assertClose(y, zt, tol(dt), what + ": y == z");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convBackwardMatchesTheDefinition(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (int i = 0; i < CONVS.length; i++) {
            Window r = window(CONVS[i], 5);
            int filters = CONVS[i][4];
            ConvGeometry g = geometry(r);
            Tensor x = images(dt, rnd, r);
            Tensor w = filters(dt, rnd, r, filters);
            Tensor dz = random(dt, rnd, -1, 1, r.n(), filters, r.oh(), r.ow());
            double[][] ref = ImageReference.convBackward(x.toDoubleArray(), w.toDoubleArray(), dz.toDoubleArray(),
                    r, filters);
            Tensor dw = random(dt, rnd, -9, 9, filters, r.c(), r.kh(), r.kw());
            Tensor db = random(dt, rnd, -9, 9, filters);
            Tensor dx = random(dt, rnd, -9, 9, r.n(), r.c(), r.h(), r.w());
            boolean full = i % 2 == 0;
            ImageOps.conv2dBackward(x, w, dz, g, dw, full ? db : null, full ? dx : null);
            String what = "conv2d backward " + r + " filters " + filters;
            assertClose(ref[0], dw, tol(dt), what + ": dw");
            if (full) {
                assertClose(ref[1], db, tol(dt), what + ": db");
                assertClose(ref[2], dx, tol(dt), what + ": dx");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void poolingMatchesTheDefinition(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int[] p : POOLS) {
            Window r = window(p, 4);
            ConvGeometry g = geometry(r);
            for (boolean ties : new boolean[] {false, true}) {
                // with ties: small integers, so that most windows hold their maximum more than once
                Tensor x = ties ? integers(dt, rnd, r) : random(dt, rnd, -2, 2, r.n(), r.c(), r.h(), r.w());
                Tensor dy = random(dt, rnd, -1, 1, r.n(), r.c(), r.oh(), r.ow());
                double[] xv = x.toDoubleArray();
                Tensor y = backend().zeros(dt, r.n(), r.c(), r.oh(), r.ow());
                Tensor dx = random(dt, rnd, -9, 9, r.n(), r.c(), r.h(), r.w());
                String what = r + (ties ? " with ties" : "");
                ImageOps.maxPool2d(x, g, y);
                assertClose(ImageReference.maxPool(xv, r), y, tol(dt), "maxPool2d " + what);
                ImageOps.maxPool2dBackward(x, dy, g, dx);
                assertClose(ImageReference.maxPoolBackward(xv, dy.toDoubleArray(), r), dx, tol(dt),
                        "maxPool2d backward " + what);
                ImageOps.avgPool2d(x, g, y);
                assertClose(ImageReference.avgPool(xv, r), y, tol(dt), "avgPool2d " + what);
                ImageOps.avgPool2dBackward(dy, g, dx);
                assertClose(ImageReference.avgPoolBackward(dy.toDoubleArray(), r), dx, tol(dt),
                        "avgPool2d backward " + what);
            }
        }
    }

    private Tensor integers(DType dt, SplittableRandom rnd, Window r) {
        Tensor t = backend().zeros(dt, r.n(), r.c(), r.h(), r.w());
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(-2, 2);
        }
        t.setAll(v);
        return t;
    }

    /** Batch-norm inputs: {@code [N, F]} and {@code [N, C, H, W]} (batch 1 included) and a rank-3 {@code [N, C, S]}. */
    private static final int[][] NORMS = {{8, 5}, {2, 3}, {4, 3, 5, 6}, {1, 2, 3, 3}, {3, 4, 7}};

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchNormMatchesTheDefinition(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        for (int[] dims : NORMS) {
            int c = dims[1];
            int s = 1;
            for (int d = 2; d < dims.length; d++) {
                s *= dims[d];
            }
            String what = Shape.of(dims).toString();
            // an offset and a scale per run, so that the mean matters and the variance is not 1
            Tensor x = random(dt, rnd, 3, 5, dims);
            double[] xv = x.toDoubleArray();
            double[][] stats = ImageReference.meanVariance(xv, c, s);
            Tensor mean = backend().zeros(dt, c);
            Tensor var = backend().zeros(dt, c);
            ImageOps.channelMeanVariance(x, c, mean, var);
            assertClose(stats[0], mean, tol(dt), "channelMeanVariance mean " + what);
            assertClose(stats[1], var, tol(dt), "channelMeanVariance variance " + what);

            Tensor gamma = random(dt, rnd, 0.5, 2, c);
            Tensor beta = random(dt, rnd, -1, 1, c);
            double eps = 1e-5;
            double[] m = mean.toDoubleArray();
            double[] v = var.toDoubleArray();
            Tensor y = backend().zeros(dt, dims);
            ImageOps.batchNorm(x, c, mean, var, eps, gamma, beta, y);
            assertClose(ImageReference.batchNorm(xv, c, s, m, v, eps, gamma.toDoubleArray(), beta.toDoubleArray()), y,
                    tol(dt), "batchNorm " + what);

            Tensor dy = random(dt, rnd, -1, 1, dims);
            double[][] ref = ImageReference.batchNormBackward(xv, dy.toDoubleArray(), c, s, m, v, eps,
                    gamma.toDoubleArray());
            Tensor dx = backend().zeros(dt, dims);
            Tensor dgamma = backend().zeros(dt, c);
            Tensor dbeta = backend().zeros(dt, c);
            ImageOps.batchNormBackward(x, dy, c, mean, var, eps, gamma, dx, dgamma, dbeta);
            assertClose(ref[0], dx, tol(dt), "batchNorm backward dx " + what);
            assertClose(ref[1], dgamma, tol(dt), "batchNorm backward dgamma " + what);
            assertClose(ref[2], dbeta, tol(dt), "batchNorm backward dbeta " + what);
            ImageOps.batchNormBackward(x, dy, c, mean, var, eps, gamma, dy, dgamma, dbeta);
            assertClose(ref[0], dy, tol(dt), "batchNorm backward dx == dy " + what);

            ImageOps.batchNorm(x, c, mean, var, eps, gamma, beta, x);
            assertClose(y.toDoubleArray(), x, tol(dt), "batchNorm y == x " + what);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void everyKernelAgreesWithTheArrayReferenceBackend(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        OtherBackend other = OtherBackend.INSTANCE;
        for (int i = 0; i < CONVS.length - 1; i += 2) {
            int[] p = CONVS[i];
            Window r = window(p, 5);
            ConvGeometry g = geometry(r);
            int filters = p[4];
            Tensor x = images(dt, rnd, r);
            Tensor w = filters(dt, rnd, r, filters);
            Tensor bias = random(dt, rnd, -1, 1, filters);
            Tensor dz = random(dt, rnd, -1, 1, r.n(), filters, r.oh(), r.ow());
            Tensor[] here = convAll(x, w, bias, dz, g, filters);
            Tensor[] there = convAll(x.to(other), w.to(other), bias.to(other), dz.to(other), g, filters);
            String[] names = {"y", "dw", "db", "dx"};
            for (int k = 0; k < here.length; k++) {
                assertClose(there[k].toDoubleArray(), here[k], tol(dt), "conv2d vs " + other.name() + " " + r + " "
                        + names[k]);
            }
        }
        for (int[] p : POOLS) {
            Window r = window(p, 4);
            ConvGeometry g = geometry(r);
            Tensor x = integers(dt, rnd, r);
            Tensor dy = random(dt, rnd, -1, 1, r.n(), r.c(), r.oh(), r.ow());
            Tensor[] here = poolAll(x, dy, g);
            Tensor[] there = poolAll(x.to(other), dy.to(other), g);
            String[] names = {"max", "max backward", "avg", "avg backward"};
            for (int k = 0; k < here.length; k++) {
                assertClose(there[k].toDoubleArray(), here[k], tol(dt), "pooling vs " + other.name() + " " + r + " "
                        + names[k]);
            }
        }
        for (int[] dims : NORMS) {
            Tensor x = random(dt, rnd, -2, 3, dims);
            Tensor dy = random(dt, rnd, -1, 1, dims);
            Tensor gamma = random(dt, rnd, 0.5, 2, dims[1]);
            Tensor beta = random(dt, rnd, -1, 1, dims[1]);
            Tensor[] here = normAll(x, dy, gamma, beta);
            Tensor[] there = normAll(x.to(other), dy.to(other), gamma.to(other), beta.to(other));
            String[] names = {"mean", "variance", "y", "dx", "dgamma", "dbeta"};
            for (int k = 0; k < here.length; k++) {
                assertClose(there[k].toDoubleArray(), here[k], tol(dt), "batchNorm vs " + other.name() + " "
                        + Shape.of(dims) + " " + names[k]);
            }
        }
    }

    private static Tensor[] convAll(Tensor x, Tensor w, Tensor bias, Tensor dz, ConvGeometry g, int filters) {
        Tensor y = x.backend().create(x.dtype(), g.outputShape(filters));
        ImageOps.conv2d(x, w, bias, g, Activation.TANH, y, y);
        Tensor dw = Ops.like(w);
        Tensor db = Ops.like(bias);
        Tensor dx = Ops.like(x);
        ImageOps.conv2dBackward(x, w, dz, g, dw, db, dx);
        return new Tensor[] {y, dw, db, dx};
    }

    private static Tensor[] poolAll(Tensor x, Tensor dy, ConvGeometry g) {
        Tensor max = Ops.like(dy);
        Tensor avg = Ops.like(dy);
        Tensor dmax = Ops.like(x);
        Tensor davg = Ops.like(x);
        ImageOps.maxPool2d(x, g, max);
        ImageOps.maxPool2dBackward(x, dy, g, dmax);
        ImageOps.avgPool2d(x, g, avg);
        ImageOps.avgPool2dBackward(dy, g, davg);
        return new Tensor[] {max, dmax, avg, davg};
    }

    private static Tensor[] normAll(Tensor x, Tensor dy, Tensor gamma, Tensor beta) {
        int c = gamma.size();
        Tensor mean = Ops.like(gamma);
        Tensor var = Ops.like(gamma);
        Tensor y = Ops.like(x);
        Tensor dx = Ops.like(x);
        Tensor dgamma = Ops.like(gamma);
        Tensor dbeta = Ops.like(gamma);
        ImageOps.channelMeanVariance(x, c, mean, var);
        ImageOps.batchNorm(x, c, mean, var, 1e-5, gamma, beta, y);
        ImageOps.batchNormBackward(x, dy, c, mean, var, 1e-5, gamma, dx, dgamma, dbeta);
        return new Tensor[] {mean, var, y, dx, dgamma, dbeta};
    }
}
