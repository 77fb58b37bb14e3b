package dev.nn4j.backend.array;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * A tensor stored in one Java array, row-major: {@code float[]} for FLOAT32, {@code double[]}
 * for FLOAT64, {@code int[]} for INT32, {@code long[]} for INT64. Backends whose storage is a
 * plain Java array (plain, EJML) extend or use it so that they can share {@link ArrayKernels}.
 *
 * <p>The arrays are exposed to backend code ({@link #floats()}, {@link #doubles()},
 * {@link #ints()}, {@link #longs()}) for kernels; users read data with
 * {@link Tensor#toFloatArray()} and friends, which copy. Reads and writes through an array of
 * another element type convert each element by the cast rule of {@link ArrayCasts}.
 */
public class ArrayTensor extends Tensor {
    private final float[] f;
    private final double[] d;
    private final int[] i32;
    private final long[] i64;
    /** The one non-null array of the four. */
    private final Object array;

    /** A zero tensor of {@code dtype} and {@code shape} owned by {@code backend}; allocates {@code shape.size()} elements. */
    public ArrayTensor(Backend backend, DType dtype, Shape shape) {
        this(backend, dtype, shape, newArray(dtype, shape.size()));
    }

    /**
     * A tensor over existing storage (not copied): exactly one of {@code floats} and
     * {@code doubles} is non-null, matching {@code dtype} (FLOAT32 or FLOAT64), with length at
     * least {@code shape.size()}.
     */
    protected ArrayTensor(Backend backend, DType dtype, Shape shape, float[] floats, double[] doubles) {
        this(backend, dtype, shape, floats != null && doubles != null ? null : floats != null ? floats : doubles);
    }

    /**
     * A tensor over existing storage (not copied): {@code array} is the Java array of
     * {@code dtype} ({@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}) with
     * length at least {@code shape.size()}; element {@code i} of the tensor is {@code array[i]}.
     */
    protected ArrayTensor(Backend backend, DType dtype, Shape shape, Object array) {
        super(backend, dtype, shape);
        if (length(dtype, array) < shape.size()) {
            throw new IllegalArgumentException("ArrayTensor: storage "
                    + (array == null ? "null" : array.getClass().getSimpleName()) + " does not match " + dtype + " "
                    + shape);
        }
        this.f = array instanceof float[] a ? a : null;
        this.d = array instanceof double[] a ? a : null;
        this.i32 = array instanceof int[] a ? a : null;
        this.i64 = array instanceof long[] a ? a : null;
        this.array = array;
    }

    /** A zero array of {@code dtype}'s Java type. */
    static Object newArray(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
        };
    }

    /** The length of {@code array} if it is {@code dtype}'s Java array type, else -1. */
    private static int length(DType dtype, Object array) {
        return switch (dtype) {
            case FLOAT32 -> array instanceof float[] a ? a.length : -1;
            case FLOAT64 -> array instanceof double[] a ? a.length : -1;
            case INT32 -> array instanceof int[] a ? a.length : -1;
            case INT64 -> array instanceof long[] a ? a.length : -1;
        };
    }

    /** The FLOAT32 storage (row-major, at least {@link #size()} long); throws for other dtypes. */
    public final float[] floats() {
        if (f == null) {
            throw notOf(DType.FLOAT32);
        }
        return f;
    }

    /** The FLOAT64 storage (row-major, at least {@link #size()} long); throws for other dtypes. */
    public final double[] doubles() {
        if (d == null) {
            throw notOf(DType.FLOAT64);
        }
        return d;
    }

    /** The INT32 storage (row-major, at least {@link #size()} long); throws for other dtypes. */
    public final int[] ints() {
        if (i32 == null) {
            throw notOf(DType.INT32);
        }
        return i32;
    }

    /** The INT64 storage (row-major, at least {@link #size()} long); throws for other dtypes. */
    public final long[] longs() {
        if (i64 == null) {
            throw notOf(DType.INT64);
        }
        return i64;
    }

    /** The storage of any dtype: the {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}. */
    public final Object array() {
        return array;
    }

    private IllegalStateException notOf(DType wanted) {
        return new IllegalStateException("tensor " + shape() + " is " + dtype() + ", not " + wanted);
    }

    /**
     * A tensor of {@code shape} (same size) over this tensor's array: writes through either are
     * seen by both. Backends use it to implement {@link Backend#reshape} without a copy.
     */
    public ArrayTensor view(Shape shape) {
        if (shape.size() != size()) {
            throw new IllegalArgumentException("view: tensor " + shape() + " has " + size() + " elements; "
                    + shape + " has " + shape.size());
        }
        return new ArrayTensor(backend(), dtype(), shape, array);
    }

    /** True when the storage is {@code float[]}. */
    public final boolean isFloat() {
        return f != null;
    }

    @Override
    protected double getFlat(int i) {
        if (f != null) {
            return f[i];
        }
        if (d != null) {
            return d[i];
        }
        return i32 != null ? i32[i] : i64[i];
    }

    @Override
    protected void setFlat(int i, double value) {
        if (f != null) {
            f[i] = (float) value;
        } else if (d != null) {
            d[i] = value;
        } else if (i32 != null) {
            i32[i] = (int) value;
        } else {
            i64[i] = (long) value;
        }
    }

    @Override
    protected void readInto(float[] dst) {
        ArrayCasts.copy(array, 0, dst, 0, size());
    }

    @Override
    protected void readInto(double[] dst) {
        ArrayCasts.copy(array, 0, dst, 0, size());
    }

    @Override
    protected void readInto(int[] dst) {
        ArrayCasts.copy(array, 0, dst, 0, size());
    }

    @Override
    protected void readInto(long[] dst) {
        ArrayCasts.copy(array, 0, dst, 0, size());
    }

    @Override
    protected void writeFrom(float[] src, int offset) {
        ArrayCasts.copy(src, offset, array, 0, size());
    }

    @Override
    protected void writeFrom(double[] src, int offset) {
        ArrayCasts.copy(src, offset, array, 0, size());
    }

    @Override
    protected void writeFrom(int[] src, int offset) {
        ArrayCasts.copy(src, offset, array, 0, size());
    }

    @Override
    protected void writeFrom(long[] src, int offset) {
        ArrayCasts.copy(src, offset, array, 0, size());
    }
}
