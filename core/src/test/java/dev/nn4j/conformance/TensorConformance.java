package dev.nn4j.conformance;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tensor basics on the backend under test, for every dtype and every rank from 0 to
 * {@value Shape#MAX_RANK}: the backend's own description, zero creation, round trips through
 * Java arrays of the four element types, element access, fill, copy, reshape, {@code toString},
 * and conversion to another dtype or another backend (the test-only {@link OtherBackend}) and
 * back. The cast rule between dtypes is {@link TensorCastConformance}'s; tensors of
 * {@link #LARGE} elements take the native paths of backends that keep small tensors on the heap.
 */
public abstract class TensorConformance extends ConformanceSupport {

    /** Elements of the large rank-6 shape: above ND4J's heap threshold (16,384), so its native paths run. */
    static final int LARGE = 2 * 3 * 4 * 5 * 6 * 30;

    /** One shape per rank 0 to 6, then a large rank-6 one. */
    static final int[][] SHAPES = {{}, {5}, {2, 3}, {2, 1, 3}, {1, 2, 3, 2}, {2, 1, 2, 1, 3}, {2, 1, 2, 3, 1, 2},
        {2, 3, 4, 5, 6, 30}};

    @Test
    void backendDescribesItself() {
        Backend b = backend();
        assertTrue(b.name().matches("[a-z0-9-]+"), "name should be short lower-case: " + b.name());
        assertTrue(b.isAvailable(), b.availability().reason());
        assertFalse(b.device().isBlank(), "device description");
        assertSame(b, b.zeros(1).backend());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void createdTensorsAreZeroWithTheRequestedShape(DType dt) {
        Tensor t = backend().create(dt, Shape.of(2, 3, 4));
        assertEquals(dt, t.dtype());
        assertEquals(Shape.of(2, 3, 4), t.shape());
        assertEquals(3, t.rank());
        assertEquals(24, t.size());
        assertArrayEquals(new double[24], t.toDoubleArray());
        for (int[] dims : SHAPES) {
            Tensor r = backend().zeros(dt, dims);
            assertEquals(dims.length, r.rank());
            assertEquals(Shape.of(dims), r.shape());
            assertArrayEquals(new long[r.size()], r.toLongArray(), "zeros " + r.shape());
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyRankHoldsItsElementsInEveryJavaArrayType(DType dt) {
        for (int[] dims : SHAPES) {
            Tensor t = backend().zeros(dt, dims);
            int n = t.size();
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                ints[i] = (i % 2000) - 1000;            // exact in every dtype
            }
            t.setAll(ints);
            String what = dt + " " + t.shape();
            assertArrayEquals(ints, t.toIntArray(), what);
            long[] longs = t.toLongArray();
            float[] floats = t.toFloatArray();
            double[] doubles = t.toDoubleArray();
            for (int i = 0; i < n; i++) {
                assertEquals(ints[i], longs[i], what);
                assertEquals(ints[i], floats[i], 0, what);
                assertEquals(ints[i], doubles[i], 0, what);
            }
            t.setAll(doubles);
            assertArrayEquals(ints, t.toIntArray(), what + " after setAll(double[])");
            t.setAll(floats);
            assertArrayEquals(ints, t.toIntArray(), what + " after setAll(float[])");
            t.setAll(longs);
            assertArrayEquals(ints, t.toIntArray(), what + " after setAll(long[])");
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void getAndSetReachTheLastElementOfEveryRank(DType dt) {
        for (int[] dims : SHAPES) {
            Tensor t = backend().zeros(dt, dims);
            int[] last = new int[dims.length];
            for (int d = 0; d < dims.length; d++) {
                last[d] = dims[d] - 1;
            }
            t.set(-7, last);
            assertEquals(-7, t.get(last), dt + " " + t.shape());
            assertEquals(-7, t.toLongArray()[t.size() - 1], dt + " " + t.shape());
            assertEquals(t.size() == 1 ? -7 : 0, t.toLongArray()[0], dt + " " + t.shape());
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fillCopyAndReshapeWorkOnEveryRank(DType dt) {
        for (int[] dims : SHAPES) {
            Tensor t = backend().zeros(dt, dims);
            String what = dt + " " + t.shape();
            Ops.fill(t, 3);
            long[] threes = new long[t.size()];
            java.util.Arrays.fill(threes, 3);
            assertArrayEquals(threes, t.toLongArray(), what + " fill");
            Tensor c = t.copy();
            t.set(-1, new int[dims.length]);
            assertArrayEquals(threes, c.toLongArray(), what + " the copy is deep");
            assertEquals(dt, c.dtype());
            Tensor flat = Ops.reshape(t, Shape.of(t.size()));
            assertEquals(Shape.of(t.size()), flat.shape());
            assertEquals(dt, flat.dtype());
            assertEquals(-1, flat.get(0), what + " reshape keeps row-major order");
            Tensor six = Ops.reshape(t, Shape.of(1, 1, 1, 1, 1, t.size()));
            assertArrayEquals(t.toLongArray(), six.toLongArray(), what + " to rank 6");
            Tensor back = Ops.reshape(six, t.shape());
            assertEquals(t.shape(), back.shape());
            assertArrayEquals(t.toLongArray(), back.toLongArray(), what + " back");
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aScalarHasRankZeroOneElementAndNoIndices(DType dt) {
        Tensor s = backend().zeros(dt);
        assertEquals(Shape.scalar(), s.shape());
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        s.set(42);
        assertEquals(42, s.get());
        assertArrayEquals(new long[] {42}, s.toLongArray());
        Tensor one = Ops.reshape(s, Shape.of(1));
        assertEquals(42, one.get(0));
        Tensor back = Ops.reshape(Ops.reshape(one, Shape.of(1, 1, 1, 1, 1, 1)), Shape.scalar());
        assertEquals(42, back.get());
        String number = dt.isFloating() ? "42.0" : "42";
        assertEquals("Tensor " + dt + " [] on " + backend().name() + "\n" + number, s.toString());
        Tensor f = backend().fromArray(new float[] {2.5f});
        assertEquals(0, f.rank());
        assertEquals(2.5, f.get());
    }

    @Test
    void integerArraysRoundTripExactly() {
        int[] ints = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 16777217};
        Tensor i32 = backend().fromArray(ints, 2, 3);
        assertEquals(DType.INT32, i32.dtype());
        assertArrayEquals(ints, i32.toIntArray());
        long[] longs = {Long.MIN_VALUE, -1, 0, (1L << 53) + 1, Long.MAX_VALUE, 1L << 40};
        Tensor i64 = backend().fromArray(longs, 3, 1, 2);
        assertEquals(DType.INT64, i64.dtype());
        assertArrayEquals(longs, i64.toLongArray());
        Tensor wide = backend().zeros(DType.INT64, 6);
        wide.setAll(ints);
        assertArrayEquals(new long[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 16777217}, wide.toLongArray());
        Tensor d = backend().zeros(DType.FLOAT64, 6);
        d.setAll(ints);
        assertArrayEquals(ints, d.toIntArray(), "FLOAT64 holds every int exactly");
        assertEquals((double) Integer.MIN_VALUE, i32.get(0, 0));
        assertEquals((double) (1L << 40), i64.get(2, 0, 1));
    }

    @Test
    void floatArraysRoundTripExactly() {
        float[] data = {1.5f, -2.25f, 0.1f, Float.MIN_VALUE, 3e38f, -0f};
        Tensor t = backend().fromArray(data, 2, 3);
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(data, t.toFloatArray());
        double[] widened = t.toDoubleArray();
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i], widened[i], 0, "widened element " + i);
        }
    }

    @Test
    void doubleArraysRoundTripExactly() {
        double[] data = {0.1, -1e-300, 1e300, Math.PI};
        Tensor t = backend().fromArray(data, 4);
        assertEquals(DType.FLOAT64, t.dtype());
        assertArrayEquals(data, t.toDoubleArray());
        assertArrayEquals(new float[] {0.1f, -0f, Float.POSITIVE_INFINITY, (float) Math.PI}, t.toFloatArray());
    }

    @Test
    void float32StorageRoundsDoublesToFloat() {
        Tensor t = backend().zeros(DType.FLOAT32, 3);
        t.setAll(new double[] {0.1, 1.0 / 3, 16777217});
        assertArrayEquals(new double[] {0.1f, 1.0f / 3, 16777216}, t.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void getAndSetUseRowMajorIndices(DType dt) {
        Tensor m = backend().zeros(dt, 2, 3);
        m.set(5, 1, 2);
        m.set(-1.5, 0, 1);
        assertEquals(5, m.get(1, 2));
        assertEquals(-1.5, m.get(0, 1));
        assertArrayEquals(new double[] {0, -1.5, 0, 0, 0, 5}, m.toDoubleArray());
        assertArrayEquals(new double[][] {{0, -1.5, 0}, {0, 0, 5}}, m.toDoubleMatrix());
        Tensor r4 = backend().zeros(dt, 2, 3, 4, 5);
        r4.set(7, 1, 2, 3, 4);
        assertEquals(7, r4.get(1, 2, 3, 4));
        assertEquals(7, r4.toDoubleArray()[119]);
        Tensor r1 = backend().zeros(dt, 3);
        r1.set(2, 2);
        assertArrayEquals(new double[] {0, 0, 2}, r1.toDoubleArray());
    }

    @Test
    void setRangeCopiesASliceOfAnArray() {
        Tensor t = backend().zeros(DType.FLOAT32, 2, 2);
        t.setRange(new float[] {9, 1, 2, 3, 4, 9}, 1, 4);
        assertArrayEquals(new float[] {1, 2, 3, 4}, t.toFloatArray());
    }

    @Test
    void toStringShowsHeaderAndValues() {
        String on = " on " + backend().name();
        Tensor t = backend().matrix(new double[][] {{1, 2}, {3, 4.5}});
        assertEquals("Tensor FLOAT32 [2x2]" + on + "\n[[1.0, 2.0]\n [3.0, 4.5]]", t.toString());
        Tensor big = backend().zeros(DType.FLOAT64, 200);
        big.set(0.25, 199);
        assertEquals("Tensor FLOAT64 [200]" + on + " [0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.25]", big.toString());
        assertEquals("Tensor FLOAT32 [3]" + on + "\n[1.0, -2.0, 0.5]",
                backend().fromArray(new float[] {1, -2, 0.5f}, 3).toString());
        assertEquals("Tensor INT32 [2x2x2]" + on + "\n[[[1, 2]\n  [3, 4]]\n\n [[5, 6]\n  [7, -8]]]",
                backend().fromArray(new int[] {1, 2, 3, 4, 5, 6, 7, -8}, 2, 2, 2).toString());
        assertEquals("Tensor INT64 [1x1x1x1x1x2]" + on + "\n[[[[[[9007199254740993, -1]]]]]]",
                backend().fromArray(new long[] {(1L << 53) + 1, -1}, 1, 1, 1, 1, 1, 2).toString());
        assertEquals("Tensor FLOAT64 [2x1x1x1x1x1]" + on + "\n[[[[[[0.5]]]]]\n\n\n\n\n [[[[[1.5]]]]]]",
                backend().fromArray(new double[] {0.5, 1.5}, 2, 1, 1, 1, 1, 1).toString());
        Tensor large = backend().zeros(DType.INT64, 2, 3, 4, 5, 6, 30);
        Ops.fill(large, -3);
        assertEquals("Tensor INT64 [2x3x4x5x6x30]" + on + " [-3, -3, -3, ..., -3, -3, -3]", large.toString());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void conversionToTheOtherDtypeCopies(DType dt) {
        DType target = dt == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor t = tensor(dt, new double[] {1.5, -2, 0.25, 8}, 2, 2);
        Tensor u = t.to(target);
        assertEquals(target, u.dtype());
        assertEquals(t.shape(), u.shape());
        assertSame(backend(), u.backend());
        assertArrayEquals(t.toDoubleArray(), u.toDoubleArray());
        u.set(99, 0, 0);
        assertEquals(1.5, t.get(0, 0), "the source is unchanged");
        assertArrayEquals(t.toDoubleArray(), t.to(target).to(dt).toDoubleArray(), "round trip");
    }

    @Test
    void narrowingToFloat32Rounds() {
        Tensor d = backend().fromArray(new double[] {0.1, 1e-50}, 2);
        assertArrayEquals(new float[] {0.1f, 0f}, d.to(DType.FLOAT32).toFloatArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conversionToAnotherBackendAndBack(DType dt) {
        Tensor t = tensor(dt, new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        if (dt == DType.INT64) {
            t.setAll(new long[] {Long.MIN_VALUE, (1L << 53) + 1, 3, 4, 5, Long.MAX_VALUE});
        }
        Tensor there = t.to(OtherBackend.INSTANCE);
        assertSame(OtherBackend.INSTANCE, there.backend());
        assertEquals(dt, there.dtype());
        assertEquals(t.shape(), there.shape());
        assertArrayEquals(t.toDoubleArray(), there.toDoubleArray());
        Tensor back = there.to(backend());
        assertSame(backend(), back.backend());
        assertNotSame(t, back);
        assertArrayEquals(t.toDoubleArray(), back.toDoubleArray());
        assertArrayEquals(t.toLongArray(), back.toLongArray(), "exact for every dtype");
        Tensor scalar = backend().zeros(dt);
        scalar.set(7);
        assertEquals(7, scalar.to(OtherBackend.INSTANCE).to(backend()).get());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyIsDeep(DType dt) {
        Tensor t = tensor(dt, new double[] {1, 2, 3}, 3);
        Tensor c = t.copy();
        c.set(10, 0);
        assertArrayEquals(new double[] {1, 2, 3}, t.toDoubleArray());
        assertArrayEquals(new double[] {10, 2, 3}, c.toDoubleArray());
    }
}
