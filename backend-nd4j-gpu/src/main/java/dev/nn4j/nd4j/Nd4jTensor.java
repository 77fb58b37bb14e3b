package dev.nn4j.nd4j;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor stored in one ND4J {@link INDArray}: FLOAT or DOUBLE, 'c' (row-major) order and
 * contiguous from offset 0, so flat index {@code i} is buffer element {@code i}. A tensor made by
 * {@link #view} shares the buffer of another one under another shape (a reshape).
 *
 * <p>The buffer lives in native memory (host memory on CPU, device memory with CUDA).
 * {@link #close()} frees it at once; after that every use throws
 * {@link IllegalStateException}. Closing twice is allowed. A tensor that is never closed is
 * freed when the garbage collector finds it, which may be much later than its last use.
 *
 * <p>Element access ({@link #get}, {@link #set}) costs one native call per element; bulk
 * copies ({@link #toFloatArray()}, {@link #setAll}) cost one call plus a Java array copy.
 */
public final class Nd4jTensor extends Tensor {
    private final INDArray array;
    /** Set for views: closing one leaves the shared buffer to the tensor that owns it. */
    private final boolean view;
    private boolean closed;

    private Nd4jTensor(Nd4jBackend backend, DType dtype, Shape shape, INDArray array, boolean view) {
        super(backend, dtype, shape);
        this.array = array;
        this.view = view;
    }

    private static long[] longs(Shape shape) {
        int[] dims = shape.dims();
        long[] longDims = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            longDims[i] = dims[i];
        }
        return longDims;
    }

    /** A zero tensor; ND4J must have started (see {@link Nd4jBackend#create}). */
    static Nd4jTensor zeros(Nd4jBackend backend, DType dtype, Shape shape) {
        INDArray a = Nd4j.create(dataType(dtype), longs(shape), 'c');
        return new Nd4jTensor(backend, dtype, shape, a, false);
    }

    /**
     * This tensor's elements under {@code shape} (same size), sharing the native buffer: ND4J's
     * {@code reshape('c', ...)} of a contiguous 'c' array is a view, no copy. Writes through either
     * tensor show in both; closing the view frees nothing; the view must not be used once the
     * tensor that owns the buffer is closed.
     */
    Nd4jTensor view(Shape shape) {
        INDArray v = array().reshape('c', longs(shape));
        if (v.data().addressPointer().address() != array.data().addressPointer().address()) {
            throw new IllegalStateException("nd4j reshape: " + shape() + " -> " + shape + " was copied, not viewed");
        }
        return new Nd4jTensor((Nd4jBackend) backend(), dtype(), shape, v, true);
    }

    /** True for a tensor made by {@link #view}, which does not own its buffer. */
    public boolean isView() {
        return view;
    }

    /** The ND4J element type of {@code dtype}. */
    static DataType dataType(DType dtype) {
        return dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    /**
     * The underlying array, for kernels and for callers who mix in ND4J code. It stays owned by
     * this tensor: do not close it, keep no reference after closing the tensor, and do not
     * reshape it in place. Throws if the tensor was closed.
     */
    public INDArray array() {
        if (closed) {
            throw new IllegalStateException("nd4j tensor " + dtype() + " " + shape()
                    + " was closed; its native memory has been released");
        }
        return array;
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    protected double getFlat(int i) {
        return array().data().getDouble(i);
    }

    @Override
    protected void setFlat(int i, double value) {
        if (dtype() == DType.FLOAT32) {
            array().data().put(i, (float) value);
        } else {
            array().data().put(i, value);
        }
    }

    @Override
    protected void readInto(float[] dst) {
        float[] src = array().data().asFloat();
        System.arraycopy(src, 0, dst, 0, size());
    }

    @Override
    protected void readInto(double[] dst) {
        double[] src = array().data().asDouble();
        System.arraycopy(src, 0, dst, 0, size());
    }

    @Override
    protected void writeFrom(float[] src, int offset) {
        INDArray a = array();
        int n = size();
        if (dtype() == DType.FLOAT32) {
            a.data().setData(offset == 0 && src.length == n ? src : Arrays.copyOfRange(src, offset, offset + n));
        } else {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = src[offset + i];
            }
            a.data().setData(d);
        }
    }

    @Override
    protected void writeFrom(double[] src, int offset) {
        INDArray a = array();
        int n = size();
        if (dtype() == DType.FLOAT64) {
            a.data().setData(offset == 0 && src.length == n ? src : Arrays.copyOfRange(src, offset, offset + n));
        } else {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[offset + i];
            }
            a.data().setData(f);
        }
    }

    /**
     * Frees the native buffer now (a view only marks itself closed: the buffer is its owner's);
     * later uses throw {@link IllegalStateException}; idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!view && array.closeable()) {
                array.close();
            }
        }
    }
}
