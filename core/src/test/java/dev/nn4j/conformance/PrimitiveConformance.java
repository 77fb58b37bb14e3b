package dev.nn4j.conformance;

import static dev.nn4j.conformance.NdReference.broadcastIndex;
import static dev.nn4j.conformance.NdReference.drop;
import static dev.nn4j.conformance.NdReference.ravel;
import static dev.nn4j.conformance.NdReference.shapeOfRank;
import static dev.nn4j.conformance.NdReference.size;
import static dev.nn4j.conformance.NdReference.unravel;
import static dev.nn4j.conformance.NdReference.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link dev.nn4j.tensor.Primitives primitive}, called through the checked {@link Ops}
 * methods, against naive loops written here ({@link NdReference}: one multi-index per element,
 * NumPy's broadcasting spelled out): ranks 0 to 6, the broadcast patterns (scalar, row, column,
 * middle axis, both operands, lower ranks aligned on the right), every dtype each primitive
 * accepts, in-place use where it is allowed, gather and scatterAdd with repeated indices and
 * along every axis, regions with negative steps, batched products with broadcast batches and
 * both transposes, and a large case of each (above 16,384 elements, so backends with a
 * separate path for large tensors run it). Floating data are halves in {@code [-4, 4]} where
 * equality matters (exact in float: ties, equal elements, exact sums) and uniform reals
 * elsewhere; integer data are small integers, plus the wrap-around cases. Tolerance: relative
 * error 1e-6 in FLOAT32 and 1e-12 in FLOAT64 (1e-5 for FLOAT32 products); integers exactly.
 * The bad-input rules and messages of the new operations are checked at the end.
 */
public abstract class PrimitiveConformance extends ConformanceSupport {
    private static final long SEED = 0x9121_2002L;
    /** A large output shape: 16,800 elements. */
    private static final int[] LARGE = {2, 3, 40, 70};

    private static double tol(DType dt) {
        return dt == DType.FLOAT32 ? 1e-6 : 1e-12;
    }

    // ---- data ----

    /** Halves in [-4, 4] (positive: (0, 4]) for floating dtypes, integers in [-8, 8] ([1, 8]) for integer ones. */
    private Tensor data(DType dt, SplittableRandom rnd, boolean positive, int... dims) {
        Tensor t = backend().zeros(dt, dims);
        if (dt.isFloating()) {
            double[] v = new double[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (positive ? rnd.nextInt(1, 9) : rnd.nextInt(-8, 9)) / 2.0;
            }
            t.setAll(v);
        } else {
            long[] v = new long[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = positive ? rnd.nextInt(1, 9) : rnd.nextInt(-8, 9);
            }
            t.setAll(v);
        }
        return t;
    }

    /** The value a dtype stores for {@code v}: rounded to float for FLOAT32. */
    private static double stored(DType dt, double v) {
        return dt == DType.FLOAT32 ? (float) v : v;
    }

    /** Integer results as the dtype stores them: INT32 keeps the low 32 bits. */
    private static long stored(DType dt, long v) {
        return dt == DType.INT32 ? (int) v : v;
    }

    private static void assertFloating(double[] expected, Tensor actual, double tol, String what) {
        double[] e = expected.clone();
        for (int i = 0; i < e.length; i++) {
            e[i] = stored(actual.dtype(), e[i]);
        }
        assertClose(e, actual, tol, what);
    }

    private static void assertIntegers(long[] expected, Tensor actual, String what) {
        long[] e = expected.clone();
        for (int i = 0; i < e.length; i++) {
            e[i] = stored(actual.dtype(), e[i]);
        }
        assertArrayEquals(e, actual.toLongArray(), what + " " + actual.dtype() + " " + actual.shape());
    }

    // ---- element-wise ----

