package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Storage, element access, bulk copies and deterministic release of {@link Nd4jTensor}. */
class Nd4jTensorTest {
    private final Nd4jBackend nd4j = (Nd4jBackend) Backends.get("nd4j");

    @Test
    void storesRowMajorInTheMatchingNd4jType() {
        try (Tensor f = nd4j.zeros(DType.FLOAT32, 2, 3); Tensor d = nd4j.zeros(DType.FLOAT64, 2, 2, 2)) {
            Nd4jTensor ft = (Nd4jTensor) f;
            assertEquals(DataType.FLOAT, ft.array().dataType());
            assertEquals('c', ft.array().ordering());
            assertArrayEquals(new long[] {2, 3}, ft.array().shape());
            assertEquals(DataType.DOUBLE, ((Nd4jTensor) d).array().dataType());
            f.set(7.5, 1, 2);
            assertEquals(7.5f, ft.array().getFloat(1, 2));
            assertEquals(7.5, f.get(1, 2));
            d.set(-1.25, 1, 0, 1);
            assertEquals(-1.25, d.toDoubleArray()[5]);
        }
    }

    @Test
    void bulkCopiesRoundTripAndConvert() {
        try (Tensor f = nd4j.zeros(DType.FLOAT32, 2, 2); Tensor d = nd4j.zeros(DType.FLOAT64, 4)) {
            f.setAll(new double[] {0.1, 2, 3, 4});
            assertArrayEquals(new float[] {0.1f, 2, 3, 4}, f.toFloatArray());
            f.setRange(new float[] {9, 9, 5, 6, 7, 8, 9}, 2, 4);
            assertArrayEquals(new double[] {5, 6, 7, 8}, f.toDoubleArray());
            d.setAll(new float[] {1.5f, 2, 3, 4});
            d.setAll(new double[] {0.1, 0.2, 0.3, 0.4});
            assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, d.toDoubleArray());
            assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, d.toFloatArray());
            assertArrayEquals(new double[][] {{5, 6}, {7, 8}}, f.toDoubleMatrix());
        }
    }

    @Test
    void closeReleasesTheNativeBufferAtOnceAndForbidsLaterUse() {
        long before = nd4j.liveBufferBytes();
        Tensor t = nd4j.zeros(DType.FLOAT64, 1000, 100);
        assertTrue(nd4j.liveBufferBytes() - before >= 800_000,
                "a 1000x100 double tensor adds at least 800,000 bytes; counter went from " + before + " to "
                        + nd4j.liveBufferBytes());
        t.close();
        assertEquals(before, nd4j.liveBufferBytes(), "bytes after close");
        t.close();
        assertTrue(((Nd4jTensor) t).isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, t::toFloatArray);
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("[1000x100]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.get(0, 0));
        try (Tensor other = nd4j.zeros(DType.FLOAT64, 1000, 100)) {
            assertThrows(IllegalStateException.class, () -> t.add(other));
        }
    }
}
