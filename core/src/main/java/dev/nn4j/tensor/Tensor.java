package dev.nn4j.tensor;


/**
 * A dense, row-major array of rank 0 to {@value Shape#MAX_RANK} owned by one {@link Backend},
 * with elements of one {@link DType}: FLOAT32 or FLOAT64 for arithmetic, INT32 or INT64 for
 * integers (which can be filled, copied, cast, reshaped, read and written, moved, gathered and
 * compared; {@link Ops}' general operations take them where {@link Unary} and {@link Binary}
 * define their function on integers, the rest of the arithmetic refuses them).
 *
 * <p>Tensors are created by a backend ({@link Backend#zeros(DType, int...)},
 * {@link Backend#fromArray(float[], int...)}, {@link Backend#matrix(double[][])}) and read
 * back into Java arrays with {@link #toFloatArray()}, {@link #toDoubleArray()},
 * {@link #toIntArray()}, {@link #toLongArray()} or {@link #toDoubleMatrix()}. Reading or
 * writing through an array of another element type converts each element as
 * {@link Ops#copy(Tensor, Tensor)} casts (e.g. {@code toIntArray()} of FLOAT32 truncates
 * toward zero). The instance methods here ({@link #matmul}, {@link #add}, ...)
 * allocate their result; the training loop uses the out-parameter forms in {@link Ops}
 * on buffers it allocated once.
 *
 * <p>A tensor may hold native memory (ND4J); {@link #close()} releases it deterministically.
 * Using a closed tensor is an error. Tensors are not thread-safe.
 *
 * <p>Backend authors extend this class and implement the element accessors and bulk copies.
 */
public abstract class Tensor implements AutoCloseable {
    private final Backend backend;
    private final DType dtype;
    private final Shape shape;

    /** For backends: a tensor of {@code dtype} and {@code shape} owned by {@code backend}. */
    protected Tensor(Backend backend, DType dtype, Shape shape) {
        this.backend = backend;
        this.dtype = dtype;
        this.shape = shape;
    }

    /** The backend that owns this tensor; kernels only combine tensors of one backend. */
    public final Backend backend() {
        return backend;
    }

    /** Element type. */
    public final DType dtype() {
        return dtype;
    }

    /** Dimensions. */
    public final Shape shape() {
        return shape;
    }

    /** Number of dimensions. */
    public final int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public final int size() {
        return shape.size();
    }

    /** Rows of a matrix (rank 2); throws for other ranks. */
    public final int rows() {
        return shape.rows();
    }

    /** Columns of a matrix (rank 2); throws for other ranks. */
    public final int cols() {
        return shape.cols();
    }

    // ---- element access, implemented by backends ----

    // Reads and writes through an array of another element type convert each element as
    // Ops.copy casts: Java's widening and narrowing conversions (JLS 5.1.2, 5.1.3).

    /** Element at row-major flat index {@code i}, widened to double (exact for INT64 below 2^53 in magnitude). */
    protected abstract double getFlat(int i);

    /** Sets the element at row-major flat index {@code i} (narrowed to float for FLOAT32, cast for the integer dtypes). */
    protected abstract void setFlat(int i, double value);

    /** Copies all elements, row-major, into {@code dst[0 .. size() - 1]}. */
    protected abstract void readInto(float[] dst);

    /** Copies all elements, row-major, into {@code dst[0 .. size() - 1]}. */
    protected abstract void readInto(double[] dst);

    /** Copies all elements, row-major, into {@code dst[0 .. size() - 1]}. */
    protected abstract void readInto(int[] dst);

    /** Copies all elements, row-major, into {@code dst[0 .. size() - 1]}. */
    protected abstract void readInto(long[] dst);

    /** Overwrites all elements, row-major, from {@code src[offset .. offset + size() - 1]}. */
    protected abstract void writeFrom(float[] src, int offset);

    /** Overwrites all elements, row-major, from {@code src[offset .. offset + size() - 1]}. */
    protected abstract void writeFrom(double[] src, int offset);

    /** Overwrites all elements, row-major, from {@code src[offset .. offset + size() - 1]}. */
    protected abstract void writeFrom(int[] src, int offset);

    /** Overwrites all elements, row-major, from {@code src[offset .. offset + size() - 1]}. */
    protected abstract void writeFrom(long[] src, int offset);

    // ---- public element access ----

    /** The element at {@code index} (one index per dimension; none for a scalar), as a double. */
    public double get(int... index) {
        return getFlat(flatIndex(index));
    }

