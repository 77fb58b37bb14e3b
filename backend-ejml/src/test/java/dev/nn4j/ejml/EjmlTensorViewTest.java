package dev.nn4j.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.DType;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The EJML matrix views share the tensor's array, with the documented view shape per rank. */
class EjmlTensorViewTest {
    private static final EjmlBackend EJML = (EjmlBackend) Backends.get("ejml");

    @Test
    void viewShapePerRank() {
        int[][] dims = {{5}, {2, 3}, {2, 3, 4}, {2, 3, 4, 5}};
        int[][] views = {{1, 5}, {2, 3}, {6, 4}, {24, 5}};
        for (int i = 0; i < dims.length; i++) {
            EjmlTensor f = (EjmlTensor) EJML.zeros(DType.FLOAT32, dims[i]);
            EjmlTensor d = (EjmlTensor) EJML.zeros(DType.FLOAT64, dims[i]);
            assertArrayEquals(views[i], new int[] {f.fmatrix().numRows, f.fmatrix().numCols}, f.shape().toString());
            assertArrayEquals(views[i], new int[] {d.dmatrix().numRows, d.dmatrix().numCols}, d.shape().toString());
            assertSame(f.floats(), f.fmatrix().data);
            assertSame(d.doubles(), d.dmatrix().data);
        }
    }

    @Test
    void writesThroughEitherViewAreSeenByTheOther() {
        EjmlTensor f = (EjmlTensor) EJML.zeros(DType.FLOAT32, 2, 3);
        f.fmatrix().set(1, 2, 7.5f);
        assertEquals(7.5, f.get(1, 2));
        f.set(-2.0, 0, 1);
        assertEquals(-2.0f, f.fmatrix().get(0, 1));

        EjmlTensor d = (EjmlTensor) EJML.zeros(DType.FLOAT64, 3);
        d.setAll(new double[] {1, 2, 3});
        assertEquals(3.0, d.dmatrix().get(0, 2));
    }

    @Test
    void wrongDtypeViewAndBrokenSharingAreReported() {
        EjmlTensor f = (EjmlTensor) EJML.zeros(DType.FLOAT32, 2, 2);
        assertThrows(IllegalStateException.class, f::dmatrix);
        EjmlTensor d = (EjmlTensor) EJML.zeros(DType.FLOAT64, 2, 2);
        assertThrows(IllegalStateException.class, d::fmatrix);

        FMatrixRMaj fm = f.fmatrix();
        fm.reshape(3, 3); // more elements: EJML allocates a new array
        IllegalStateException e = assertThrows(IllegalStateException.class, f::fmatrix);
        assertEquals("EJML matrix view of tensor [2x2] no longer shares the tensor's array (it was reshaped to 3x3)",
                e.getMessage());
        DMatrixRMaj dm = d.dmatrix();
        dm.reshape(5, 1);
        assertThrows(IllegalStateException.class, d::dmatrix);
    }
}
