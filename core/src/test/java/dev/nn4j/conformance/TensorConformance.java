package dev.nn4j.conformance;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
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
 * Tensor basics on the backend under test: the backend's own description, zero creation,
 * round trips through Java arrays, element access, {@code toString}, and conversion to
 * another dtype or another backend (the test-only {@link OtherBackend}) and back.
 */
public abstract class TensorConformance extends ConformanceSupport {

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
    @EnumSource(DType.class)
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
        Tensor t = backend().matrix(new double[][] {{1, 2}, {3, 4.5}});
        assertEquals("Tensor FLOAT32 [2x2] on " + backend().name() + "\n[[1.0, 2.0]\n [3.0, 4.5]]", t.toString());
        Tensor big = backend().zeros(DType.FLOAT64, 200);
        big.set(0.25, 199);
        assertEquals("Tensor FLOAT64 [200] on " + backend().name() + " [0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.25]",
                big.toString());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
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
        Tensor there = t.to(OtherBackend.INSTANCE);
        assertSame(OtherBackend.INSTANCE, there.backend());
        assertEquals(dt, there.dtype());
        assertEquals(t.shape(), there.shape());
        assertArrayEquals(t.toDoubleArray(), there.toDoubleArray());
        Tensor back = there.to(backend());
        assertSame(backend(), back.backend());
        assertNotSame(t, back);
        assertArrayEquals(t.toDoubleArray(), back.toDoubleArray());
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
