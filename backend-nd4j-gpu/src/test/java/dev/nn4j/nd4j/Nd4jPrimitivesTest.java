package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which primitive cases run natively and which on the heap, and that both paths give the same
 * elements: each case runs once on a backend whose heap path is off for size
 * ({@code hostBelow = 0}: native unless the case has no native path) and once on one that runs
 * everything on the heap (core's array kernels, checked against naive loops by the conformance
 * suite), and the output's storage says where it was written last. Hand-worked values pin the
 * cases where libnd4j's own ops differ from nn4j's definitions (NaN, ties, bad indices).
 */
class Nd4jPrimitivesTest {
    private static final Nd4jBackend NATIVE = new Nd4jBackend(0);
    private static final Nd4jBackend HEAP = new Nd4jBackend(Long.MAX_VALUE);
    private final SplittableRandom rnd = new SplittableRandom(11);

    private enum Path { NATIVE, HEAP }

    /** Values with signs, zeros, a range of magnitudes and, if asked, NaN and infinities. */
    private double[] values(int n, boolean specials) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-3, 3);
        }
        if (specials && n >= 6) {
            v[0] = Double.NaN;
            v[1] = -0.0;
            v[2] = 0.0;
            v[3] = Double.POSITIVE_INFINITY;
            v[4] = Double.NEGATIVE_INFINITY;
            v[5] = 1.0;
        }
        return v;
    }

    private static Tensor make(Nd4jBackend b, DType dtype, int[] dims, double[] v) {
        Tensor t = b.create(dtype, Shape.of(dims));
        if (dtype.isFloating()) {
            t.setAll(v);
        } else {
            long[] l = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                l[i] = (long) v[i];
            }
            t.setAll(l);
        }
        return t;
    }

    /** One case: operands built from {@code inputs} on each backend, {@code op} run on each, outputs compared. */
    private void check(String what, Path expected, DType outType, int[] outDims, double[] outStart,
                       Consumer<Tensor[]> nativeOp, Consumer<Tensor[]> heapOp, Operand... inputs) {
        Tensor[] n = new Tensor[inputs.length + 1];
        Tensor[] h = new Tensor[inputs.length + 1];
        for (int i = 0; i < inputs.length; i++) {
            n[i] = make(NATIVE, inputs[i].dtype, inputs[i].dims, inputs[i].values);
            h[i] = make(HEAP, inputs[i].dtype, inputs[i].dims, inputs[i].values);
        }
        n[inputs.length] = make(NATIVE, outType, outDims, outStart);
        h[inputs.length] = make(HEAP, outType, outDims, outStart);
        try {
            nativeOp.accept(n);
            heapOp.accept(h);
            Nd4jStorage s = ((Nd4jTensor) n[inputs.length]).storage();
            boolean ranNatively = s.nativeCurrent() && !s.hostCurrent();
            assertEquals(expected == Path.NATIVE, ranNatively, what + ": expected the " + expected + " path");
            assertSame(what, outType, h[inputs.length].toDoubleArray(), n[inputs.length].toDoubleArray());
        } finally {
            for (int i = 0; i <= inputs.length; i++) {
                n[i].close();
                h[i].close();
            }
        }
    }

    private record Operand(DType dtype, int[] dims, double[] values) {
    }

    private Operand operand(DType dtype, boolean specials, int... dims) {
        return new Operand(dtype, dims, values(Shape.of(dims).size(), specials));
    }

    private static void assertSame(String what, DType dtype, double[] expected, double[] actual) {
        double tol = dtype == DType.FLOAT32 ? 2e-6 : dtype == DType.FLOAT64 ? 1e-12 : 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, a, 0, what + " [" + i + "]");
            } else {
                assertEquals(e, a, tol * Math.max(1, Math.abs(e)), what + " [" + i + "] of " + Arrays.toString(actual));
            }
        }
    }

    private static Kernels k(Tensor t) {
        return t.backend().kernels();
    }

    private static double[] zeros(int... dims) {
        return new double[Shape.of(dims).size()];
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void everyUnaryFunctionAgreesWithTheHeapAndRunsWhereTheTableSays(DType dtype) {
        int[] dims = {3, 4, 5};
        for (Unary f : Unary.values()) {
            boolean nat = f != Unary.SIGN && !(f == Unary.ERF && dtype == DType.FLOAT64);
            Operand a = operand(dtype, true, dims);
            check("unary " + f + " " + dtype, nat ? Path.NATIVE : Path.HEAP, dtype, dims, zeros(dims),
                    t -> k(t[0]).unary(f, t[0], t[1]), t -> k(t[0]).unary(f, t[0], t[1]), a);
        }
        // broadcast input: on the heap
        check("unary broadcast", Path.HEAP, dtype, dims, zeros(dims),
                t -> k(t[0]).unary(Unary.EXP, t[0], t[1]), t -> k(t[0]).unary(Unary.EXP, t[0], t[1]),
                operand(dtype, false, 1, 4, 1));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void integerUnaryFunctionsRunNativelyAndWrapAsJavaDoes(DType dtype) {
        long min = dtype == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        double[] v = {-3, 0, 5, min, 7, -1};
        for (Unary f : new Unary[] {Unary.NEG, Unary.ABS, Unary.SQUARE, Unary.SIGN}) {
            check("unary " + f + " " + dtype, Path.NATIVE, dtype, new int[] {2, 3}, zeros(2, 3),
                    t -> k(t[0]).unary(f, t[0], t[1]), t -> k(t[0]).unary(f, t[0], t[1]),
                    new Operand(dtype, new int[] {2, 3}, v));
        }
    }

    @Test
    void nanStaysNanWhereLibnd4jWouldDropIt() {
        try (Tensor x = NATIVE.fromArray(new float[] {Float.NaN, -2, 0, 3}, 4);
             Tensor y = NATIVE.fromArray(new float[] {1, Float.NaN, -1, 2}, 4);
             Tensor out = NATIVE.zeros(DType.FLOAT32, 4)) {
            Kernels kn = NATIVE.kernels();
            kn.unary(Unary.SIGN, x, out);
            assertArrayEquals(new float[] {Float.NaN, -1, 0, 1}, out.toFloatArray(), "sign");
            kn.binary(Binary.MAX, x, y, out);
            assertArrayEquals(new float[] {Float.NaN, Float.NaN, 0, 3}, out.toFloatArray(), "max");
            kn.binary(Binary.MIN, x, y, out);
            assertArrayEquals(new float[] {Float.NaN, Float.NaN, -1, 2}, out.toFloatArray(), "min");
            kn.clamp(x, -1, 1, out);
            assertArrayEquals(new float[] {Float.NaN, -1, 0, 1}, out.toFloatArray(), "clamp");
            kn.binary(Binary.GREATER, x, y, out);
            assertArrayEquals(new float[] {0, 0, 1, 1}, out.toFloatArray(), "greater");
            kn.unary(Unary.RELU, x, out);
            assertArrayEquals(new float[] {Float.NaN, 0, 0, 3}, out.toFloatArray(), "relu");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void everyBinaryFunctionAgreesWithTheHeapOnEveryBroadcastPattern(DType dtype) {
        int[][][] patterns = {
            {{4, 5}, {4, 5}, {4, 5}},             // 0.1's element-wise case
            {{4, 5}, {1, 5}, {4, 5}},             // 0.1's row over a matrix
            {{1, 5}, {4, 5}, {4, 5}},
            {{2, 1, 3}, {1, 4, 1}, {2, 4, 3}},    // both broadcast
            {{2, 3, 1, 2, 1}, {1, 1, 4, 2, 3}, {2, 3, 4, 2, 3}},
            {{}, {}, {}},                         // scalars
        };
        for (Binary f : Binary.values()) {
            for (int[][] p : patterns) {
                Path path = f == Binary.POW ? Path.HEAP : Path.NATIVE;
                check("binary " + f + " " + Arrays.deepToString(p), path, dtype, p[2], zeros(p[2]),
                        t -> k(t[0]).binary(f, t[0], t[1], t[2]), t -> k(t[0]).binary(f, t[0], t[1], t[2]),
                        operand(dtype, false, p[0]), operand(dtype, false, p[1]));
            }
            // the output larger than the operands' broadcast: libnd4j refuses it, the heap does it
            check("binary " + f + " into a larger output", Path.HEAP, dtype, new int[] {3, 5}, zeros(3, 5),
                    t -> k(t[0]).binary(f, t[0], t[1], t[2]), t -> k(t[0]).binary(f, t[0], t[1], t[2]),
                    operand(dtype, false, 1, 5), operand(dtype, false, 1, 5));
        }
        // NaN and infinities: the comparisons stay native, MAX and MIN go to the heap
        for (Binary f : Binary.values()) {
            Path path = f == Binary.POW || f == Binary.MAX || f == Binary.MIN ? Path.HEAP : Path.NATIVE;
            check("binary " + f + " with NaN", path, dtype, new int[] {3, 4}, zeros(3, 4),
                    t -> k(t[0]).binary(f, t[0], t[1], t[2]), t -> k(t[0]).binary(f, t[0], t[1], t[2]),
                    operand(dtype, true, 3, 4), operand(dtype, false, 3, 4));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void integerBinaryFunctionsRunNatively(DType dtype) {
        for (Binary f : new Binary[] {Binary.ADD, Binary.SUB, Binary.MUL, Binary.MAX, Binary.MIN, Binary.EQUAL,
            Binary.LESS, Binary.GREATER}) {
            Operand a = new Operand(dtype, new int[] {2, 3}, new double[] {-3, 0, 5, 7, 7, -1});
            Operand b = new Operand(dtype, new int[] {1, 3}, new double[] {7, 0, -2});
            check("binary " + f + " " + dtype, Path.NATIVE, dtype, new int[] {2, 3}, zeros(2, 3),
                    t -> k(t[0]).binary(f, t[0], t[1], t[2]), t -> k(t[0]).binary(f, t[0], t[1], t[2]), a, b);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void affineClampAndAxpbyAgreeWithTheHeap(DType dtype) {
        int[] d = {6, 7};
        for (double[] sc : new double[][] {{2.5, 0}, {1, -0.75}, {-0.5, 3}}) {
            check("affine " + Arrays.toString(sc), Path.NATIVE, dtype, d, zeros(d),
                    t -> k(t[0]).affine(t[0], sc[0], sc[1], t[1]), t -> k(t[0]).affine(t[0], sc[0], sc[1], t[1]),
                    operand(dtype, false, d));
        }
        check("clamp", Path.NATIVE, dtype, d, zeros(d), t -> k(t[0]).clamp(t[0], -1, 0.5, t[1]),
                t -> k(t[0]).clamp(t[0], -1, 0.5, t[1]), operand(dtype, true, d));
        double[] y0 = values(42, false);
        check("axpby", Path.NATIVE, dtype, d, y0, t -> k(t[0]).axpby(0.3, t[0], -1.5, t[1]),
                t -> k(t[0]).axpby(0.3, t[0], -1.5, t[1]), operand(dtype, false, d));
    }

    @Test
    void selectAndScatterAddRunOnTheHeap() {
        DType dtype = DType.FLOAT32;
        check("select", Path.HEAP, dtype, new int[] {2, 3}, zeros(2, 3),
                t -> k(t[0]).select(t[0], t[1], t[2], t[3]), t -> k(t[0]).select(t[0], t[1], t[2], t[3]),
                new Operand(DType.INT32, new int[] {2, 1}, new double[] {0, 1}), operand(dtype, false, 2, 3),
                operand(dtype, false, 1, 3));
        check("scatterAdd", Path.HEAP, dtype, new int[] {4, 3}, values(12, false),
                t -> k(t[0]).scatterAdd(t[0], 0, t[1], t[2]), t -> k(t[0]).scatterAdd(t[0], 0, t[1], t[2]),
                operand(dtype, false, 5, 3), new Operand(DType.INT32, new int[] {5}, new double[] {3, 0, 3, 3, 1}));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reductionsAgreeWithTheHeapAlongEveryPattern(DType dtype) {
        int[][][] patterns = {
            {{7, 5}, {1, 5}},                // 0.1's sumRows
            {{7, 5}, {7, 1}},
            {{7, 5}, {1, 1}},
            {{3, 4, 5}, {1, 4, 1}},          // a bias gradient over N, H, W
            {{3, 4, 5}, {3, 4, 5}},          // nothing reduced
            {{2, 3, 4, 5}, {2, 1, 4, 1}},
            {{2, 1, 4, 5}, {1, 1, 1, 5}},    // leading axes around a size-1 one
            {{2, 3, 4, 5}, {2, 3, 1, 1}},    // trailing axes
        };
        for (Reduce f : new Reduce[] {Reduce.SUM, Reduce.MAX, Reduce.MIN}) {
            for (int[][] p : patterns) {
                check("reduce " + f + " " + Arrays.deepToString(p), Path.NATIVE, dtype, p[1], zeros(p[1]),
                        t -> k(t[0]).reduce(f, t[0], t[1]), t -> k(t[0]).reduce(f, t[0], t[1]),
                        operand(dtype, false, p[0]));
            }
            Path withNaN = f == Reduce.SUM ? Path.NATIVE : Path.HEAP;
            check("reduce " + f + " with NaN", withNaN, dtype, new int[] {1, 5}, zeros(1, 5),
                    t -> k(t[0]).reduce(f, t[0], t[1]), t -> k(t[0]).reduce(f, t[0], t[1]), operand(dtype, true, 3, 5));
        }
        for (Reduce f : new Reduce[] {Reduce.ARGMAX, Reduce.ARGMIN}) {
            for (DType index : new DType[] {DType.INT32, DType.INT64}) {
                check("reduce " + f + " axis 1", Path.NATIVE, index, new int[] {3, 1, 5}, zeros(3, 1, 5),
                        t -> k(t[0]).reduce(f, t[0], t[1]), t -> k(t[0]).reduce(f, t[0], t[1]),
                        operand(dtype, false, 3, 4, 5));
                check("reduce " + f + " of a vector", Path.NATIVE, index, new int[] {1}, zeros(1),
                        t -> k(t[0]).reduce(f, t[0], t[1]), t -> k(t[0]).reduce(f, t[0], t[1]),
                        operand(dtype, false, 9));
                check("reduce " + f + " with NaN", Path.HEAP, index, new int[] {3, 1}, zeros(3, 1),
                        t -> k(t[0]).reduce(f, t[0], t[1]), t -> k(t[0]).reduce(f, t[0], t[1]),
                        operand(dtype, true, 3, 4));
            }
        }
    }

    @Test
    void argmaxTakesTheFirstOfTiesAndTheFirstNaN() {
        try (Tensor a = NATIVE.matrix(new double[][] {{1, 5, 5, 2}, {7, Double.NaN, 7, Double.NaN}});
             Tensor out = NATIVE.zeros(DType.INT32, 2, 1)) {
            NATIVE.kernels().reduce(Reduce.ARGMAX, a, out);
            assertArrayEquals(new int[] {1, 1}, out.toIntArray());
            NATIVE.kernels().reduce(Reduce.ARGMIN, a, out);
            assertArrayEquals(new int[] {0, 1}, out.toIntArray());
        }
    }

    @Test
    void permuteAndRegionsRunNativelyForEveryDtypeAndGatherOnTheHeap() {
        for (DType dtype : DType.values()) {
            for (int[] perm : new int[][] {{1, 0, 2}, {2, 0, 1}, {0, 1, 2}}) {
                int[] in = {3, 4, 5};
                int[] outDims = {in[perm[0]], in[perm[1]], in[perm[2]]};
                check("permute " + Arrays.toString(perm) + " " + dtype, Path.NATIVE, dtype, outDims, zeros(outDims),
                        t -> k(t[0]).permute(t[0], perm, t[1]), t -> k(t[0]).permute(t[0], perm, t[1]),
                        operand(dtype, false, in));
            }
            check("transpose " + dtype, Path.NATIVE, dtype, new int[] {5, 3}, zeros(5, 3),
                    t -> k(t[0]).permute(t[0], new int[] {1, 0}, t[1]),
                    t -> k(t[0]).permute(t[0], new int[] {1, 0}, t[1]),
                    operand(dtype, false, 3, 5));
            int[][] perm5 = {{4, 2, 0, 1, 3}};
            check("permute rank 5 " + dtype, Path.NATIVE, dtype, new int[] {3, 2, 2, 3, 2}, zeros(3, 2, 2, 3, 2),
                    t -> k(t[0]).permute(t[0], perm5[0], t[1]), t -> k(t[0]).permute(t[0], perm5[0], t[1]),
                    operand(dtype, false, 2, 3, 2, 2, 3));
            double[] start = values(60, false);
            check("copyRegion " + dtype, Path.NATIVE, dtype, new int[] {3, 4, 5}, start,
                    t -> k(t[0]).copyRegion(t[0], new int[] {1, 0, 2}, new int[] {2, 3, 1}, t[1], new int[] {0, 1, 0},
                            new int[] {2, 2, 3}),
                    t -> k(t[0]).copyRegion(t[0], new int[] {1, 0, 2}, new int[] {2, 3, 1}, t[1], new int[] {0, 1, 0},
                            new int[] {2, 2, 3}),
                    operand(dtype, false, 4, 6, 5));
            check("copyRegion with a negative step " + dtype, Path.HEAP, dtype, new int[] {3, 4, 5}, start,
                    t -> k(t[0]).copyRegion(t[0], new int[] {3, 5, 0}, new int[] {-1, -2, 1}, t[1], new int[] {1, 0, 1},
                            new int[] {2, 3, 4}),
                    t -> k(t[0]).copyRegion(t[0], new int[] {3, 5, 0}, new int[] {-1, -2, 1}, t[1], new int[] {1, 0, 1},
                            new int[] {2, 3, 4}),
                    operand(dtype, false, 4, 6, 5));
            for (DType index : new DType[] {DType.INT32, DType.INT64}) {
                Operand idx = new Operand(index, new int[] {2, 2}, new double[] {2, 0, 2, 1});
                check("gather " + dtype + " by " + index, Path.HEAP, dtype, new int[] {2, 2, 2, 4}, zeros(2, 2, 2, 4),
                        t -> k(t[0]).gather(t[0], 1, t[1], t[2]), t -> k(t[0]).gather(t[0], 1, t[1], t[2]),
                        operand(dtype, false, 2, 3, 4), idx);
                Operand one = new Operand(index, new int[] {}, new double[] {2});
                check("gather by a scalar " + dtype, Path.HEAP, dtype, new int[] {2, 4}, zeros(2, 4),
                        t -> k(t[0]).gather(t[0], 1, t[1], t[2]), t -> k(t[0]).gather(t[0], 1, t[1], t[2]),
                        operand(dtype, false, 2, 3, 4), one);
            }
        }
    }

    @Test
    void gatherWithAnIndexOutOfRangeThrowsAndLeavesTheOutputAlone() {
        try (Tensor data = NATIVE.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
             Tensor idx = NATIVE.fromArray(new int[] {0, 3}, 2);
             Tensor out = NATIVE.fromArray(new float[] {9, 9, 9, 9}, 2, 2)) {
            OpException e = assertThrows(OpException.class, () -> NATIVE.kernels().gather(data, 0, idx, out));
            assertTrue(e.getMessage().contains("3"), e.getMessage());
            assertArrayEquals(new float[] {9, 9, 9, 9}, out.toFloatArray());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchedGemmAgreesWithTheHeapWithAndWithoutBroadcastBatches(DType dtype) {
        int[][][] shapes = {
            {{3, 2, 4}, {3, 4, 5}, {3, 2, 5}},
            {{1, 2, 4}, {3, 4, 5}, {3, 2, 5}},
            {{2, 1, 2, 4}, {1, 3, 4, 5}, {2, 3, 2, 5}},
        };
        for (int[][] s : shapes) {
            double[] c0 = values(Shape.of(s[2]).size(), false);
            check("gemm " + Arrays.deepToString(s), Path.NATIVE, dtype, s[2], c0,
                    t -> k(t[0]).gemm(false, false, 1.5, t[0], t[1], -0.5, t[2]),
                    t -> k(t[0]).gemm(false, false, 1.5, t[0], t[1], -0.5, t[2]),
                    operand(dtype, false, s[0]), operand(dtype, false, s[1]));
        }
        check("gemm transposed batch", Path.NATIVE, dtype, new int[] {2, 2, 5}, zeros(2, 2, 5),
                t -> k(t[0]).gemm(true, true, 1, t[0], t[1], 0, t[2]),
                t -> k(t[0]).gemm(true, true, 1, t[0], t[1], 0, t[2]),
                operand(dtype, false, 2, 4, 2), operand(dtype, false, 2, 5, 4));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxAlongEveryAxisAgreesWithTheHeap(DType dtype) {
        int[] d = {3, 4, 5};
        for (int axis = 0; axis < 3; axis++) {
            for (boolean log : new boolean[] {false, true}) {
                int ax = axis;
                check("softmax axis " + axis + " log " + log, Path.NATIVE, dtype, d, zeros(d),
                        t -> k(t[0]).softmax(t[0], ax, log, t[1]), t -> k(t[0]).softmax(t[0], ax, log, t[1]),
                        operand(dtype, false, d));
            }
        }
    }

    /**
     * libnd4j op contexts keep the arguments of their last op: an op without integer arguments
     * run after gemm (three of them) in the same context failed. The scratch keeps one context per
     * kind of arguments, so the permutation of a scalar (no arguments) works after a product.
     */
    @Test
    void anOpWithoutArgumentsAfterOneWithArgumentsSeesNone() {
        Nd4jScratch s = new Nd4jScratch();
        try {
            org.nd4j.linalg.api.ndarray.INDArray a = org.nd4j.linalg.factory.Nd4j.ones(2, 2);
            org.nd4j.linalg.api.ndarray.INDArray c = org.nd4j.linalg.factory.Nd4j.zeros(2, 2);
            s.gemm(false, true, 2.0, a, a, 0.0, c);
            assertEquals(4.0, c.getDouble(0, 0), 0);
            org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.scalar(3.0f);
            org.nd4j.linalg.api.ndarray.INDArray z = org.nd4j.linalg.factory.Nd4j.scalar(0.0f);
            s.custom(s.op("permute"), new org.nd4j.linalg.api.ndarray.INDArray[] {x}, z, Nd4jScratch.NO_INTS);
            assertEquals(3.0, z.getDouble(0), 0);
        } finally {
            s.release();
        }
    }
}
