package dev.nn4j.nd4j;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor stored in one ND4J {@link INDArray}: FLOAT, DOUBLE, INT or LONG (FLOAT32, FLOAT64,
 * INT32, INT64; a scalar is a rank-0 array), 'c' (row-major) order and contiguous from offset
 * 0, so flat index {@code i} is buffer element {@code i}. A tensor made by
 * {@link #view} shares the buffer of another one under another shape (a reshape).
 *
 * <p>The buffer lives in native memory (host memory on CPU, device memory with CUDA). A tensor
 * that small kernels run on ({@link Nd4jBackend#hostBelow()}) also has a heap mirror, shared with
 * its views ({@link Nd4jStorage}); either copy may be the current one, and every access here
 * reads the current one. {@link #array()} makes the native copy current before it hands the
 * array out. {@link #close()} frees the buffer at once; after that every use of the tensor or of
 * a view of it throws {@link IllegalStateException}. Closing twice is allowed. A tensor that is
 * never closed is freed when the garbage collector finds it, which may be much later than its
 * last use.
 *
 * <p>Element access ({@link #get}, {@link #set}) costs one native call per element, or an array
 * access when the heap copy is current; bulk copies ({@link #toFloatArray()}, {@link #setAll})
 * are one memory copy.
 */
public final class Nd4jTensor extends Tensor {
    private final INDArray array;
    private final Nd4jStorage storage;
    /** Set for views: closing one leaves the shared buffer to the tensor that owns it. */
    private final boolean view;
    private Nd4jHostTensor host;
    private boolean closed;

    private Nd4jTensor(Nd4jBackend backend, DType dtype, Shape shape, INDArray array, Nd4jStorage storage,
                       boolean view) {
        super(backend, dtype, shape);
        this.array = array;
        this.storage = storage;
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
        return new Nd4jTensor(backend, dtype, shape, a, new Nd4jStorage(a, dtype, shape.size()), false);
    }

    /**
     * This tensor's elements under {@code shape} (same size), sharing the native buffer (ND4J's
     * {@code reshape('c', ...)} of a contiguous 'c' array is a view, no copy) and the heap mirror.
     * Writes through either tensor show in both, whichever path the kernels take; closing the
     * view frees nothing; once the owner is closed the view throws on use.
     */
    Nd4jTensor view(Shape shape) {
        live();
        INDArray v = array.reshape('c', longs(shape));
        if (v.data().addressPointer().address() != array.data().addressPointer().address()) {
            throw new IllegalStateException("nd4j reshape: " + shape() + " -> " + shape + " was copied, not viewed");
        }
        return new Nd4jTensor((Nd4jBackend) backend(), dtype(), shape, v, storage, true);
    }

    /** True for a tensor made by {@link #view}, which does not own its buffer. */
    public boolean isView() {
        return view;
    }

    /** The ND4J element type of {@code dtype}: FLOAT, DOUBLE, INT (32 bits) or LONG (64 bits). */
    static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
            case INT32 -> DataType.INT;
            case INT64 -> DataType.LONG;
        };
    }

    /**
     * The underlying array, for callers who mix in ND4J code, with the current elements: if a
     * heap kernel wrote them last, they are copied to native memory first. The caller may then
     * write through it, so the heap copy is marked stale. Call it again after any nn4j kernel
     * ran on this tensor (or a view of it): a kept reference may show stale values. It stays
     * owned by this tensor: do not close it, keep no reference after closing the tensor, and do
     * not reshape it in place. Throws if the tensor was closed.
     */
    public INDArray array() {
        live();
        storage.toNative();
        storage.nativeWritten();
        return array;
    }

    /** For a native kernel's input: the array with native memory current. */
    INDArray nativeRead() {
        live();
        storage.toNative();
        return array;
    }

    /** For a native kernel's output (read or not): native memory current, the heap copy stale. */
    INDArray nativeWrite() {
        live();
        storage.toNative();
        storage.nativeWritten();
        return array;
    }

    /** For a heap kernel's input: the heap face with the mirror current (made on first use). */
    Nd4jHostTensor hostRead() {
        live();
        storage.toHost();
        return hostFace();
    }

    /** For a heap kernel's output (read or not): the mirror current, the native copy stale. */
    Nd4jHostTensor hostWrite() {
        live();
        storage.toHost();
        storage.hostWritten();
        return hostFace();
    }

    private Nd4jHostTensor hostFace() {
        if (host == null) {
            host = new Nd4jHostTensor(this, storage);
        }
        return host;
    }

    /** The shared buffer state, for tests. */
    Nd4jStorage storage() {
        return storage;
    }

    /** True after {@link #close()}, or once the tensor owning the buffer of this view was closed. */
    public boolean isClosed() {
        return closed || storage.isClosed();
    }

    private void live() {
        if (isClosed()) {
            throw new IllegalStateException("nd4j tensor " + dtype() + " " + shape()
                    + (closed ? " was closed" : " is a view of a closed tensor") + "; its native memory has been released");
        }
    }

    @Override
    protected double getFlat(int i) {
        live();
        return storage.get(i);
    }

    @Override
    protected void setFlat(int i, double value) {
        live();
        storage.set(i, value);
    }

    @Override
    protected void readInto(float[] dst) {
        live();
        storage.readInto(dst);
    }

    @Override
    protected void readInto(double[] dst) {
        live();
        storage.readInto(dst);
    }

    @Override
    protected void writeFrom(float[] src, int offset) {
        live();
        storage.writeFrom(src, offset);
    }

    @Override
    protected void writeFrom(double[] src, int offset) {
        live();
        storage.writeFrom(src, offset);
    }

    @Override
    protected void readInto(int[] dst) {
        live();
        storage.readInto(dst);
    }

    @Override
    protected void readInto(long[] dst) {
        live();
        storage.readInto(dst);
    }

    @Override
    protected void writeFrom(int[] src, int offset) {
        live();
        storage.writeFrom(src, offset);
    }

    @Override
    protected void writeFrom(long[] src, int offset) {
        live();
        storage.writeFrom(src, offset);
    }

    /**
     * Frees the native buffer and the heap mirror now (a view only marks itself closed: the
     * buffer is its owner's); later uses throw {@link IllegalStateException}; idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            host = null;
            if (!view) {
                storage.close();
            }
        }
    }
}
