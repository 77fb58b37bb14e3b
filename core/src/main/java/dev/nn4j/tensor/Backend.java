package dev.nn4j.tensor;


/**
 * The service-provider interface a tensor backend implements: a name, a priority, an
 * availability check, a device description, a tensor factory and the {@link Kernels}.
 *
 * <p>Implementations are listed in {@code META-INF/services/dev.nn4j.tensor.Backend} and
 * found by {@link dev.nn4j.backend.Backends} with {@link java.util.ServiceLoader}. The public no-argument
 * constructor must be cheap and must not load native code: {@link #availability()} is
 * where a backend tries its native libraries and reports why it cannot run.
 *
 * <p>A backend provides storage and arithmetic only. Layers, losses, optimizers and the
 * training loop live in core and are written once against {@link Ops} and {@link ImageOps}, which
 * call the backend's {@link Kernels} (its {@link Primitives} and fused kernels).
 */
public interface Backend {

    /** Short lower-case name used for selection, e.g. {@code "plain"}. */
    String name();

    /**
     * Rank used to choose the default backend: the available backend with the highest
     * priority wins. Priorities follow measured speed on nn4j's own workloads (see
     * docs/benchmarks.md): ND4J 40 with a CUDA device, plain 30, ND4J on CPU 15, EJML 10.
     */
    int priority();

    /**
     * Why {@link #priority()} is what it is, in one sentence a user can check, e.g. the
     * measurement it follows; shown by {@link dev.nn4j.backend.Backends#describe()} and in the reason for the
     * default. Empty by default.
     */
    default String priorityReason() {
        return "";
    }

    /** Whether this backend can run in this JVM, and if not, why. May load native code once. */
    Availability availability();

    /** True when {@link #availability()} says so. */
    default boolean isAvailable() {
        return availability().available();
    }

    /** What the backend computes on: CPU or GPU model, BLAS library, threads. */
    String device();

    /**
     * The raw primitives and fused kernels, one instance per backend. Callers normally use
     * {@link dev.nn4j.tensor.Ops}, which validates first.
     */
    Kernels kernels();

    /**
     * A new tensor of zeros, of any dtype and any shape of rank 0 to {@value Shape#MAX_RANK};
     * costs one allocation of {@code shape.size()} elements.
     */
    Tensor create(DType dtype, Shape shape);

    /**
     * A tensor with the elements of {@code t} (owned by this backend) in the same row-major
     * order and the given shape of equal size; callers use {@link dev.nn4j.tensor.Ops#reshape}, which
     * validates. Backends that can share storage return a view: writes through either tensor
     * are seen by both, closing the view leaves {@code t}'s storage alone, and the view must
     * not be used after {@code t} is closed. This default copies, which is always correct.
     */
    default Tensor reshape(Tensor t, Shape shape) {
        Tensor out = create(t.dtype(), shape);
        Tensor.copyElements(t, out);
        return out;
    }

    // ---- conveniences built on create(); backends need not override them ----

    /** A new tensor of zeros with the given dimensions (none: a scalar). */
    default Tensor zeros(DType dtype, int... shape) {
        return create(dtype, Shape.of(shape));
    }

    /** A new FLOAT32 tensor of zeros. */
    default Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** A FLOAT32 tensor holding a copy of {@code data} (row-major, length = product of {@code shape}). */
    default Tensor fromArray(float[] data, int... shape) {
        Tensor t = zeros(DType.FLOAT32, shape);
        t.setAll(data);
        return t;
    }

    /** A FLOAT64 tensor holding a copy of {@code data} (row-major, length = product of {@code shape}). */
    default Tensor fromArray(double[] data, int... shape) {
        Tensor t = zeros(DType.FLOAT64, shape);
        t.setAll(data);
        return t;
    }

    /** An INT32 tensor holding a copy of {@code data} (row-major, length = product of {@code shape}). */
    default Tensor fromArray(int[] data, int... shape) {
        Tensor t = zeros(DType.INT32, shape);
        t.setAll(data);
        return t;
    }

    /** An INT64 tensor holding a copy of {@code data} (row-major, length = product of {@code shape}). */
    default Tensor fromArray(long[] data, int... shape) {
        Tensor t = zeros(DType.INT64, shape);
        t.setAll(data);
        return t;
    }

    /** A FLOAT32 matrix holding a copy of {@code rows}. */
    default Tensor matrix(double[][] rows) {
        return matrix(DType.FLOAT32, rows);
    }

    /** A matrix of {@code dtype} holding a copy of {@code rows}; every row must have the same length. */
    default Tensor matrix(DType dtype, double[][] rows) {
        java.util.Objects.requireNonNull(rows, "matrix: rows");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new NullPointerException("matrix: row " + i + " of " + rows.length + " is null");
            }
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("matrix: needs at least one row, got none");
        }
        if (rows[0].length == 0) {
            throw new IllegalArgumentException("matrix: needs at least one column, got " + rows.length
                    + (rows.length == 1 ? " row" : " rows") + " of 0 values");
        }
        int cols = rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("matrix: row 0 has " + cols + " columns but row " + i
                        + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        Tensor t = zeros(dtype, rows.length, cols);
        t.setAll(flat);
        return t;
    }
}
