package dev.nn4j.nd4j;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor stored in one ND4J {@link INDArray}: FLOAT or DOUBLE, 'c' (row-major) order, never
 * a view, so flat index {@code i} is buffer element {@code i}.
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
    private boolean closed;

    private Nd4jTensor(Nd4jBackend backend, DType dtype, Shape shape, INDArray array) {
        super(backend, dtype, shape);
        this.array = array;
    }

    /** A zero tensor; ND4J must have started (see {@link Nd4jBackend#create}). */
    static Nd4jTensor zeros(Nd4jBackend backend, DType dtype, Shape shape) {
        int[] dims = shape.dims();
        long[] longDims = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            longDims[i] = dims[i];
        }
        INDArray a = Nd4j.create(dataType(dtype), longDims, 'c');
        return new Nd4jTensor(backend, dtype, shape, a);
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

    /** Frees the native buffer now; later uses throw {@link IllegalStateException}; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (array.closeable()) {
                array.close();
            }
        }
    }
}