    private static double reference(Binary f, double x, double y) {
        switch (f) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case POW: return Math.pow(x, y);
            case MAX: return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : x >= y ? x : y;
            case MIN: return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : x <= y ? x : y;
            case EQUAL: return x == y ? 1 : 0;
            case LESS: return x < y ? 1 : 0;
            case GREATER: return x > y ? 1 : 0;
            default: throw new IllegalArgumentException(f.name());
        }
    }

    private static long reference(Binary f, long x, long y) {
        switch (f) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case MAX: return x >= y ? x : y;
            case MIN: return x <= y ? x : y;
            case EQUAL: return x == y ? 1 : 0;
            case LESS: return x < y ? 1 : 0;
            case GREATER: return x > y ? 1 : 0;
            default: throw new IllegalArgumentException(f.name());
        }
    }

    /** {a, b} shape pairs broadcasting to {@code out}: equal, scalars, row, column, middle axis, both, lower ranks. */
    private static List<int[][]> patterns(int[] out) {
        int r = out.length;
        List<int[][]> p = new ArrayList<>();
        p.add(new int[][] {out, out});
        p.add(new int[][] {out, {}});
        p.add(new int[][] {{}, out});
        if (r >= 1) {
            p.add(new int[][] {out, {out[r - 1]}});
            p.add(new int[][] {drop(out, 1), out});
        }
        if (r >= 2) {
            p.add(new int[][] {out, with(out, r - 1, 1)});
            p.add(new int[][] {with(out, r - 1, 1), with(out, 0, 1)});
            p.add(new int[][] {with(with(out, 0, 1), r - 1, 1), out});
        }
        if (r >= 3) {
            p.add(new int[][] {out, with(out, 1, 1)});
            p.add(new int[][] {with(out, r - 2, 1), drop(with(out, 1, 1), 1)});
        }
        return p;
    }

    private static boolean onIntegers(Binary f) {
        return f != Binary.DIV && f != Binary.POW;
    }

    private static boolean onIntegers(Unary f) {
        return f == Unary.NEG || f == Unary.ABS || f == Unary.SQUARE || f == Unary.SIGN;
    }

    /** Runs {@code out = f(a, b)} and checks every element against the naive broadcast loop. */
    private void checkBinary(Binary f, Tensor a, Tensor b, Tensor out, String what) {
        int[] od = out.shape().dims();
        int[] ad = a.shape().dims();
        int[] bd = b.shape().dims();
        DType dt = a.dtype();
        int n = size(od);
        if (dt.isFloating()) {
            double[] x = a.toDoubleArray();
            double[] y = b.toDoubleArray();
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                int[] idx = unravel(i, od);
                e[i] = reference(f, x[broadcastIndex(idx, ad)], y[broadcastIndex(idx, bd)]);
            }
            Ops.binary(f, a, b, out);
            assertFloating(e, out, tol(dt), what);
        } else {
            long[] x = a.toLongArray();
            long[] y = b.toLongArray();
            long[] e = new long[n];
            for (int i = 0; i < n; i++) {
                int[] idx = unravel(i, od);
                e[i] = reference(f, x[broadcastIndex(idx, ad)], y[broadcastIndex(idx, bd)]);
            }
            Ops.binary(f, a, b, out);
            assertIntegers(e, out, what);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void binaryBroadcastsOnEveryRankAndPattern(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int r = 0; r <= Shape.MAX_RANK; r++) {
            int[] od = shapeOfRank(r);
            for (int[][] p : patterns(od)) {
                for (Binary f : Binary.values()) {
                    if (!dt.isFloating() && !onIntegers(f)) {
                        continue;
                    }
                    Tensor a = data(dt, rnd, f == Binary.POW, p[0]);
                    Tensor b = data(dt, rnd, false, p[1]);
                    checkBinary(f, a, b, backend().zeros(dt, od), f + " " + Arrays.toString(p[0]) + " with "
                            + Arrays.toString(p[1]));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void binaryWritesInPlaceAndAllocatesTheBroadcastShape(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        Tensor a = data(dt, rnd, false, 3, 4);
        Tensor row = data(dt, rnd, false, 4);
        Tensor expected = Ops.binary(Binary.SUB, a, row);
        assertEquals(Shape.of(3, 4), expected.shape());
        Ops.binary(Binary.SUB, a, row, a);
        assertArrayEquals(expected.toDoubleArray(), a.toDoubleArray(), "sub into a, the row broadcast");
        Tensor b = data(dt, rnd, false, 3, 4);
        Tensor product = Ops.binary(Binary.MUL, a, b);
        Ops.binary(Binary.MUL, a, b, b);
        assertArrayEquals(product.toDoubleArray(), b.toDoubleArray(), "mul into b");
        Tensor column = data(dt, rnd, false, 3, 1);
        Tensor both = Ops.binary(Binary.MAX, column, row);
        assertEquals(Shape.of(3, 4), both.shape());
        checkBinary(Binary.MAX, column, row, backend().zeros(dt, 3, 4), "max column with row");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void integerArithmeticWraps(DType dt) {
        long big = dt == DType.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long shift = dt == DType.INT32 ? 1L << 16 : 1L << 32;
        Tensor a = backend().fromArray(new long[] {big, shift, -3}, 3).to(dt);
        Tensor b = backend().fromArray(new long[] {1, shift, 2}, 3).to(dt);
        assertIntegers(new long[] {big + 1, 2 * shift, -1}, Ops.binary(Binary.ADD, a, b), "add wraps");
        assertIntegers(new long[] {big, 0, -6}, Ops.binary(Binary.MUL, a, b), "mul wraps");
        long min = dt == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        Tensor m = backend().fromArray(new long[] {min, shift, -7}, 3).to(dt);
        assertIntegers(new long[] {min, -shift, 7}, Ops.unary(Unary.NEG, m), "neg wraps");
        assertIntegers(new long[] {min, shift, 7}, Ops.unary(Unary.ABS, m), "abs of the minimum is itself");
        assertIntegers(new long[] {0, 0, 49}, Ops.unary(Unary.SQUARE, m), "square wraps");
        assertIntegers(new long[] {-1, 1, -1}, Ops.unary(Unary.SIGN, m), "sign");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void binaryOnALargeTensorWithALeadingAndAMiddleBroadcast(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (Binary f : new Binary[] {Binary.ADD, Binary.MUL, Binary.GREATER}) {
            Tensor a = data(dt, rnd, false, LARGE);
            Tensor b = data(dt, rnd, false, 3, 1, 70);
            checkBinary(f, a, b, backend().zeros(dt, LARGE), "large " + f);
        }
    }

    private static double reference(Unary f, double x) {
        return ReferenceMath.unary(f, x);
    }

    private static long reference(Unary f, long x) {
        switch (f) {
            case NEG: return -x;
            case ABS: return x < 0 ? -x : x;
            case SQUARE: return x * x;
            case SIGN: return x > 0 ? 1 : x < 0 ? -1 : 0;
            default: throw new IllegalArgumentException(f.name());
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void unaryBroadcastsOnEveryRankAndWritesInPlace(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        for (Unary f : Unary.values()) {
            if (!dt.isFloating() && !onIntegers(f)) {
                continue;
            }
            boolean positive = f == Unary.LOG || f == Unary.SQRT || f == Unary.RSQRT || f == Unary.RECIPROCAL;
            for (int r = 0; r <= Shape.MAX_RANK; r++) {
                int[] od = shapeOfRank(r);
                List<int[]> inputs = new ArrayList<>(List.of(od, new int[0]));
                if (r >= 1) {
                    inputs.add(new int[] {od[r - 1]});
                    inputs.add(with(od, 0, 1));
                }
                for (int[] ad : inputs) {
                    Tensor a = dt.isFloating() ? random(dt, rnd, positive ? 0.1 : -3, 3, ad) : data(dt, rnd, false, ad);
                    Tensor out = backend().zeros(dt, od);
                    String what = f + " " + Arrays.toString(ad) + " to " + Arrays.toString(od);
                    int n = size(od);
                    if (dt.isFloating()) {
                        double[] x = a.toDoubleArray();
                        double[] e = new double[n];
                        for (int i = 0; i < n; i++) {
                            e[i] = reference(f, x[broadcastIndex(unravel(i, od), ad)]);
                        }
                        Ops.unary(f, a, out);
                        assertFloating(e, out, tol(dt), what);
                    } else {
                        long[] x = a.toLongArray();
                        long[] e = new long[n];
                        for (int i = 0; i < n; i++) {
                            e[i] = reference(f, x[broadcastIndex(unravel(i, od), ad)]);
                        }
                        Ops.unary(f, a, out);
                        assertIntegers(e, out, what);
                    }
                    if (Arrays.equals(ad, od)) {
                        Ops.unary(f, a, a);
                        assertArrayEquals(out.toDoubleArray(), a.toDoubleArray(), what + " in place");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void unaryEdgeValues(DType dt) {
        Tensor x = tensor(dt, new double[] {Double.NaN, -0.0, 2, -3}, 4);
        assertClose(new double[] {Double.NaN, 0, 1, -1}, Ops.unary(Unary.SIGN, x), 0, "sign of NaN, -0, 2, -3");
        assertClose(new double[] {0, 0, 2, 0}, Ops.unary(Unary.RELU, tensor(dt, new double[] {-0.0, -1, 2, -3}, 4)), 0,
                "relu");
        assertClose(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Math.log(2), Double.NaN},
                Ops.unary(Unary.LOG, x), tol(dt), "log outside its domain is IEEE's");
        assertClose(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 0.5, -1.0 / 3}, Ops.unary(Unary.RECIPROCAL, x),
                tol(dt), "reciprocal of -0 is -infinity");
        assertClose(new double[] {-1, 1, 0}, Ops.unary(Unary.ERF, tensor(dt, new double[] {-9, 30, 0}, 3)), 0,
                "erf saturates");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void affineOnEveryRankAndInPlace(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        double[][] scaleShift = {{2.5, 0}, {1, -0.75}, {-1.5, 0.25}, {0.1, 0.3}};
        for (int r = 0; r <= Shape.MAX_RANK; r++) {
            for (double[] st : scaleShift) {
                Tensor a = random(dt, rnd, -3, 3, shapeOfRank(r));
                double s = stored(dt, st[0]);
                double t = stored(dt, st[1]);
                double[] x = a.toDoubleArray();
                double[] e = new double[x.length];
                for (int i = 0; i < e.length; i++) {
                    e[i] = s * x[i] + t;
                }
                String what = "affine " + st[0] + "·a + " + st[1] + " " + a.shape();
                assertFloating(e, Ops.affine(a, st[0], st[1]), tol(dt), what);
                Ops.affine(a, st[0], st[1], a);
                assertFloating(e, a, tol(dt), what + " in place");
            }
        }
    }

    @Test
    void selectTakesEveryDtypeBroadcastsAndCountsNaNAsTrue() {
        SplittableRandom rnd = new SplittableRandom(SEED + 5);
        for (DType ct : DType.values()) {
            for (DType dt : DType.values()) {
                Tensor c = backend().zeros(ct, 3, 1);
                c.setAll(ct.isFloating() ? new double[] {0, Double.NaN, 2}
                        : new double[] {0, -1, 2});
                Tensor a = data(dt, rnd, false);
                Tensor b = data(dt, rnd, false, 4);
                Tensor out = Ops.select(c, a, b);
                assertEquals(Shape.of(3, 4), out.shape());
                double[] cv = c.toDoubleArray();
                double[] av = a.toDoubleArray();
                double[] bv = b.toDoubleArray();
                double[] e = new double[12];
                for (int i = 0; i < 12; i++) {
                    e[i] = cv[i / 4] != 0 ? av[0] : bv[i % 4];
                }
                assertArrayEquals(e, out.toDoubleArray(), "select " + ct + " condition, " + dt + " values");
                Tensor same = data(dt, rnd, false, 3, 4);
                Tensor expected = Ops.select(c, same, b);
                Ops.select(c, same, b, same);
                assertArrayEquals(expected.toDoubleArray(), same.toDoubleArray(), "select into a");
            }
        }
    }

    // ---- reductions ----

    /** {@code a}'s dimensions with every axis in {@code mask} set to 1. */
    private static int[] reducedDims(int[] dims, int mask) {
        int[] r = dims.clone();
        for (int d = 0; d < dims.length; d++) {
            if ((mask & (1 << d)) != 0) {
                r[d] = 1;
            }
        }
        return r;
    }

    private static double[] referenceReduce(Reduce f, double[] x, int[] ad, int[] od) {
        double[] e = new double[size(od)];
        Arrays.fill(e, f == Reduce.SUM ? 0 : f == Reduce.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            int o = broadcastIndex(unravel(i, ad), od);
            double v = x[i];
            e[o] = f == Reduce.SUM ? e[o] + v : Double.isNaN(e[o]) || Double.isNaN(v) ? Double.NaN
                    : f == Reduce.MAX ? Math.max(e[o], v) : Math.min(e[o], v);
        }
        return e;
    }

    private static long[] referencePositions(boolean max, double[] x, int[] ad, int axis) {
        int[] od = with(ad, axis, 1);
        long[] e = new long[size(od)];
        double[] best = new double[e.length];
        boolean[] seen = new boolean[e.length];
        for (int i = 0; i < x.length; i++) {
            int[] idx = unravel(i, ad);
            int o = broadcastIndex(idx, od);
            double v = x[i];
            boolean better = !seen[o] || (!Double.isNaN(best[o]) && (Double.isNaN(v) || (max ? v > best[o] : v < best[o])));
            if (better) {
                best[o] = v;
                e[o] = idx[axis];
                seen[o] = true;
            }
        }
        return e;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reduceSumMaxMinOverEverySetOfAxesOnEveryRank(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 6);
        for (int r = 0; r <= Shape.MAX_RANK; r++) {
            int[] ad = shapeOfRank(r);
            for (int mask = 0; mask < 1 << r; mask++) {
                int[] od = reducedDims(ad, mask);
                int[] axes = new int[Integer.bitCount(mask)];
                for (int d = 0, j = 0; d < r; d++) {
                    if ((mask & (1 << d)) != 0) {
                        axes[j++] = d;
                    }
                }
                for (Reduce f : new Reduce[] {Reduce.SUM, Reduce.MAX, Reduce.MIN}) {
                    Tensor a = data(dt, rnd, false, ad);
                    double[] e = referenceReduce(f, a.toDoubleArray(), ad, od);
                    String what = f + " of " + Arrays.toString(ad) + " over " + Arrays.toString(axes);
                    Tensor out = backend().zeros(dt, od);
                    Ops.reduce(f, a, out);
                    assertFloating(e, out, tol(dt), what);
                    Tensor kept = Ops.reduce(f, a, axes, true);
                    assertEquals(Shape.of(od), kept.shape(), what + " keepDims");
                    assertFloating(e, kept, tol(dt), what + " keepDims");
                    Tensor dropped = Ops.reduce(f, a, axes, false);
                    assertEquals(r - axes.length, dropped.rank(), what + " without the reduced axes");
                    assertFloating(e, dropped, tol(dt), what + " without the reduced axes");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void argmaxAndArgminAlongEveryAxisTakeTheFirstOnTies(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 7);
        for (int r = 1; r <= Shape.MAX_RANK; r++) {
            int[] ad = shapeOfRank(r);
            for (int axis = 0; axis < r; axis++) {
                for (Reduce f : new Reduce[] {Reduce.ARGMAX, Reduce.ARGMIN}) {
                    Tensor a = data(dt, rnd, false, ad);
                    long[] e = referencePositions(f == Reduce.ARGMAX, a.toDoubleArray(), ad, axis);
                    String what = f + " of " + Arrays.toString(ad) + " along " + axis;
                    Tensor out32 = backend().zeros(DType.INT32, with(ad, axis, 1));
                    Ops.reduce(f, a, out32);
                    assertIntegers(e, out32, what + " into INT32");
                    Tensor out64 = Ops.reduce(f, a, new int[] {axis - r}, false);
                    assertEquals(DType.INT64, out64.dtype(), what);
                    assertEquals(r - 1, out64.rank(), what);
                    assertIntegers(e, out64, what + " into INT64, negative axis");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reductionsPropagateNaNAndArgmaxFindsTheFirstNaN(DType dt) {
        Tensor a = tensor(dt, new double[] {1, 5, Double.NaN, Double.NaN, 3, 2, 2, 1}, 2, 4);
        assertClose(new double[] {Double.NaN, 3}, Ops.reduce(Reduce.MAX, a, new int[] {1}, false), 0, "max");
        assertClose(new double[] {Double.NaN, 1}, Ops.reduce(Reduce.MIN, a, new int[] {1}, false), 0, "min");
        assertArrayEquals(new long[] {2, 0}, Ops.reduce(Reduce.ARGMAX, a, new int[] {1}, false).toLongArray(),
                "argmax: the first NaN, else the first maximum");
        assertArrayEquals(new long[] {2, 3}, Ops.reduce(Reduce.ARGMIN, a, new int[] {1}, false).toLongArray(),
                "argmin");
        Tensor column = tensor(dt, new double[] {4, 7}, 2, 1);
        assertArrayEquals(new long[] {0, 0}, Ops.reduce(Reduce.ARGMAX, column, new int[] {1}, true).toLongArray(),
                "argmax along an axis of size 1");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reductionsOfALargeTensor(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 8);
        Tensor a = data(dt, rnd, false, LARGE);
        double[] x = a.toDoubleArray();
        int[][] masks = {{1, 3}, {0, 2}, {3}, {0}};
        for (int[] axes : masks) {
            int mask = 0;
            for (int d : axes) {
                mask |= 1 << d;
            }
            for (Reduce f : new Reduce[] {Reduce.SUM, Reduce.MAX}) {
                assertFloating(referenceReduce(f, x, LARGE, reducedDims(LARGE, mask)), Ops.reduce(f, a, axes, true),
                        tol(dt), "large " + f + " over " + Arrays.toString(axes));
            }
        }
        assertIntegers(referencePositions(true, x, LARGE, 2), Ops.reduce(Reduce.ARGMAX, a, new int[] {2}, true),
                "large argmax");
    }

    // ---- movement ----

    private static long[] referencePermute(long[] x, int[] ad, int[] perm) {
        int[] od = new int[perm.length];
        for (int i = 0; i < od.length; i++) {
            od[i] = ad[perm[i]];
        }
        long[] e = new long[x.length];
        for (int i = 0; i < e.length; i++) {
            int[] oi = unravel(i, od);
            int[] ai = new int[ad.length];
            for (int d = 0; d < oi.length; d++) {
                ai[perm[d]] = oi[d];
            }
            e[i] = x[ravel(ai, ad)];
        }
        return e;
    }

    /** Identity, reversal, rotation and a swap of the first two axes for rank {@code r}. */
    private static List<int[]> permutations(int r) {
        List<int[]> ps = new ArrayList<>();
        int[] id = new int[r];
        int[] rev = new int[r];
        int[] rot = new int[r];
        for (int i = 0; i < r; i++) {
            id[i] = i;
            rev[i] = r - 1 - i;
            rot[i] = (i + 1) % r;
        }
        ps.add(id);
        ps.add(rev);
        ps.add(rot);
        if (r >= 2) {
            int[] swap = id.clone();
            swap[0] = 1;
            swap[1] = 0;
            ps.add(swap);
        }
        return ps;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void permuteEveryRank(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 9);
        for (int r = 0; r <= Shape.MAX_RANK; r++) {
            int[] ad = shapeOfRank(r);
            for (int[] perm : permutations(r)) {
                Tensor a = data(dt, rnd, false, ad);
                long[] e = referencePermute(a.toLongArray(), ad, perm);
                Tensor out = Ops.permute(a, perm);
                assertIntegers(e, out, "permute " + Arrays.toString(ad) + " by " + Arrays.toString(perm));
                for (int i = 0; i < r; i++) {
                    assertEquals(ad[perm[i]], out.shape().dim(i));
                }
            }
        }
        Tensor large = data(dt, rnd, false, LARGE);
        int[] perm = {3, 1, 0, 2};
        assertIntegers(referencePermute(large.toLongArray(), LARGE, perm), Ops.permute(large, perm), "large permute");
        Tensor m = data(dt, rnd, false, 3, 5);
        Tensor t = backend().zeros(dt, 5, 3);
        Ops.permute(m, new int[] {1, 0}, t);
        assertIntegers(referencePermute(m.toLongArray(), new int[] {3, 5}, new int[] {1, 0}), t, "matrix transpose");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyRegionWithPositiveAndNegativeStepsOnEveryRank(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 10);
        int[] steps = {1, -1, 2, -2, 1, -2};
        for (int r = 0; r <= Shape.MAX_RANK; r++) {
            int[] sd = new int[r];
            int[] dd = new int[r];
            int[] srcStart = new int[r];
            int[] srcStep = new int[r];
            int[] dstStart = new int[r];
            int[] extent = new int[r];
            for (int d = 0; d < r; d++) {
                sd[d] = 4 + d % 2;
                dd[d] = 3 + d % 3;
                srcStep[d] = steps[d];
                extent[d] = 2;
                srcStart[d] = srcStep[d] > 0 ? 1 : 3;
                dstStart[d] = dd[d] - 2;
            }
            Tensor src = data(dt, rnd, false, sd);
            Tensor dst = backend().zeros(dt, dd);
            Ops.fill(dst, 7);
            long[] x = src.toLongArray();
            long[] e = dst.toLongArray();
            for (int i = 0; i < size(extent); i++) {
                int[] idx = unravel(i, extent);
                int[] si = new int[r];
                int[] di = new int[r];
                for (int d = 0; d < r; d++) {
                    si[d] = srcStart[d] + idx[d] * srcStep[d];
                    di[d] = dstStart[d] + idx[d];
                }
                e[ravel(di, dd)] = x[ravel(si, sd)];
            }
            Ops.copyRegion(src, srcStart, srcStep, dst, dstStart, extent);
            assertIntegers(e, dst, "copyRegion rank " + r + " steps " + Arrays.toString(srcStep));
        }
        Tensor large = data(dt, rnd, false, LARGE);
        Tensor reversed = backend().zeros(dt, LARGE);
        Ops.copyRegion(large, new int[] {1, 2, 39, 69}, new int[] {-1, -1, -1, -1}, reversed, new int[4], LARGE);
        long[] x = large.toLongArray();
        long[] e = new long[x.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = x[x.length - 1 - i];
        }
        assertIntegers(e, reversed, "large copyRegion reversing every axis");
    }

    /** {@code data.shape[:axis] + indices.shape + data.shape[axis+1:]}. */
    private static int[] gathered(int[] dd, int axis, int[] id) {
        int[] r = new int[dd.length - 1 + id.length];
        System.arraycopy(dd, 0, r, 0, axis);
        System.arraycopy(id, 0, r, axis, id.length);
        System.arraycopy(dd, axis + 1, r, axis + id.length, dd.length - axis - 1);
        return r;
    }

    /** The position in data (or scatterAdd's out) that position {@code i} of the gathered shape reads (adds to). */
    private static int source(int i, int[] gd, int[] dd, int axis, int[] id, long[] indices) {
        int[] gi = unravel(i, gd);
        int[] di = new int[dd.length];
        System.arraycopy(gi, 0, di, 0, axis);
        di[axis] = (int) indices[ravel(Arrays.copyOfRange(gi, axis, axis + id.length), id)];
        System.arraycopy(gi, axis + id.length, di, axis + 1, dd.length - axis - 1);
        return ravel(di, dd);
    }

    private Tensor indices(DType it, SplittableRandom rnd, int bound, int[] id) {
        long[] v = new long[size(id)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(bound);
        }
        Tensor t = backend().zeros(it, id);
        t.setAll(v);
        return t;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherAndScatterAddAlongEveryAxisWithRepeatedIndices(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 11);
        int[][] indexShapes = {{}, {5}, {2, 3}};
        int round = 0;
        for (int r = 1; r <= 4; r++) {
            int[] dd = shapeOfRank(r);
            for (int axis = 0; axis < r; axis++) {
                for (int[] id : indexShapes) {
                    DType it = round++ % 2 == 0 ? DType.INT32 : DType.INT64;
                    int[] gd = gathered(dd, axis, id);
                    Tensor data = data(dt, rnd, false, dd);
                    Tensor idx = indices(it, rnd, dd[axis], id);
                    long[] x = data.toLongArray();
                    long[] iv = idx.toLongArray();
                    long[] e = new long[size(gd)];
                    for (int i = 0; i < e.length; i++) {
                        e[i] = x[source(i, gd, dd, axis, id, iv)];
                    }
                    String what = Arrays.toString(dd) + " along " + axis + " by " + it + " " + Arrays.toString(id);
                    Tensor out = Ops.gather(data, axis, idx);
                    assertEquals(Shape.of(gd), out.shape(), "gather " + what);
                    assertIntegers(e, out, "gather " + what);
                    Tensor into = backend().zeros(dt, gd);
                    Ops.gather(data, axis - r, idx, into);
                    assertIntegers(e, into, "gather " + what + ", negative axis");

                    Tensor updates = data(dt, rnd, false, gd);
                    Tensor acc = data(dt, rnd, false, dd);
                    long[] u = updates.toLongArray();
                    long[] sums = acc.toLongArray();
                    double[] fsums = acc.toDoubleArray();
                    double[] fu = updates.toDoubleArray();
                    for (int i = 0; i < u.length; i++) {
                        int at = source(i, gd, dd, axis, id, iv);
                        sums[at] += u[i];
                        fsums[at] += fu[i];
                    }
                    Ops.scatterAdd(updates, axis, idx, acc);
                    if (dt.isFloating()) {
                        assertFloating(fsums, acc, tol(dt), "scatterAdd " + what);
                    } else {
                        assertIntegers(sums, acc, "scatterAdd " + what);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gatherAndScatterAddOnLargeTensors(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 12);
        int[] dd = {300, 60};
        int[] id = {400};
        Tensor data = data(dt, rnd, false, dd);
        Tensor idx = indices(DType.INT64, rnd, 300, id);
        int[] gd = gathered(dd, 0, id);
        double[] x = data.toDoubleArray();
        long[] iv = idx.toLongArray();
        double[] e = new double[size(gd)];
        for (int i = 0; i < e.length; i++) {
            e[i] = x[source(i, gd, dd, 0, id, iv)];
        }
        assertFloating(e, Ops.gather(data, 0, idx), tol(dt), "large gather of rows");
        Tensor acc = backend().zeros(dt, dd);
        Tensor updates = data(dt, rnd, false, gd);
        double[] u = updates.toDoubleArray();
        double[] sums = new double[size(dd)];
        for (int i = 0; i < u.length; i++) {
            sums[source(i, gd, dd, 0, id, iv)] += u[i];
        }
        Ops.scatterAdd(updates, 0, idx, acc);
        assertFloating(sums, acc, tol(dt), "large scatterAdd of rows");
    }

    @Test
    void anIndexOutOfRangeThrowsNamingItsValuePositionAndRangeAndLeavesTheOutputUntouched() {
        Tensor data = backend().zeros(DType.FLOAT32, 3, 2);
        Tensor bad = backend().fromArray(new long[] {0, 1, 3, 0}, 2, 2);
        Tensor out = backend().zeros(DType.FLOAT32, 2, 2, 2);
        Ops.fill(out, 9);
        OpException e = assertThrows(OpException.class, () -> Ops.gather(data, 0, bad, out));
        assertEquals("gather: data is [3x2] FLOAT32, indices is [2x2] INT64; indices[1, 0] is 3, outside [0, 3)"
                + " (the size of data's dimension 0)", e.getMessage());
        assertEquals("gather", e.op());
        assertClose(new double[] {9, 9, 9, 9, 9, 9, 9, 9}, out, 0, "gather's out after a bad index");
        Tensor negative = backend().fromArray(new int[] {0, -1, 1}, 3);
        OpException n = assertThrows(OpException.class, () -> Ops.gather(data, 1, negative));
        assertTrue(n.getMessage().endsWith("indices[1] is -1, outside [0, 2) (the size of data's dimension 1)"),
                n.getMessage());

        Tensor target = backend().zeros(DType.FLOAT64, 3, 2);
        Ops.fill(target, 4);
        Tensor updates = backend().zeros(DType.FLOAT64, 2, 2);
        Ops.fill(updates, 1);
        Tensor beyond = backend().fromArray(new int[] {2, 5}, 2);
        OpException s = assertThrows(OpException.class, () -> Ops.scatterAdd(updates, 0, beyond, target));
        assertEquals("scatterAdd: updates is [2x2] FLOAT64, indices is [2] INT32, out is [3x2] FLOAT64; indices[1] is 5,"
                + " outside [0, 3) (the size of out's dimension 0)", s.getMessage());
        assertClose(new double[] {4, 4, 4, 4, 4, 4}, target, 0, "scatterAdd's out after a bad index");
    }

    // ---- products ----

    /** {batchA, batchB}: equal, b a single matrix, a a single matrix, broadcasts of one or both, rank 6. */
    private static final int[][][] BATCHES = {
        {{2}, {2}}, {{3}, {}}, {{}, {3}}, {{1}, {3}}, {{2, 1}, {1, 3}}, {{4, 2}, {2}}, {{2, 1, 2, 1}, {1, 2, 1, 2}}};

    private static int[] concat(int[] batch, int r, int c) {
        int[] d = Arrays.copyOf(batch, batch.length + 2);
        d[batch.length] = r;
        d[batch.length + 1] = c;
        return d;
    }

    /** Checks {@code c = alpha·op(a)·op(b) + beta·c} for batches against the per-element definition. */
    private void checkBatchedGemm(DType dt, SplittableRandom rnd, int[] batchA, int[] batchB, int m, int k, int n,
                                  boolean ta, boolean tb, double alpha, double beta, double tol) {
        int rank = Math.max(batchA.length, batchB.length) + 2;
        int[] batch = new int[rank - 2];
        for (int d = 0; d < batch.length; d++) {
            int x = d - (batch.length - batchA.length) < 0 ? 1 : batchA[d - (batch.length - batchA.length)];
            int y = d - (batch.length - batchB.length) < 0 ? 1 : batchB[d - (batch.length - batchB.length)];
            batch[d] = Math.max(x, y);
        }
        int[] ad = ta ? concat(batchA, k, m) : concat(batchA, m, k);
        int[] bd = tb ? concat(batchB, n, k) : concat(batchB, k, n);
        int[] cd = concat(batch, m, n);
        Tensor a = random(dt, rnd, -1, 1, ad);
        Tensor b = random(dt, rnd, -1, 1, bd);
        Tensor c = random(dt, rnd, -1, 1, cd);
        if (beta == 0) {
            Ops.fill(c, Double.NaN);
        }
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double[] z = c.toDoubleArray();
        double[] e = new double[z.length];
        int[] aBatch = Arrays.copyOf(batchA, batchA.length);
        int[] bBatch = Arrays.copyOf(batchB, batchB.length);
        for (int ci = 0; ci < e.length; ci++) {
            int[] idx = unravel(ci, cd);
            int[] bi = Arrays.copyOf(idx, batch.length);
            int i = idx[rank - 2];
            int j = idx[rank - 1];
            int aBase = broadcastIndex(bi, aBatch) * m * k;
            int bBase = broadcastIndex(bi, bBatch) * k * n;
            double s = 0;
            for (int p = 0; p < k; p++) {
                double av = x[aBase + (ta ? p * m + i : i * k + p)];
                double bv = y[bBase + (tb ? j * k + p : p * n + j)];
                s += av * bv;
            }
            e[ci] = alpha * s + (beta == 0 ? 0 : beta * z[ci]);
        }
        Ops.gemm(ta, tb, alpha, a, b, beta, c);
        assertClose(e, c, tol, "gemm " + (ta ? "aT" : "a") + Arrays.toString(ad) + (tb ? " · bT" : " · b")
                + Arrays.toString(bd) + " alpha=" + alpha + " beta=" + beta);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchedGemmBroadcastsBatchesWithBothTransposes(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 13);
        double tol = dt == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int[][] ab : BATCHES) {
            for (int t = 0; t < 4; t++) {
                for (double[] alphaBeta : new double[][] {{1, 0}, {1.5, 0.5}}) {
                    checkBatchedGemm(dt, rnd, ab[0], ab[1], 3, 5, 4, (t & 1) != 0, (t & 2) != 0, alphaBeta[0],
                            alphaBeta[1], tol);
                }
            }
        }
        checkBatchedGemm(dt, rnd, new int[] {4}, new int[] {4}, 32, 32, 32, false, true, 1, 0, tol);
        checkBatchedGemm(dt, rnd, new int[] {4}, new int[] {}, 40, 30, 20, false, false, 1, 1, tol);
        checkBatchedGemm(dt, rnd, new int[] {3}, new int[] {3}, 20, 16, 24, true, true, 1, 0.5, tol);
        checkBatchedGemm(dt, rnd, new int[] {2, 1}, new int[] {3}, 24, 40, 16, true, false, -1, 0, tol);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchedMatmulAllocatesTheBroadcastBatch(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 14);
        Tensor a = random(dt, rnd, -1, 1, 2, 1, 3, 4);
        Tensor b = random(dt, rnd, -1, 1, 5, 4, 2);
        Tensor c = Ops.matmul(a, b);
        assertEquals(Shape.of(2, 5, 3, 2), c.shape());
        Tensor into = backend().zeros(dt, 2, 5, 3, 2);
        Ops.matmul(a, b, into);
        assertArrayEquals(c.toDoubleArray(), into.toDoubleArray(), "matmul into out");
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double[] e = new double[c.size()];
        for (int ci = 0; ci < e.length; ci++) {
            int[] idx = unravel(ci, new int[] {2, 5, 3, 2});
            double s = 0;
            for (int p = 0; p < 4; p++) {
                s += x[ravel(new int[] {idx[0], 0, idx[2], p}, new int[] {2, 1, 3, 4})]
                        * y[ravel(new int[] {idx[1], p, idx[3]}, new int[] {5, 4, 2})];
            }
            e[ci] = s;
        }
        assertClose(e, c, dt == DType.FLOAT32 ? 1e-5 : 1e-12, "matmul [2x1x3x4] · [5x4x2]");
    }

    // ---- bad input ----

    private static String refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(OpException.class, call).getMessage();
    }

    @Test
    void theGeneralOperationsNameTheirOperandsAndTheRule() {
        Tensor a = backend().zeros(DType.FLOAT32, 2, 3);
        Tensor row4 = backend().zeros(DType.FLOAT32, 4);
        assertEquals("add: a is [2x3] FLOAT32, b is [4] FLOAT32, out is [2x3] FLOAT32; a and b must broadcast to out's"
                + " shape [2x3] (dimensions aligned on the right, each equal to out's or 1)",
                refused(() -> Ops.binary(Binary.ADD, a, row4, a)));
        assertEquals("less: a is [2x3] FLOAT32, b is [4x3] FLOAT32; a and b must broadcast to one shape (dimensions"
                + " aligned on the right, each equal or 1)",
                refused(() -> Ops.binary(Binary.LESS, a, backend().zeros(DType.FLOAT32, 4, 3))));
        assertTrue(refused(() -> Ops.unary(Unary.EXP, a, backend().zeros(DType.FLOAT32, 3)))
                .startsWith("exp: a is [2x3] FLOAT32, out is [3] FLOAT32; a must broadcast to out's shape [3]"));
        assertEquals("reduce argmax: a is [2x3] FLOAT32, out is [1x1] INT32; reduce argmax reduces one axis; out has"
                + " size 1 along 2 axes where a does not",
                refused(() -> Ops.reduce(Reduce.ARGMAX, a, backend().zeros(DType.INT32, 1, 1))));
        assertTrue(refused(() -> Ops.reduce(Reduce.ARGMAX, a, backend().zeros(DType.FLOAT32, 2, 1)))
                .endsWith("out must be INT32 or INT64 (it receives positions)"));
        assertTrue(refused(() -> Ops.reduce(Reduce.SUM, a, backend().zeros(DType.FLOAT32, 2, 2)))
                .endsWith("out must have a's rank, each dimension equal to a's or 1 (1 along the reduced axes)"));
        assertTrue(refused(() -> Ops.reduce(Reduce.SUM, a, new int[] {1, -1}, true)).endsWith("name axis 1 twice"));
        assertTrue(refused(() -> Ops.reduce(Reduce.MAX, a, new int[] {2}, true))
                .endsWith("axis 2 is outside [-2, 2) for a's rank 2"));
        assertEquals("permute: a is [2x3] FLOAT32; perm [0, 0] must list each axis of a (0 to 1) exactly once",
                refused(() -> Ops.permute(a, new int[] {0, 0})));
        assertTrue(refused(() -> Ops.permute(a, new int[] {1, 0}, backend().zeros(DType.FLOAT32, 2, 3)))
                .contains("out must be a separate [3x2]"));
        assertTrue(refused(() -> Ops.copyRegion(a, new int[] {0, 1}, new int[] {1, -2}, a.copy(), new int[] {0, 0},
                new int[] {1, 2})).contains("along dimension 1 the region reads src positions 1 to -1, outside [0, 3)"));
        assertTrue(refused(() -> Ops.copyRegion(a, new int[] {0, 0}, new int[] {1, 0}, a.copy(), new int[] {0, 0},
                new int[] {1, 1})).contains("srcStep[1] is 0"));
        assertTrue(refused(() -> Ops.gather(a, 0, backend().zeros(DType.FLOAT32, 2)))
                .endsWith("indices must be INT32 or INT64"));
        assertTrue(refused(() -> Ops.gather(a, 1, backend().zeros(DType.INT32, 4), backend().zeros(DType.FLOAT32, 2, 3)))
                .contains("out must be [2x4]"));
        assertTrue(refused(() -> Ops.scatterAdd(backend().zeros(DType.FLOAT64, 2), 0, backend().zeros(DType.INT32, 2), a))
                .contains("all operands must have one dtype"));
        assertTrue(refused(() -> Ops.gemm(false, false, 1, backend().zeros(DType.FLOAT32, 2, 3, 4),
                backend().zeros(DType.FLOAT32, 3, 4, 5), 0, backend().zeros(DType.FLOAT32, 2, 3, 5)))
                .endsWith("the batch dimensions of a and b must broadcast (aligned on the right, each 1 or equal)"));
        assertTrue(refused(() -> Ops.gemm(false, false, 1, backend().zeros(DType.FLOAT32, 2, 3, 4),
                backend().zeros(DType.FLOAT32, 4, 5), 0, backend().zeros(DType.FLOAT32, 2, 5, 3)))
                .contains("c must be [2x3x5]"));
        assertTrue(refused(() -> Ops.matmul(backend().zeros(DType.FLOAT32, 2, 3, 4), backend().zeros(DType.FLOAT32, 5, 6)))
                .contains("a.cols must equal b.rows"));
        assertTrue(refused(() -> Ops.softmax(a, 2, true, a)).endsWith("axis 2 is outside [-2, 2) for x's rank 2"));
        Tensor other = OtherBackend.INSTANCE.zeros(DType.INT32, 2, 3);
        assertTrue(refused(() -> Ops.select(other, a, a, a)).contains("one backend"));
        assertTrue(refused(() -> Ops.binary(Binary.ADD, a, a, backend().zeros(DType.FLOAT64, 2, 3)))
                .contains("one dtype"));
    }
}
