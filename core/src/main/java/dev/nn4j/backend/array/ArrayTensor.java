package dev.nn4j.backend.array;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * A tensor stored in one Java array, row-major: {@code float[]} for FLOAT32, {@code double[]}
 * for FLOAT64. Backends whose storage is a plain Java array (plain, EJML) extend or use it
 * so that they can share {@link ArrayKernels}.
 *
 * <p>The arrays are exposed to backend code ({@link #floats()}, {@link #doubles()}) for
 * kernels; users read data with {@link Tensor#toFloatArray()} and friends, which copy.
 */
public class ArrayTensor extends Tensor {
    private final float[] f;
    private final double[] d;

    /** A zero tensor of {@code dtype} and {@code shape} owned by {@code backend}. */
    public ArrayTensor(Backend backend, DType dtype, Shape shape) {
        this(backend, dtype, shape,
                dtype == DType.FLOAT32 ? new float[shape.size()] : null,
                dtype == DType.FLOAT64 ? new double[shape.size()] : null);
    }

    /**
     * A tensor over existing storage (not copied): exactly one of {@code floats} and
     * {@code doubles} is non-null, matching {@code dtype}, with length {@code shape.size()}.
     */
    protected ArrayTensor(Backend backend, DType dtype, Shape shape, float[] floats, double[] doubles) {
        super(backend, dtype, shape);
        int n = shape.size();
        if (dtype == DType.FLOAT32 ? (floats == null || floats.length < n || doubles != null)
                : (doubles == null || doubles.length < n || floats != null)) {
            throw new IllegalArgumentException("ArrayTensor: storage does not match " + dtype + " " + shape);
        }
        this.f = floats;
        this.d = doubles;
    }

    /** The FLOAT32 storage (row-major, at least {@link #size()} long); throws for FLOAT64. */
    public final float[] floats() {
        if (f == null) {
            throw new IllegalStateException("tensor " + shape() + " is " + dtype() + ", not FLOAT32");
        }
        return f;
    }

    /** The FLOAT64 storage (row-major, at least {@link #size()} long); throws for FLOAT32. */
    public final double[] doubles() {
        if (d == null) {
            throw new IllegalStateException("tensor " + shape() + " is " + dtype() + ", not FLOAT64");
        }
        return d;
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
        return new ArrayTensor(backend(), dtype(), shape, f, d);
    }

    /** True when the storage is {@code float[]}. */
    public final boolean isFloat() {
        return f != null;
    }

    @Override
    protected double getFlat(int i) {
        return f != null ? f[i] : d[i];
    }

    @Override
    protected void setFlat(int i, double value) {
        if (f != null) {
            f[i] = (float) value;
        } else {
            d[i] = value;
        }
    }

    @Override
    protected void readInto(float[] dst) {
        int n = size();
        if (f != null) {
            System.arraycopy(f, 0, dst, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[i] = (float) d[i];
            }
        }
    }

    @Override
    protected void readInto(double[] dst) {
        int n = size();
        if (d != null) {
            System.arraycopy(d, 0, dst, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[i] = f[i];
            }
        }
    }

    @Override
    protected void writeFrom(float[] src, int offset) {
        int n = size();
        if (f != null) {
            System.arraycopy(src, offset, f, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                d[i] = src[offset + i];
            }
        }
    }

    @Override
    protected void writeFrom(double[] src, int offset) {
        int n = size();
        if (d != null) {
            System.arraycopy(src, offset, d, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[offset + i];
            }
        }
    }
}
