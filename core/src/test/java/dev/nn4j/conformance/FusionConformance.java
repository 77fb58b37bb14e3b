package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.DefaultActivations;
import dev.nn4j.tensor.DefaultBatchNorm;
import dev.nn4j.tensor.DefaultConv;
import dev.nn4j.tensor.DefaultOptimizers;
import dev.nn4j.tensor.DefaultPooling;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Primitives;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fused kernel of the backend under test against its default (the {@code Default*}
 * classes of {@code dev.nn4j.tensor}, written with the primitives) on the same inputs: every
 * activation kind forward and backward (with IEEE special values), softmax on every axis of ranks
 * 1 to 6 with and without log, the dense layer's bias and activation, argmax with ties and NaN, Adam,
 * convolutions and pools over geometries with padding (symmetric, asymmetric), strides below,
 * equal to and above the window, overlapping windows and 1x1 kernels, pools on tied and
 * all-negative values, and batch normalisation on ranks 2, 3 and 4; in-place variants where the
 * contract allows them.
 *
 * <p><b>Agreement.</b> The difference of two results is measured against the magnitude of the
 * default's whole result: {@code |fused − default| ≤ tol · max(1, max_j |default_j|)} for every
 * element, with {@code tol} 1e-6 for FLOAT32 and 1e-12 for FLOAT64; NaN must meet NaN and an
 * infinity the same infinity. Against the tensor's magnitude rather than each element's, because
 * the kernels sum in different orders, and a sum that cancels to near zero keeps the rounding of
 * its large terms. Integer results (argmax) must be equal.
 *
 * <p>The defaults run on {@link #defaultsBackend()}, by default the backend under test; a
 * subclass may run them elsewhere (core runs them on its primitives-only backends against the
 * fused array kernels). With {@code -Dnn4j.fusion.report=true} each test prints its worst
 * difference.
 */
public abstract class FusionConformance extends ConformanceSupport {
    private static final long SEED = 0xF0510_2026L;

    /** Worst differences seen, by kernel and dtype, for the report. */
    private static final Map<String, Double> WORST = new TreeMap<>();

    private static final Activation[] ELEMENT_WISE = {
        Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
        Activation.leakyRelu(0.2), Activation.leakyRelu(0), Activation.ELU, Activation.elu(0.5), Activation.GELU};

    /** Shapes for the element-wise activations (any rank). */
    private static final int[][] SHAPES = {{13}, {7, 5}, {2, 3, 4}, {2, 1, 3, 2}};

    /** Matrices for softmax, the dense layer's bias and argmax. */
    private static final int[][] MATRICES = {{7, 5}, {1, 6}, {4, 1}, {3, 17}};

    /** Shapes for softmax along every axis. */
    private static final int[][] SOFTMAX_SHAPES = {{5}, {3, 4}, {2, 3, 4}, {2, 1, 3, 2}, {2, 2, 1, 3, 2}, {1, 2, 1, 2, 1, 3}};

    /** Values beyond the random ones: zeros of both signs, tiny, large, infinities, NaN. */
    private static final double[] SPECIALS = {
        0.0, -0.0, 1e-3, -1e-3, 1e-30, -1e-30, 30, -30, 88, -88, 700, -700,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    /** {@code {n, c, h, w, filters, kh, kw, sh, sw, top, left, bottom, right}}. */
    private static final int[][] CONVS = {
        {1, 1, 5, 7, 1, 3, 2, 1, 1, 0, 0, 0, 0},      // batch 1, non-square input and kernel, no padding
        {2, 3, 7, 6, 4, 3, 3, 2, 2, 1, 1, 1, 1},      // stride 2, symmetric padding
        {2, 2, 6, 5, 3, 4, 2, 1, 1, 1, 0, 2, 1},      // asymmetric padding, even kernel
        {3, 4, 3, 5, 5, 1, 1, 1, 1, 0, 0, 0, 0},      // 1x1
        {1, 2, 4, 9, 3, 3, 5, 1, 2, 1, 2, 1, 2},      // wide kernel, stride 1x2
        {2, 2, 5, 5, 2, 2, 3, 1, 1, 2, 0, 0, 1},      // padding neither symmetric nor SAME
        {2, 2, 8, 7, 3, 2, 2, 3, 3, 0, 0, 0, 0},      // stride above the kernel: inputs no window reads
    };

    /** Pooling windows {@code {n, c, h, w, kh, kw, sh, sw, top, left, bottom, right}}. */
    private static final int[][] POOLS = {
        {2, 3, 8, 8, 2, 2, 2, 2, 0, 0, 0, 0},         // the usual 2x2 stride 2
        {1, 2, 7, 5, 3, 3, 2, 2, 1, 1, 1, 1},         // 3x3 stride 2 padding 1
        {2, 1, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1},         // overlapping windows, padding
        {2, 2, 7, 7, 2, 2, 2, 2, 0, 0, 1, 1},         // SAME 2x2 stride 2 on an odd size
        {1, 3, 6, 4, 2, 3, 1, 2, 0, 1, 1, 1},         // non-square window, asymmetric padding
        {2, 2, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0},         // 1x1
        {1, 2, 7, 7, 2, 2, 3, 3, 0, 0, 0, 0},         // stride above the window
    };

    /** Batch-norm inputs, the channels their dimension 1: ranks 2, 3 and 4. */
    private static final int[][] NORMS = {{6, 5}, {2, 3, 7}, {3, 4, 5, 2}, {1, 2, 3, 3}};

    /** Where the defaults run: the backend under test unless overridden. */
    protected Backend defaultsBackend() {
        return backend();
    }

    private static double tolerance(DType dt) {
        return dt == DType.FLOAT64 ? 1e-12 : 1e-6;
    }

    private Kernels fused() {
        return backend().kernels();
    }

    private Primitives primitives() {
        return defaultsBackend().kernels();
    }

    /** A copy of {@code t} on {@link #defaultsBackend()}. */
    private Tensor forDefault(Tensor t) {
        return t == null ? null : t.backend() == defaultsBackend() ? t.copy() : t.to(defaultsBackend());
    }

    /** A tensor of {@code dims} on the backend under test with uniform values in {@code [lo, hi)}. */
    private Tensor uniform(DType dt, SplittableRandom rnd, double lo, double hi, int... dims) {
        return random(dt, rnd, lo, hi, dims);
    }

    /** Uniform values in {@code [-3, 3)} with {@link #SPECIALS} at the first positions (as many as fit). */
    private Tensor withSpecials(DType dt, SplittableRandom rnd, int... dims) {
        Tensor t = backend().zeros(dt, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < SPECIALS.length ? SPECIALS[i] : rnd.nextDouble(-3, 3);
        }
        t.setAll(v);
        return t;
    }

    /** Values from {NaN, −∞, −1, 0, 1, +∞}: NaN first, later, alone and beside infinities. */
    private Tensor withNaNs(DType dt, SplittableRandom rnd, int... dims) {
        double[] pool = {Double.NaN, Double.NEGATIVE_INFINITY, -1, 0, 1, Double.POSITIVE_INFINITY};
        Tensor t = backend().zeros(dt, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = pool[rnd.nextInt(pool.length)];
        }
        t.setAll(v);
        return t;
    }

    /** Integers in {@code [lo, hi]}: many ties. */
    private Tensor ties(DType dt, SplittableRandom rnd, int lo, int hi, int... dims) {
        Tensor t = backend().zeros(dt, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(lo, hi + 1);
        }
        t.setAll(v);
        return t;
    }

    /**
     * Asserts {@code |fused − default| ≤ tol · max(1, max |default|)} element by element (NaN only
     * with NaN, infinities equal) and records the worst difference under {@code kernel}.
     */
    private void assertAgree(String kernel, String what, Tensor fused, Tensor dflt) {
        DType dt = fused.dtype();
        double[] a = fused.toDoubleArray();
        double[] b = dflt.toDoubleArray();
        if (a.length != b.length) {
            fail(kernel + " " + what + ": fused has " + a.length + " elements, default " + b.length);
        }
        double scale = 1;
        for (double v : b) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double tol = tolerance(dt);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            boolean ok;
            double diff = 0;
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                ok = Double.isNaN(a[i]) && Double.isNaN(b[i]);
            } else if (Double.isInfinite(a[i]) || Double.isInfinite(b[i])) {
                ok = a[i] == b[i];
            } else {
                diff = Math.abs(a[i] - b[i]) / scale;
                ok = diff <= tol;
            }
            if (!ok) {
                fail(kernel + " " + what + " " + dt + " " + fused.shape() + ": element " + i + " fused " + a[i]
                        + ", default " + b[i] + " (difference " + diff + " of scale " + scale + " > " + tol + ")");
            }
            worst = Math.max(worst, diff);
        }
        record(key(kernel, dt), worst);
    }

    private static void record(String key, double worst) {
        synchronized (WORST) {
            WORST.merge(key, worst, Math::max);
        }
    }

    /** The report's key: both backends, the kernel and the dtype. */
    private String key(String kernel, DType dt) {
        return backend().name() + " vs defaults on " + defaultsBackend().name() + ": " + kernel + " " + dt;
    }

    private void report(String kernel, DType dt) {
        if (Boolean.getBoolean("nn4j.fusion.report")) {
            synchronized (WORST) {
                String key = key(kernel, dt);
                System.out.println("fusion " + key + " worst " + WORST.getOrDefault(key, 0.0));
            }
        }
    }

    // ---- activations ----

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void activationAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (Activation f : ELEMENT_WISE) {
            for (int[] dims : SHAPES) {
                checkActivation(f, uniform(dt, rnd, -5, 5, dims), false);
            }
            checkActivation(f, withSpecials(dt, rnd, 4, 5), false);
            checkActivation(f, uniform(dt, rnd, -5, 5, 3, 4), true);
        }
        for (int[] dims : MATRICES) {
            checkActivation(Activation.SOFTMAX, uniform(dt, rnd, -5, 5, dims), false);
        }
        checkActivation(Activation.SOFTMAX, uniform(dt, rnd, -60, 60, 5, 8), true);
        report("activation", dt);
    }

    private void checkActivation(Activation f, Tensor x, boolean inPlace) {
        Tensor dx = forDefault(x);
        Tensor y = inPlace ? x : backend().create(x.dtype(), x.shape());
        Tensor dy = inPlace ? dx : defaultsBackend().create(x.dtype(), x.shape());
        fused().activation(f, x, y);
        DefaultActivations.activation(primitives(), f, dx, dy);
        assertAgree("activation", f.id() + (inPlace ? " in place" : ""), y, dy);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void activationBackwardAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (Activation f : ELEMENT_WISE) {
            for (int[] dims : SHAPES) {
                checkActivationBackward(f, uniform(dt, rnd, -5, 5, dims), uniform(dt, rnd, -2, 2, dims), false);
            }
            checkActivationBackward(f, withSpecials(dt, rnd, 4, 5), uniform(dt, rnd, -2, 2, 4, 5), false);
            checkActivationBackward(f, uniform(dt, rnd, -5, 5, 3, 4), uniform(dt, rnd, -2, 2, 3, 4), true);
        }
        for (int[] dims : MATRICES) {
            checkActivationBackward(Activation.SOFTMAX, uniform(dt, rnd, -5, 5, dims), uniform(dt, rnd, -2, 2, dims),
                    false);
            checkActivationBackward(Activation.SOFTMAX, uniform(dt, rnd, -5, 5, dims), uniform(dt, rnd, -2, 2, dims),
                    true);
        }
        report("activationBackward", dt);
    }

    /** {@code y = f(x)} by the fused kernel, then both backward passes from the same x, y, dy. */
    private void checkActivationBackward(Activation f, Tensor x, Tensor gradient, boolean inPlace) {
        Tensor y = backend().create(x.dtype(), x.shape());
        fused().activation(f, x, y);
        Tensor dX = forDefault(x);
        Tensor dY = forDefault(y);
        Tensor dGradient = forDefault(gradient);
        Tensor out = inPlace ? gradient : backend().create(x.dtype(), x.shape());
        Tensor dOut = inPlace ? dGradient : defaultsBackend().create(x.dtype(), x.shape());
        fused().activationBackward(f, x, y, gradient, out);
        DefaultActivations.activationBackward(primitives(), f, dX, dY, dGradient, dOut);
        assertAgree("activationBackward", f.id() + (inPlace ? " dx = dy" : ""), out, dOut);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void softmaxAgreesOnEveryAxis(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int[] dims : SOFTMAX_SHAPES) {
            for (int axis = 0; axis < dims.length; axis++) {
                for (boolean log : new boolean[] {false, true}) {
                    Tensor x = uniform(dt, rnd, -8, 8, dims);
                    Tensor dx = forDefault(x);
                    Tensor y = backend().create(dt, x.shape());
                    Tensor dy = defaultsBackend().create(dt, x.shape());
                    fused().softmax(x, axis, log, y);
                    DefaultActivations.softmax(primitives(), dx, axis, log, dy);
                    assertAgree("softmax", "axis " + axis + (log ? " log" : ""), y, dy);
                }
            }
        }
        for (boolean log : new boolean[] {false, true}) {
            Tensor x = uniform(dt, rnd, -50, 50, 3, 4, 5);
            Tensor dx = forDefault(x);
            fused().softmax(x, 1, log, x);
            DefaultActivations.softmax(primitives(), dx, 1, log, dx);
            assertAgree("softmax", "in place" + (log ? " log" : ""), x, dx);
        }
        report("softmax", dt);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void biasActivationAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        Activation[] kinds = new Activation[ELEMENT_WISE.length + 1];
        System.arraycopy(ELEMENT_WISE, 0, kinds, 0, ELEMENT_WISE.length);
        kinds[ELEMENT_WISE.length] = Activation.SOFTMAX;
        for (Activation f : kinds) {
            for (int[] dims : MATRICES) {
                for (boolean inPlace : new boolean[] {false, true}) {
                    Tensor z = uniform(dt, rnd, -4, 4, dims);
                    Tensor bias = uniform(dt, rnd, -1, 1, 1, dims[1]);
                    Tensor dz = forDefault(z);
                    Tensor dBias = forDefault(bias);
                    Tensor y = inPlace ? z : backend().create(dt, z.shape());
                    Tensor dy = inPlace ? dz : defaultsBackend().create(dt, z.shape());
                    fused().biasActivation(z, bias, f, y);
                    DefaultActivations.biasActivation(primitives(), dz, dBias, f, dy);
                    assertAgree("biasActivation", f.id() + " z", z, dz);
                    assertAgree("biasActivation", f.id() + " y", y, dy);
                }
            }
        }
        report("biasActivation", dt);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void argmaxRowsAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        for (int[] dims : MATRICES) {
            for (Tensor a : new Tensor[] {uniform(dt, rnd, -1, 1, dims), ties(dt, rnd, 0, 2, dims),
                    ties(dt, rnd, -1, -1, dims), withNaNs(dt, rnd, dims)}) {
                int[] fusedOut = new int[dims[0]];
                int[] defaultOut = new int[dims[0]];
                fused().argmaxRows(a, fusedOut);
                DefaultActivations.argmaxRows(primitives(), forDefault(a), defaultOut);
                assertArrayEquals(fusedOut, defaultOut, "argmaxRows " + dt + " " + a.shape());
            }
        }
    }

    // ---- optimizer ----

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void adamUpdateAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 5);
        for (int[] dims : new int[][] {{4, 7}, {300}, {2, 3, 2, 2}}) {
            for (int step = 1; step <= 3; step++) {
                Tensor w = uniform(dt, rnd, -1, 1, dims);
                Tensor g = uniform(dt, rnd, -1, 1, dims);
                Tensor m = uniform(dt, rnd, -0.1, 0.1, dims);
                Tensor v = uniform(dt, rnd, 0, 0.01, dims);
                Tensor[] d = {forDefault(w), forDefault(g), forDefault(m), forDefault(v)};
                double beta1 = 0.9;
                double beta2 = 0.999;
                double stepSize = 1e-3 / (1 - Math.pow(beta1, step));
                double vScale = 1 / (1 - Math.pow(beta2, step));
                fused().adamUpdate(w, g, m, v, beta1, beta2, stepSize, vScale, 1e-8, backend().create(dt, w.shape()));
                DefaultOptimizers.adamUpdate(primitives(), d[0], d[1], d[2], d[3], beta1, beta2, stepSize, vScale, 1e-8,
                        defaultsBackend().create(dt, w.shape()));
                assertAgree("adamUpdate", "w", w, d[0]);
                assertAgree("adamUpdate", "m", m, d[2]);
                assertAgree("adamUpdate", "v", v, d[3]);
            }
        }
        report("adamUpdate", dt);
    }

    // ---- images ----

    private static ConvGeometry geometry(int[] c, int n, int ch, int h, int w, int kh, int kw, int sh, int sw,
                                         int padFrom) {
        return ConvGeometry.of(Shape.of(n, ch, h, w), kh, kw, sh, sw,
                new int[] {c[padFrom], c[padFrom + 1], c[padFrom + 2], c[padFrom + 3]});
    }

    private static ConvGeometry convGeometry(int[] c) {
        return geometry(c, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[8], 9);
    }

    private static ConvGeometry poolGeometry(int[] c) {
        return geometry(c, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], 8);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void conv2dAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 6);
        int i = 0;
        for (int[] c : CONVS) {
            ConvGeometry g = convGeometry(c);
            for (int variant = 0; variant < 3; variant++, i++) {
                Activation f = ELEMENT_WISE[i % ELEMENT_WISE.length];
                boolean withBias = variant != 1;
                boolean inPlace = variant == 2;
                Tensor x = uniform(dt, rnd, -1, 1, c[0], c[1], c[2], c[3]);
                Tensor w = uniform(dt, rnd, -1, 1, c[4], c[1], c[5], c[6]);
                Tensor bias = withBias ? uniform(dt, rnd, -1, 1, c[4]) : null;
                Shape out = g.outputShape(c[4]);
                Tensor z = backend().create(dt, out);
                Tensor y = inPlace ? z : backend().create(dt, out);
                Tensor dz = defaultsBackend().create(dt, out);
                Tensor dy = inPlace ? dz : defaultsBackend().create(dt, out);
                fused().conv2d(x, w, bias, g, f, z, y);
                DefaultConv.conv2d(primitives(), forDefault(x), forDefault(w), forDefault(bias), g, f, dz, dy);
                String what = g + " " + f.id() + (withBias ? " bias" : "") + (inPlace ? " y = z" : "");
                assertAgree("conv2d", what + " z", z, dz);
                assertAgree("conv2d", what + " y", y, dy);
            }
        }
        report("conv2d", dt);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void conv2dBackwardAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 7);
        for (int[] c : CONVS) {
            ConvGeometry g = convGeometry(c);
            for (int variant = 0; variant < 3; variant++) {
                boolean withDb = variant != 1;
                boolean withDx = variant != 2;
                Tensor x = uniform(dt, rnd, -1, 1, c[0], c[1], c[2], c[3]);
                Tensor w = uniform(dt, rnd, -1, 1, c[4], c[1], c[5], c[6]);
                Tensor grad = uniform(dt, rnd, -1, 1, c[0], c[4], g.outHeight(), g.outWidth());
                Tensor dw = uniform(dt, rnd, -9, 9, c[4], c[1], c[5], c[6]);   // overwritten
                Tensor db = withDb ? uniform(dt, rnd, -9, 9, c[4]) : null;
                Tensor dx = withDx ? uniform(dt, rnd, -9, 9, c[0], c[1], c[2], c[3]) : null;
                Tensor ddw = forDefault(dw);
                Tensor ddb = forDefault(db);
                Tensor ddx = forDefault(dx);
                fused().conv2dBackward(x, w, grad, g, dw, db, dx);
                DefaultConv.conv2dBackward(primitives(), forDefault(x), forDefault(w), forDefault(grad), g, ddw, ddb,
                        ddx);
                String what = g + (withDb ? " db" : "") + (withDx ? " dx" : "");
                assertAgree("conv2dBackward", what + " dw", dw, ddw);
                if (withDb) {
                    assertAgree("conv2dBackward", what + " db", db, ddb);
                }
                if (withDx) {
                    assertAgree("conv2dBackward", what + " dx", dx, ddx);
                }
            }
        }
        report("conv2dBackward", dt);
    }

    /** Pool inputs: continuous values, many ties, and all negative (so a zero from padding would win). */
    private Tensor[] poolInputs(DType dt, SplittableRandom rnd, int[] c) {
        return new Tensor[] {
            uniform(dt, rnd, -1, 1, c[0], c[1], c[2], c[3]),
            ties(dt, rnd, -2, 2, c[0], c[1], c[2], c[3]),
            uniform(dt, rnd, -5, -1, c[0], c[1], c[2], c[3])};
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void maxPoolAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 8);
        for (int[] c : POOLS) {
            ConvGeometry g = poolGeometry(c);
            for (Tensor x : poolInputs(dt, rnd, c)) {
                Shape out = g.outputShape(c[1]);
                Tensor y = backend().create(dt, out);
                Tensor dy = defaultsBackend().create(dt, out);
                fused().maxPool2d(x, g, y);
                DefaultPooling.maxPool2d(primitives(), forDefault(x), g, dy);
                assertAgree("maxPool2d", g.toString(), y, dy);

                Tensor grad = uniform(dt, rnd, -1, 1, out.dims());
                Tensor dx = uniform(dt, rnd, -9, 9, x.shape().dims());   // overwritten
                Tensor ddx = forDefault(dx);
                fused().maxPool2dBackward(x, grad, g, dx);
                DefaultPooling.maxPool2dBackward(primitives(), forDefault(x), forDefault(grad), g, ddx);
                assertAgree("maxPool2dBackward", g.toString(), dx, ddx);
            }
        }
        report("maxPool2d", dt);
        report("maxPool2dBackward", dt);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void avgPoolAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 9);
        for (int[] c : POOLS) {
            ConvGeometry g = poolGeometry(c);
            for (Tensor x : poolInputs(dt, rnd, c)) {
                Shape out = g.outputShape(c[1]);
                Tensor y = backend().create(dt, out);
                Tensor dy = defaultsBackend().create(dt, out);
                fused().avgPool2d(x, g, y);
                DefaultPooling.avgPool2d(primitives(), forDefault(x), g, dy);
                assertAgree("avgPool2d", g.toString(), y, dy);

                Tensor grad = uniform(dt, rnd, -1, 1, out.dims());
                Tensor dx = uniform(dt, rnd, -9, 9, x.shape().dims());   // overwritten
                Tensor ddx = forDefault(dx);
                fused().avgPool2dBackward(grad, g, dx);
                DefaultPooling.avgPool2dBackward(primitives(), forDefault(grad), g, ddx);
                assertAgree("avgPool2dBackward", g.toString(), dx, ddx);
            }
        }
        report("avgPool2d", dt);
        report("avgPool2dBackward", dt);
    }

    // ---- batch normalisation ----

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void batchNormAgrees(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 10);
        for (int[] dims : NORMS) {
            int channels = dims[1];
            Tensor x = uniform(dt, rnd, -1.5, 2.5, dims);
            Tensor dX = forDefault(x);

            Tensor mean = backend().create(dt, Shape.of(channels));
            Tensor variance = backend().create(dt, Shape.of(channels));
            Tensor dMean = defaultsBackend().create(dt, Shape.of(channels));
            Tensor dVariance = defaultsBackend().create(dt, Shape.of(channels));
            fused().channelMeanVariance(x, channels, mean, variance);
            DefaultBatchNorm.channelMeanVariance(primitives(), dX, channels, dMean, dVariance);
            assertAgree("channelMeanVariance", x.shape() + " mean", mean, dMean);
            assertAgree("channelMeanVariance", x.shape() + " variance", variance, dVariance);

            Tensor gamma = uniform(dt, rnd, 0.5, 2, channels);
            Tensor beta = uniform(dt, rnd, -1, 1, channels);
            for (boolean inPlace : new boolean[] {false, true}) {
                Tensor in = inPlace ? x.copy() : x;
                Tensor dIn = forDefault(in);
                Tensor y = inPlace ? in : backend().create(dt, x.shape());
                Tensor dy = inPlace ? dIn : defaultsBackend().create(dt, x.shape());
                fused().batchNorm(in, channels, mean, variance, 1e-5, gamma, beta, y);
                DefaultBatchNorm.batchNorm(primitives(), dIn, channels, forDefault(mean), forDefault(variance), 1e-5,
                        forDefault(gamma), forDefault(beta), dy);
                assertAgree("batchNorm", x.shape() + (inPlace ? " in place" : ""), y, dy);
            }

            for (boolean inPlace : new boolean[] {false, true}) {
                Tensor grad = uniform(dt, rnd, -1, 1, dims);
                Tensor dGrad = forDefault(grad);
                Tensor dx = inPlace ? grad : backend().create(dt, x.shape());
                Tensor ddx = inPlace ? dGrad : defaultsBackend().create(dt, x.shape());
                Tensor dgamma = backend().create(dt, Shape.of(channels));
                Tensor dbeta = backend().create(dt, Shape.of(channels));
                Tensor ddgamma = defaultsBackend().create(dt, Shape.of(channels));
                Tensor ddbeta = defaultsBackend().create(dt, Shape.of(channels));
                fused().batchNormBackward(x, grad, channels, mean, variance, 1e-5, gamma, dx, dgamma, dbeta);
                DefaultBatchNorm.batchNormBackward(primitives(), dX, dGrad, channels, forDefault(mean),
                        forDefault(variance), 1e-5, forDefault(gamma), ddx, ddgamma, ddbeta);
                String what = x.shape() + (inPlace ? " dx = dy" : "");
                assertAgree("batchNormBackward", what + " dx", dx, ddx);
                assertAgree("batchNormBackward", what + " dgamma", dgamma, ddgamma);
                assertAgree("batchNormBackward", what + " dbeta", dbeta, ddbeta);
            }
        }
        report("channelMeanVariance", dt);
        report("batchNorm", dt);
        report("batchNormBackward", dt);
    }
}
