package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cast rule of {@link Ops#copy(Tensor, Tensor)} between dtypes, the same on every backend:
 * Java's conversions. Floating to integer truncates toward zero (NumPy's {@code astype}), NaN
 * becomes 0 and values beyond the range saturate at the integer type's minimum or maximum;
 * INT64 to INT32 keeps the low 32 bits; FLOAT64 to FLOAT32 and integers to floating round to
 * the nearest. Every case runs on a small tensor and on one of {@link TensorConformance#LARGE}
 * elements (native paths), and through {@code fill}, {@code set}, {@code setAll} and the
 * {@code toXArray} readers, which follow the same rule.
 */
public abstract class TensorCastConformance extends ConformanceSupport {

    private static final double[] FLOATING = {2.7, -2.7, 0.5, -0.5, 1e10, -1e10, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 16777217, 123};
    private static final long[] AS_INT32 = {2, -2, 0, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 16777217, 123};
    private static final long[] AS_INT64 = {2, -2, 0, 0, 10_000_000_000L, -10_000_000_000L, 0, Long.MAX_VALUE,
        Long.MIN_VALUE, 16777217, 123};

    /** {@code values} repeated to {@code n} elements. */
    private static double[] tile(double[] values, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }

    private static long[] tile(long[] values, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }

    /** A small (one of each value) and a large tensor of {@code dtype} holding {@code values} tiled. */
    private Tensor[] smallAndLarge(DType dtype, double[] values) {
        Tensor small = backend().zeros(dtype, values.length);
        small.setAll(values);
        Tensor large = backend().zeros(dtype, 2, 3, 4, 5, 6, 30);
        large.setAll(tile(values, large.size()));
        return new Tensor[] {small, large};
    }

    private Tensor castCopy(Tensor src, DType target) {
        Tensor dst = backend().create(target, src.shape());
        Ops.copy(src, dst);
        return dst;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyConvertsExactlyBetweenEveryPairOfDtypesWhenTheValuesFit(DType from) {
        double[] values = {0, 1, -2, 100, -7, 16777216, -1000};
        for (Tensor src : smallAndLarge(from, values)) {
            for (DType to : DType.values()) {
                Tensor dst = castCopy(src, to);
                assertEquals(to, dst.dtype());
                assertEquals(src.shape(), dst.shape());
                assertArrayEquals(tile(values, src.size()), dst.toDoubleArray(), from + " -> " + to + " " + src.shape());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void floatingToIntegerTruncatesTowardZeroAndSaturates(DType from) {
        double[] values = FLOATING.clone();
        if (from == DType.FLOAT32) {
            values[9] = 16777216;                   // 16777217 is not a float
        }
        long[] int32 = AS_INT32.clone();
        long[] int64 = AS_INT64.clone();
        int32[9] = (long) values[9];
        int64[9] = (long) values[9];
        for (Tensor src : smallAndLarge(from, values)) {
            int n = src.size();
            String what = from + " " + src.shape();
            assertArrayEquals(tile(int32, n), castCopy(src, DType.INT32).toLongArray(), what + " -> INT32");
            assertArrayEquals(tile(int64, n), castCopy(src, DType.INT64).toLongArray(), what + " -> INT64");
            assertArrayEquals(tile(int64, n), src.to(DType.INT64).toLongArray(), what + " to(INT64)");
            long[] viaReader = new long[n];
            int[] ints = src.toIntArray();
            for (int i = 0; i < n; i++) {
                viaReader[i] = ints[i];
            }
            assertArrayEquals(tile(int32, n), viaReader, what + " toIntArray");
            assertArrayEquals(tile(int64, n), src.toLongArray(), what + " toLongArray");
        }
    }

    @Test
    void writingFloatingValuesIntoIntegerTensorsTruncates() {
        for (DType to : new DType[] {DType.INT32, DType.INT64}) {
            long[] expected = to == DType.INT32 ? AS_INT32 : AS_INT64;
            for (Tensor t : smallAndLarge(to, FLOATING)) {
                int n = t.size();
                assertArrayEquals(tile(expected, n), t.toLongArray(), to + " " + t.shape() + " setAll(double[])");
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = -2.9f;
                }
                t.setAll(f);
                assertEquals(-2, t.toLongArray()[n - 1], to + " setAll(float[])");
                int[] first = new int[t.rank()];
                t.set(3.99, first);
                assertEquals(3, t.get(first));
                t.set(-3.99, first);
                assertEquals(-3, t.toLongArray()[0]);
            }
        }
    }

    @Test
    void fillConvertsItsValueAsCopyCasts() {
        for (DType to : new DType[] {DType.INT32, DType.INT64}) {
            for (Tensor t : smallAndLarge(to, new double[] {5})) {
                String what = to + " " + t.shape();
                Ops.fill(t, 2.7);
                assertEquals(2, t.toLongArray()[t.size() - 1], what);
                Ops.fill(t, -2.7);
                assertEquals(-2, t.toLongArray()[t.size() - 1], what);
                Ops.fill(t, Double.NaN);
                assertEquals(0, t.toLongArray()[t.size() - 1], what);
                Ops.fill(t, 1e30);
                assertEquals(to == DType.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE, t.toLongArray()[t.size() - 1], what);
                Ops.fill(t, -1e30);
                assertEquals(to == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE, t.toLongArray()[0], what);
            }
        }
    }

    @Test
    void int64ToInt32KeepsTheLow32Bits() {
        long[] values = {(1L << 32) + 5, -1, 1L << 31, -(1L << 31) - 1, Long.MAX_VALUE, 7};
        long[] low = {5, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 7};
        Tensor small = backend().fromArray(values, values.length);
        Tensor large = backend().zeros(DType.INT64, 2, 3, 4, 5, 6, 30);
        large.setAll(tile(values, large.size()));
        for (Tensor src : new Tensor[] {small, large}) {
            assertArrayEquals(tile(low, src.size()), castCopy(src, DType.INT32).toLongArray(), "INT64 -> INT32 "
                    + src.shape());
            int[] ints = src.toIntArray();
            assertEquals(5, ints[0]);
            assertEquals(Integer.MAX_VALUE, ints[3]);
        }
        Tensor narrow = backend().zeros(DType.INT32, 3);
        narrow.setAll(new long[] {(1L << 32) + 9, -1, 1L << 33});
        assertArrayEquals(new int[] {9, -1, 0}, narrow.toIntArray());
    }

    @Test
    void integersAndDoublesRoundToTheNearestFloat() {
        Tensor i32 = backend().fromArray(new int[] {16777217, 16777219, Integer.MAX_VALUE, -3}, 4);
        assertArrayEquals(new float[] {16777216f, 16777220f, 2147483648f, -3f}, castCopy(i32, DType.FLOAT32).toFloatArray());
        assertArrayEquals(new double[] {16777217, 16777219, Integer.MAX_VALUE, -3},
                castCopy(i32, DType.FLOAT64).toDoubleArray(), "FLOAT64 holds every int");
        long big = (1L << 53) + 1;
        Tensor i64 = backend().fromArray(new long[] {big, Long.MAX_VALUE, Long.MIN_VALUE}, 3);
        assertArrayEquals(new double[] {1L << 53, 0x1p63, -0x1p63}, castCopy(i64, DType.FLOAT64).toDoubleArray());
        assertArrayEquals(new float[] {0x1p53f, 0x1p63f, -0x1p63f}, castCopy(i64, DType.FLOAT32).toFloatArray());
        Tensor d = backend().fromArray(new double[] {0.1, 1e-50, 1e300, -0.0}, 4);
        assertArrayEquals(new float[] {0.1f, 0f, Float.POSITIVE_INFINITY, -0f}, castCopy(d, DType.FLOAT32).toFloatArray());
        Tensor f = backend().fromArray(new float[] {0.1f, -3.5f}, 2);
        assertArrayEquals(new double[] {0.1f, -3.5}, castCopy(f, DType.FLOAT64).toDoubleArray(), "widening is exact");
    }

    @Test
    void copyOfOneDtypeIsExact() {
        long[] longs = {Long.MIN_VALUE, (1L << 53) + 1, -1, Long.MAX_VALUE};
        Tensor i64 = backend().fromArray(longs, 2, 2);
        assertArrayEquals(longs, castCopy(i64, DType.INT64).toLongArray());
        Tensor large = backend().zeros(DType.INT64, 2, 3, 4, 5, 6, 30);
        large.setAll(tile(longs, large.size()));
        assertArrayEquals(tile(longs, large.size()), Ops.copy(large).toLongArray());
    }
}
