package dev.nn4j.ejml;

import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A tensor of the EJML backend: an {@link ArrayTensor} whose {@code float[]} (FLOAT32) or
 * {@code double[]} (FLOAT64) is also the {@code data} array of an EJML {@link FMatrixRMaj}
 * or {@link DMatrixRMaj}. Both views share one array, so the array kernels and EJML's
 * operations read and write the same memory; nothing is copied between them.
 *
 * <p>The matrix view of a rank-2 tensor {@code [r x c]} is {@code r x c}; a scalar is
 * {@code 1 x 1}; a rank-1 tensor {@code [n]} is viewed as {@code 1 x n}; ranks 3 to 6 as
 * {@code (product of the leading dimensions) x (last dimension)}. Element-wise EJML operations
 * only depend on the element count, so any of these views serve them. Only FLOAT32 and FLOAT64
 * tensors are {@code EjmlTensor}s: the backend keeps INT32 and INT64 in plain
 * {@link ArrayTensor}s, since EJML has no integer matrices.
 *
 * <p>The views must never be reshaped to more elements than the tensor holds: EJML would
 * then allocate a new array and the two views would silently diverge. The kernels only pass
 * shapes that {@link dev.nn4j.tensor.Ops} has validated, and {@link #fmatrix()} and
 * {@link #dmatrix()} check that the array is still shared.
 */
final class EjmlTensor extends ArrayTensor {
    private final FMatrixRMaj fm;
    private final DMatrixRMaj dm;

    /** A zero tensor of {@code dtype} and {@code shape} owned by {@code backend}. */
    EjmlTensor(EjmlBackend backend, DType dtype, Shape shape) {
        this(backend, dtype, shape,
                dtype == DType.FLOAT32 ? new float[shape.size()] : null,
                dtype == DType.FLOAT64 ? new double[shape.size()] : null);
    }

    private EjmlTensor(EjmlBackend backend, DType dtype, Shape shape, float[] floats, double[] doubles) {
        super(backend, dtype, shape, floats, doubles);
        int cols = shape.rank() == 0 ? 1 : shape.dim(shape.rank() - 1);
        int rows = shape.size() / cols;
        this.fm = floats != null ? FMatrixRMaj.wrap(rows, cols, floats) : null;
        this.dm = doubles != null ? DMatrixRMaj.wrap(rows, cols, doubles) : null;
    }

    /** A tensor of {@code shape} (same size) sharing this tensor's array and EJML views of it. */
    @Override
    public EjmlTensor view(Shape shape) {
        if (shape.size() != size()) {
            throw new IllegalArgumentException("view: tensor " + shape() + " has " + size() + " elements; "
                    + shape + " has " + shape.size());
        }
        return new EjmlTensor((EjmlBackend) backend(), dtype(), shape, isFloat() ? floats() : null,
                isFloat() ? null : doubles());
    }

    /** The FLOAT32 matrix view over {@link #floats()}; throws for FLOAT64. */
    FMatrixRMaj fmatrix() {
        if (fm == null) {
            throw new IllegalStateException("tensor " + shape() + " is " + dtype() + ", not FLOAT32");
        }
        if (fm.data != floats()) {
            throw new IllegalStateException("EJML matrix view of tensor " + shape()
                    + " no longer shares the tensor's array (it was reshaped to " + fm.numRows + "x" + fm.numCols + ")");
        }
        return fm;
    }

    /** The FLOAT64 matrix view over {@link #doubles()}; throws for FLOAT32. */
    DMatrixRMaj dmatrix() {
        if (dm == null) {
            throw new IllegalStateException("tensor " + shape() + " is " + dtype() + ", not FLOAT64");
        }
        if (dm.data != doubles()) {
            throw new IllegalStateException("EJML matrix view of tensor " + shape()
                    + " no longer shares the tensor's array (it was reshaped to " + dm.numRows + "x" + dm.numCols + ")");
        }
        return dm;
    }
}