    /** Sets the element at {@code index} (one index per dimension; none for a scalar), converted to the dtype. */
    public void set(double value, int... index) {
        setFlat(flatIndex(index), value);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index: tensor " + shape + " has rank " + shape.rank()
                    + ", got " + index.length + " indices");
        }
        int flat = 0;
        for (int d = 0; d < index.length; d++) {
            int n = shape.dim(d);
            if (index[d] < 0 || index[d] >= n) {
                throw new IndexOutOfBoundsException("index: " + java.util.Arrays.toString(index)
                        + " is outside tensor " + shape + " (dimension " + d + " has size " + n + ")");
            }
            flat = flat * n + index[d];
        }
        return flat;
    }

    /** All elements, row-major, as floats (a copy). */
    public float[] toFloatArray() {
        float[] out = new float[size()];
        readInto(out);
        return out;
    }

    /** All elements, row-major, as doubles (a copy). */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        readInto(out);
        return out;
    }

    /**
     * All elements, row-major, as ints (a copy of {@link #size()} values): exact for INT32;
     * other dtypes are cast as {@link Ops#copy(Tensor, Tensor)} casts (floating values truncated
     * toward zero, INT64 wrapped to its low 32 bits).
     */
    public int[] toIntArray() {
        int[] out = new int[size()];
        readInto(out);
        return out;
    }

    /**
     * All elements, row-major, as longs (a copy of {@link #size()} values): exact for INT32 and
     * INT64; floating values are truncated toward zero as {@link Ops#copy(Tensor, Tensor)} casts.
     */
    public long[] toLongArray() {
        long[] out = new long[size()];
        readInto(out);
        return out;
    }

    /** The elements of a matrix as {@code double[rows][cols]} (a copy). */
    public double[][] toDoubleMatrix() {
        double[] flat = toDoubleArray();
        int r = rows();
        int c = cols();
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }

    /** Copies {@code values} (row-major, length {@link #size()}) into this tensor. */
    public void setAll(float[] values) {
        requireLength("setAll", values.length);
        writeFrom(values, 0);
    }

    /** Copies {@code values} (row-major, length {@link #size()}) into this tensor. */
    public void setAll(double[] values) {
        requireLength("setAll", values.length);
        writeFrom(values, 0);
    }

    /**
     * Copies {@code values} (row-major, length {@link #size()}) into this tensor: exact for
     * INT32, INT64 and FLOAT64; FLOAT32 rounds values beyond 2^24 in magnitude to the nearest float.
     */
    public void setAll(int[] values) {
        requireLength("setAll", values.length);
        writeFrom(values, 0);
    }

    /**
     * Copies {@code values} (row-major, length {@link #size()}) into this tensor: exact for
     * INT64; INT32 keeps the low 32 bits of each value, the floating dtypes round to the nearest.
     */
    public void setAll(long[] values) {
        requireLength("setAll", values.length);
        writeFrom(values, 0);
    }

    /**
     * Copies {@code count} values from {@code src} starting at {@code srcOffset} into this
     * tensor, starting at flat index 0. Used by the data pipeline to fill reusable batch
     * tensors without allocating.
     */
    public void setRange(float[] src, int srcOffset, int count) {
        if (count != size() || srcOffset < 0 || srcOffset + count > src.length) {
            throw new IllegalArgumentException("setRange: tensor " + shape + " has " + size()
                    + " elements; got " + count + " values from offset " + srcOffset + " of an array of "
                    + src.length);
        }
        writeFrom(src, srcOffset);
    }

    private void requireLength(String op, int length) {
        if (length != size()) {
            throw new IllegalArgumentException(op + ": tensor " + shape + " has " + size()
                    + " elements, got an array of " + length);
        }
    }

    /** Releases native memory, if any. The default does nothing; array-backed tensors are garbage-collected. */
    @Override
    public void close() {
    }

    // ---- allocating convenience operations (see Ops for the out-parameter forms) ----

    /** Matrix product {@code this · other}: {@code [m x k] · [k x n] -> [m x n]}. */
    public Tensor matmul(Tensor other) {
        return Ops.matmul(this, other);
    }

    /** Element-wise sum; shapes must be equal. */
    public Tensor add(Tensor other) {
        return Ops.add(this, other);
    }

    /** Element-wise difference {@code this - other}; shapes must be equal. */
    public Tensor sub(Tensor other) {
        return Ops.sub(this, other);
    }

    /** Element-wise (Hadamard) product; shapes must be equal. */
    public Tensor hadamard(Tensor other) {
        return Ops.hadamard(this, other);
    }

    /** Every element multiplied by {@code factor}. */
    public Tensor mul(double factor) {
        return Ops.scale(this, factor);
    }

    /** {@code value} added to every element. */
    public Tensor plus(double value) {
        return Ops.addScalar(this, value);
    }

    /** Transpose of a matrix: {@code [m x n] -> [n x m]}. */
    public Tensor transpose() {
        return Ops.transpose(this);
    }

    /** {@code f} applied to every element (softmax: to every row). */
    public Tensor map(Activation f) {
        return Ops.activation(f, this);
    }

    /** A deep copy on the same backend. */
    public Tensor copy() {
        return Ops.copy(this);
    }

    /**
     * This tensor converted to {@code target} dtype on the same backend (a new tensor, also when
     * the dtype is already {@code target}); elements are cast as {@link Ops#copy(Tensor, Tensor)} casts.
     */
    public Tensor to(DType target) {
        Tensor out = backend.create(target, shape);
        Ops.copy(this, out);
        return out;
    }

    /** This tensor copied onto another backend, keeping dtype and shape (exact for every dtype). */
    public Tensor to(Backend target) {
        Tensor out = target.create(dtype, shape);
        copyElements(this, out);
        return out;
    }

    /**
     * Copies every element of {@code src} into {@code dst} (same size, any backends) through a
     * Java array of {@code src}'s dtype, so the copy is exact when the dtypes are equal.
     * Allocates that array.
     */
    static void copyElements(Tensor src, Tensor dst) {
        switch (src.dtype()) {
            case FLOAT32 -> dst.writeFrom(src.toFloatArray(), 0);
            case FLOAT64 -> dst.writeFrom(src.toDoubleArray(), 0);
            case INT32 -> dst.writeFrom(src.toIntArray(), 0);
            case INT64 -> dst.writeFrom(src.toLongArray(), 0);
        }
    }

    /**
     * A header such as {@code Tensor FLOAT32 [2x3] on plain} followed, for tensors of at most
     * 100 elements, by the values in nested brackets, one level per dimension (a scalar's value
     * alone); larger tensors show their first and last few values. Integers print without a
     * decimal point.
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
