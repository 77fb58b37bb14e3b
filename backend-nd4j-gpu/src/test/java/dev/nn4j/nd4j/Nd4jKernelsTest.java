package dev.nn4j.nd4j;

import static dev.nn4j.nd4j.Nd4jActivationsTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ND4J kernels against naive Java references and hand-worked values, and the promise that
 * no warm kernel allocates native memory (libnd4j's buffer counter does not move).
 */
class Nd4jKernelsTest {
    private final Nd4jBackend nd4j = (Nd4jBackend) Backends.get("nd4j");
    private final SplittableRandom rnd = new SplittableRandom(7);

    private Tensor random(DType dtype, int... dims) {
        Tensor t = nd4j.zeros(dtype, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble(-2, 2);
        }
        t.setAll(v);
        return t;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmMatchesANaiveProductForEveryTransposeCombination(DType dtype) {
        int m = 5;
        int k = 7;
        int n = 3;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                try (Tensor a = ta ? random(dtype, k, m) : random(dtype, m, k);
                     Tensor b = tb ? random(dtype, n, k) : random(dtype, k, n);
                     Tensor c = random(dtype, m, n)) {
                    double[][] av = a.toDoubleMatrix();
                    double[][] bv = b.toDoubleMatrix();
                    double[] cv = c.toDoubleArray();
                    double[] expected = new double[m * n];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int p = 0; p < k; p++) {
                                s += (ta ? av[p][i] : av[i][p]) * (tb ? bv[j][p] : bv[p][j]);
                            }
                            expected[i * n + j] = 1.5 * s - 0.5 * cv[i * n + j];
                        }
                    }
                    Ops.gemm(ta, tb, 1.5, a, b, -0.5, c);
                    assertClose(expected, c, dtype == DType.FLOAT32 ? 1e-5 : 1e-12, "gemm ta=" + ta + " tb=" + tb);
                }
            }
        }
    }

    @Test
    void gemmWithBetaZeroIgnoresNaNInC() {
        try (Tensor a = nd4j.matrix(new double[][] {{1, 2}, {3, 4}});
             Tensor b = nd4j.matrix(new double[][] {{5, 6}, {7, 8}});
             Tensor c = nd4j.matrix(new double[][] {{Double.NaN, 1}, {1, Double.NaN}})) {
            Ops.gemm(false, false, 1, a, b, 0, c);
            assertClose(new double[] {19, 22, 43, 50}, c, 0, "gemm beta 0");
        }
    }

    @Test
    void sumAndDotOfFloatDataAccumulateInDouble() {
        // 2^24 + 1 + 1 + 1 + 1: every "+1" is lost in float arithmetic.
        float[] v = {16_777_216f, 1, 1, 1, 1};
        try (Tensor t = nd4j.fromArray(v, 5); Tensor ones = nd4j.fromArray(new float[] {1, 1, 1, 1, 1}, 5)) {
            assertEquals(16_777_220.0, Ops.sum(t), 0);
            assertEquals(16_777_220.0, Ops.dot(t, ones), 0);
        }
        try (Tensor a = nd4j.fromArray(new double[] {1.5, -2, 3}, 3); Tensor b = nd4j.fromArray(new double[] {2, 4, 0.5}, 3)) {
            assertEquals(-3.5, Ops.dot(a, b), 0);
            assertEquals(2.5, Ops.sum(a), 0);
            assertClose(new double[] {1.5, -2, 3}, a, 0, "dot leaves its operands unchanged");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void argmaxRowsTakesTheFirstIndexOnTies(DType dtype) {
        try (Tensor a = nd4j.matrix(dtype, new double[][] {{1, 5, 5, 2}, {7, 7, 7, 7}, {-3, -1, -2, -1}})) {
            assertArrayEquals(new int[] {1, 0, 1}, Ops.argmaxRows(a));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void elementWiseAndRowKernelsMatchHandWorkedValues(DType dtype) {
        try (Tensor a = nd4j.matrix(dtype, new double[][] {{1, -2, 3}, {4, 0.25, -6}});
             Tensor b = nd4j.matrix(dtype, new double[][] {{2, 2, -1}, {0.5, 4, 3}});
             Tensor row = nd4j.matrix(dtype, new double[][] {{10, 20, 30}});
             Tensor out = Ops.like(a);
             Tensor t = nd4j.zeros(dtype, 3, 2);
             Tensor sums = nd4j.zeros(dtype, 1, 3)) {
            Ops.add(a, b, out);
            assertClose(new double[] {3, 0, 2, 4.5, 4.25, -3}, out, 0, "add");
            Ops.sub(a, b, out);
            assertClose(new double[] {-1, -4, 4, 3.5, -3.75, -9}, out, 0, "sub");
            Ops.hadamard(a, b, out);
            assertClose(new double[] {2, -4, -3, 2, 1, -18}, out, 0, "mul");
            Ops.div(a, b, out);
            assertClose(new double[] {0.5, -1, -3, 8, 0.0625, -2}, out, 0, "div");
            Ops.scale(a, -2, out);
            assertClose(new double[] {-2, 4, -6, -8, -0.5, 12}, out, 0, "scale");
            Ops.addScalar(a, 0.5, out);
            assertClose(new double[] {1.5, -1.5, 3.5, 4.5, 0.75, -5.5}, out, 0, "addScalar");
            Ops.clamp(a, -1, 2, out);
            assertClose(new double[] {1, -1, 2, 2, 0.25, -1}, out, 0, "clamp");
            Ops.addRowVector(a, row, out);
            assertClose(new double[] {11, 18, 33, 14, 20.25, 24}, out, 0, "addRowVector");
            Ops.sumRows(a, sums);
            assertClose(new double[] {5, -1.75, -3}, sums, 0, "sumRows");
            Ops.transpose(a, t);
            assertClose(new double[] {1, 4, -2, 0.25, 3, -6}, t, 0, "transpose");
            Ops.copy(a, out);
            Ops.axpby(2, b, 0.5, out);
            assertClose(new double[] {4.5, 3, -0.5, 3, 8.125, 3}, out, 0, "axpby");
            Ops.axpby(2, out, 0.5, out);
            assertClose(new double[] {11.25, 7.5, -1.25, 7.5, 20.3125, 7.5}, out, 0, "axpby with x == y");
            Ops.fill(out, -0.75);
            assertClose(new double[] {-0.75, -0.75, -0.75, -0.75, -0.75, -0.75}, out, 0, "fill");
        }
    }

    /** erf at 0.25, 1, 2.5 and 9, to double precision (tables of the error function). */
    private static final double[] ERF = {0.27632639016823691, 0.84270079294971487, 0.99959304798255504, 1.0};

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void unaryFunctionsMatchJavaMathOnTheHeapAndNatively(DType dtype) {
        double[] xs = {0.25, 1, 2.5, 9};
        for (Nd4jBackend b : new Nd4jBackend[] {nd4j, new Nd4jBackend(0)}) {
            try (Tensor x = b.zeros(dtype, 4); Tensor out = b.zeros(dtype, 4)) {
                x.setAll(xs);
                double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
                for (Unary f : Unary.values()) {
                    double[] expected = new double[4];
                    for (int i = 0; i < 4; i++) {
                        double v = xs[i];
                        expected[i] = switch (f) {
                            case EXP -> Math.exp(v);
                            case LOG -> Math.log(v);
                            case SQRT -> Math.sqrt(v);
                            case RSQRT -> 1 / Math.sqrt(v);
                            case SQUARE -> v * v;
                            case ABS -> Math.abs(v);
                            case NEG -> -v;
                            case RECIPROCAL -> 1 / v;
                            case TANH -> Math.tanh(v);
                            case SIGMOID -> 1 / (1 + Math.exp(-v));
                            case RELU -> Math.max(v, 0);
                            case ERF -> ERF[i];
                            case SIGN -> Math.signum(v);
                        };
                    }
                    Ops.unary(f, x, out);
                    assertClose(expected, out, tol, f.name() + " with hostBelow " + b.hostBelow());
                }
            }
        }
    }

    /**
     * After one warm-up round every kernel reuses its thread's scratch, scalar and reduction
     * ops: libnd4j's live buffer bytes do not move by a single byte over 50 more rounds (before
     * the scratch, ND4J's scalar and reduction ops left 4-8 byte arrays per call for the
     * collector, and a leaked 64x64 temporary would add 16 KiB per round).
     */
    @Test
    void noKernelLeavesNativeMemoryBehind() {
        try (Tensor a = random(DType.FLOAT32, 64, 48);
             Tensor b = random(DType.FLOAT32, 48, 64);
             Tensor c = nd4j.zeros(64, 64);
             Tensor d = random(DType.FLOAT32, 64, 64);
             Tensor e = nd4j.zeros(64, 64);
             Tensor row = nd4j.zeros(1, 64)) {
            int[] idx = new int[64];
            Runnable step = () -> {
                Ops.gemm(false, false, 1, a, b, 0, c);
                Ops.addRowVector(c, row, c);
                for (Activation f : new Activation[] {Activation.GELU, Activation.ELU, Activation.LEAKY_RELU,
                        Activation.SOFTMAX, Activation.SIGMOID}) {
                    Ops.activation(f, c, e);
                    Ops.activationBackward(f, c, e, d, d);
                }
                Ops.logSoftmax(c, e);
                Ops.sumRows(d, row);
                Ops.argmaxRows(e, idx);
                Ops.sum(e);
                Ops.dot(d, e);
                Ops.axpby(-0.01, d, 1, c);
            };
            step.run();
            int steps = 50;
            long before = nd4j.liveBufferBytes();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            long grown = nd4j.liveBufferBytes() - before;
            // The count is process-wide: buffers that earlier tests left to the garbage collector may be freed
            // meanwhile (one run saw -9.8 MB), so a leak shows as growth, not as any change.
            assertTrue(grown <= 0, "ND4J buffers grew by " + grown + " bytes in " + steps + " warm rounds of kernel calls");
        }
    }
}
