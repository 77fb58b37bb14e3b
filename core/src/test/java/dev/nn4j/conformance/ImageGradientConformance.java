package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The backward image kernels against central differences in FLOAT64: for a fixed random
 * {@code r}, the scalar {@code L = Σ r ⊙ forward(inputs)} is differentiated numerically in
 * every input element ({@code (L(v+h) - L(v-h)) / 2h}, {@code h = 1e-5}) and compared with the
 * backward kernel given {@code dy = r}, to relative error 1e-6 ({@code |a - n| / max(1, |n|)}).
 * Pooling inputs have no ties (distinct values 0.01 apart), so the maximum does not jump.
 */
public abstract class ImageGradientConformance extends ConformanceSupport {
    private static final double H = 1e-5;
    private static final double TOLERANCE = 1e-6;
    private static final DType DT = DType.FLOAT64;

    /** Compares {@code analytic} with the central difference of {@code loss} in every element of {@code v}. */
    private static void check(String what, Tensor v, Tensor analytic, DoubleSupplier loss) {
        double[] a = analytic.toDoubleArray();
        for (int i = 0; i < v.size(); i++) {
            int[] at = index(v.shape(), i);
            double old = v.get(at);
            v.set(old + H, at);
            double plus = loss.getAsDouble();
            v.set(old - H, at);
            double minus = loss.getAsDouble();
            v.set(old, at);
            double numeric = (plus - minus) / (2 * H);
            double err = relativeError(a[i], numeric);
            assertTrue(err <= TOLERANCE, what + " element " + i + " of " + v.shape() + ": backward " + a[i]
                    + ", central difference " + numeric + " (relative error " + err + ")");
        }
    }

    private static int[] index(Shape s, int flat) {
        int[] idx = new int[s.rank()];
        for (int d = s.rank() - 1; d >= 0; d--) {
            idx[d] = flat % s.dim(d);
            flat /= s.dim(d);
        }
        return idx;
    }

    private ConvGeometry geometry(int[] x, int kh, int kw, int s, int... pad) {
        return ConvGeometry.of(Shape.of(x), kh, kw, s, s, pad);
    }

    private void convCase(String what, int[] xDims, int filters, int kh, int kw, int stride, int[] pad, boolean bias) {
        SplittableRandom rnd = new SplittableRandom(41 + filters);
        ConvGeometry g = geometry(xDims, kh, kw, stride, pad);
        Tensor x = random(DT, rnd, -1, 1, xDims);
        Tensor w = random(DT, rnd, -1, 1, filters, xDims[1], kh, kw);
        Tensor b = bias ? random(DT, rnd, -1, 1, filters) : null;
        Tensor r = random(DT, rnd, -1, 1, g.outputShape(filters).dims());
        Tensor z = Ops.like(r);
        DoubleSupplier loss = () -> {
            ImageOps.conv2d(x, w, b, g, Activation.IDENTITY, z, z);
            return Ops.dot(r, z);
        };
        Tensor dw = Ops.like(w);
        Tensor db = bias ? Ops.like(b) : null;
        Tensor dx = Ops.like(x);
        ImageOps.conv2dBackward(x, w, r, g, dw, db, dx);
        check("conv2d " + what + " dx", x, dx, loss);
        check("conv2d " + what + " dw", w, dw, loss);
        if (bias) {
            check("conv2d " + what + " db", b, db, loss);
        }
    }

    @Test
    void convWithStrideAndPadding() {
        convCase("3x3 stride 2 padding 1", new int[] {2, 2, 5, 4}, 3, 3, 3, 2, new int[] {1, 1, 1, 1}, true);
    }

    @Test
    void convSameWithAnEvenKernelWithoutBias() {
        convCase("2x4 SAME without bias", new int[] {2, 2, 4, 5}, 2, 2, 4, 1, new int[] {0, 1, 1, 2}, false);
    }

    @Test
    void convOneByOneStrideTwo() {
        convCase("1x1 stride 2", new int[] {1, 3, 5, 5}, 2, 1, 1, 2, new int[] {0, 0, 0, 0}, true);
    }

    /** Distinct values 0.01 apart in random order: no window holds a tie. */
    private Tensor distinct(SplittableRandom rnd, int... dims) {
        Tensor t = backend().zeros(DT, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i - v.length / 2) * 0.01;
        }
        for (int i = v.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            double tmp = v[i];
            v[i] = v[j];
            v[j] = tmp;
        }
        t.setAll(v);
        return t;
    }

    @Test
    void poolsWithOverlapAndPadding() {
        SplittableRandom rnd = new SplittableRandom(43);
        int[] dims = {2, 2, 5, 6};
        for (ConvGeometry g : new ConvGeometry[] {
            geometry(dims, 3, 3, 2, 1, 1, 1, 1), geometry(dims, 2, 2, 2, 0, 0, 1, 0), geometry(dims, 3, 2, 1, 1, 0, 1, 1)}) {
            Tensor x = distinct(rnd, dims);
            Tensor r = random(DT, rnd, -1, 1, g.outputShape(2).dims());
            Tensor y = Ops.like(r);
            Tensor dx = Ops.like(x);
            ImageOps.maxPool2dBackward(x, r, g, dx);
            check("maxPool2d " + g, x, dx, () -> {
                ImageOps.maxPool2d(x, g, y);
                return Ops.dot(r, y);
            });
            ImageOps.avgPool2dBackward(r, g, dx);
            check("avgPool2d " + g, x, dx, () -> {
                ImageOps.avgPool2d(x, g, y);
                return Ops.dot(r, y);
            });
        }
    }

    private void batchNormCase(int... dims) {
        SplittableRandom rnd = new SplittableRandom(47 + dims.length);
        int c = dims[1];
        Tensor x = random(DT, rnd, -2, 2, dims);
        Tensor gamma = random(DT, rnd, 0.5, 2, c);
        Tensor beta = random(DT, rnd, -1, 1, c);
        Tensor r = random(DT, rnd, -1, 1, dims);
        Tensor mean = Ops.like(gamma);
        Tensor var = Ops.like(gamma);
        Tensor y = Ops.like(x);
        double eps = 1e-3;
        DoubleSupplier loss = () -> {     // training mode: the statistics are the batch's, recomputed
            ImageOps.channelMeanVariance(x, c, mean, var);
            ImageOps.batchNorm(x, c, mean, var, eps, gamma, beta, y);
            return Ops.dot(r, y);
        };
        loss.getAsDouble();
        Tensor dx = Ops.like(x);
        Tensor dgamma = Ops.like(gamma);
        Tensor dbeta = Ops.like(gamma);
        ImageOps.batchNormBackward(x, r, c, mean, var, eps, gamma, dx, dgamma, dbeta);
        String what = "batchNorm " + Shape.of(dims);
        check(what + " dx", x, dx, loss);
        check(what + " dgamma", gamma, dgamma, loss);
        check(what + " dbeta", beta, dbeta, loss);
    }

    @Test
    void batchNormOverFeatures() {
        batchNormCase(4, 3);
    }

    @Test
    void batchNormOverImages() {
        batchNormCase(2, 3, 2, 3);
    }
}
