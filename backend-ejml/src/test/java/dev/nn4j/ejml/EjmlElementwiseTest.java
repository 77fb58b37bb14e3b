package dev.nn4j.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The kernels this backend takes from EJML rather than from the array loops, on every rank
 * (the matrix view of ranks 1, 3 and 4 differs from the tensor shape) and in place, against
 * per-element formulas evaluated here.
 */
class EjmlElementwiseTest {
    private static final EjmlBackend EJML = (EjmlBackend) Backends.get("ejml");
    private static final Kernels K = EJML.kernels();
    private static final int[][] SHAPES = {{7}, {3, 5}, {2, 3, 4}, {2, 1, 3, 2}};

    /** A two-operand kernel and its per-element definition. */
    private record Case(String name, Kernel kernel, DoubleBinaryOperator element) {
    }

    @FunctionalInterface
    private interface Kernel {
        void run(Tensor a, Tensor b, Tensor out);
    }

    private static final Case[] BINARY = {
        new Case("add", (a, b, out) -> K.binary(Binary.ADD, a, b, out), (x, y) -> x + y),
        new Case("sub", (a, b, out) -> K.binary(Binary.SUB, a, b, out), (x, y) -> x - y),
        new Case("mul", (a, b, out) -> K.binary(Binary.MUL, a, b, out), (x, y) -> x * y),
        new Case("div", (a, b, out) -> K.binary(Binary.DIV, a, b, out), (x, y) -> x / y),
        new Case("affine(-2.5, 0)", (a, b, out) -> K.affine(a, -2.5, 0, out), (x, y) -> -2.5 * x),
        new Case("affine(1, 0.75)", (a, b, out) -> K.affine(a, 1, 0.75, out), (x, y) -> x + 0.75),
        new Case("fill(3.25)", (a, b, out) -> K.fill(out, 3.25), (x, y) -> 3.25),
        new Case("copy", (a, b, out) -> K.copy(a, out), (x, y) -> x),
    };

    @Test
    void ejmlElementwiseKernelsMatchTheirDefinitionOnEveryRankAndInPlace() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] dims : SHAPES) {
                for (Case op : BINARY) {
                    Tensor a = random(dtype, rnd, dims);
                    Tensor b = random(dtype, rnd, dims);
                    double[] x = a.toDoubleArray();
                    double[] y = b.toDoubleArray();
                    double[] expected = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        expected[i] = round(dtype, op.element().applyAsDouble(x[i], y[i]));
                    }
                    String what = op.name() + " " + dtype + " " + a.shape();
                    Tensor out = EJML.zeros(dtype, dims);
                    op.kernel().run(a, b, out);
                    assertArrayEquals(expected, out.toDoubleArray(), 0, what);
                    op.kernel().run(a, b, a);
                    assertArrayEquals(expected, a.toDoubleArray(), 0, what + " in place");
                }
            }
        }
    }

    @Test
    void transposeMatchesIndexSwapIncludingBlockedSizes() {
        SplittableRandom rnd = new SplittableRandom(9);
        int[][] shapes = {{1, 4}, {3, 5}, {70, 130}};
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                Tensor a = random(dtype, rnd, s);
                Tensor out = EJML.zeros(dtype, s[1], s[0]);
                K.permute(a, new int[] {1, 0}, out);
                double[] x = a.toDoubleArray();
                double[] expected = new double[x.length];
                for (int i = 0; i < s[0]; i++) {
                    for (int j = 0; j < s[1]; j++) {
                        expected[j * s[0] + i] = x[i * s[1] + j];
                    }
                }
                assertArrayEquals(expected, out.toDoubleArray(), 0, "transpose " + dtype + " " + a.shape());
            }
        }
    }

    /** The element as the dtype stores it: one rounding to float for FLOAT32, as the kernel computes in float. */
    private static double round(DType dtype, double v) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }

    private static Tensor random(DType dtype, SplittableRandom rnd, int... dims) {
        Tensor t = EJML.zeros(dtype, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            double m = rnd.nextDouble(0.25, 2);
            v[i] = rnd.nextBoolean() ? m : -m;
        }
        t.setAll(v);
        return t;
    }
}
