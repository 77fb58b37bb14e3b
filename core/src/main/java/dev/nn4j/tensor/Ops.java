package dev.nn4j.tensor;


/**
 * Checked tensor operations: every method validates ranks, shapes, dtypes and that all
 * operands belong to one backend, then calls that backend's {@link Kernels}. A violation
 * throws {@link IllegalArgumentException} naming the operation and every shape involved,
 * e.g. {@code matmul: a is [2x3], b is [4x1]; a.cols must equal b.rows}.
 *
 * <p>Methods that take an {@code out} tensor write into it and allocate nothing (the
 * training loop uses these); the others allocate their result on the operands' backend.
 * Validation that passes costs a few identity and int comparisons; error messages are built
 * only when a check fails.
 */
public final class Ops {
    private Ops() {
    }

    // ---- matrix products ----

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c}, where {@code op} transposes when the flag
     * is set. {@code c} must be {@code [rows(op(a)) x cols(op(b))]} and distinct from a and b.
     */
    public static void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        sameBackendAndType("gemm", a, b, c);
        matrix("gemm", "a", a);
        matrix("gemm", "b", b);
        matrix("gemm", "c", c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new IllegalArgumentException("gemm: op(a) is " + Shape.matrix(m, k) + describeT(transA, a)
                    + ", op(b) is " + Shape.matrix(kb, n) + describeT(transB, b)
                    + "; op(a).cols must equal op(b).rows");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm: op(a) is " + Shape.matrix(m, k) + describeT(transA, a)
                    + ", op(b) is " + Shape.matrix(kb, n) + describeT(transB, b) + ", c is " + c.shape()
                    + "; c must be " + Shape.matrix(m, n));
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("gemm: c must not be the same tensor as a or b");
        }
        a.backend().kernels().gemm(transA, transB, alpha, a, b, beta, c);
    }

    private static String describeT(boolean t, Tensor x) {
        return t ? " (" + x.shape() + " transposed)" : "";
    }

    /** {@code out = a · b}. */
    public static void matmul(Tensor a, Tensor b, Tensor out) {
        checkMatmul(a, b);
        gemm(false, false, 1.0, a, b, 0.0, out);
    }

    /** {@code a · b} into a new tensor: {@code [m x k] · [k x n] -> [m x n]}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        checkMatmul(a, b);
        Tensor out = a.backend().create(a.dtype(), Shape.matrix(a.rows(), b.cols()));
        gemm(false, false, 1.0, a, b, 0.0, out);
        return out;
    }

    private static void checkMatmul(Tensor a, Tensor b) {
        sameBackendAndType("matmul", a, b);
        matrix("matmul", "a", a);
        matrix("matmul", "b", b);
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException("matmul: a is " + a.shape() + ", b is " + b.shape()
                    + "; a.cols must equal b.rows");
        }
    }

    // ---- element-wise ----

    /** {@code out = a + b}. */
    public static void add(Tensor a, Tensor b, Tensor out) {
        sameShape("add", a, b, out);
        a.backend().kernels().add(a, b, out);
    }

    /** {@code a + b}, new tensor. */
    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = like(a);
        add(a, b, out);
        return out;
    }

    /** {@code out = a - b}. */
    public static void sub(Tensor a, Tensor b, Tensor out) {
        sameShape("sub", a, b, out);
        a.backend().kernels().sub(a, b, out);
    }

    /** {@code a - b}, new tensor. */
    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = like(a);
        sub(a, b, out);
        return out;
    }

    /** {@code out = a ⊙ b} (Hadamard product). */
    public static void hadamard(Tensor a, Tensor b, Tensor out) {
        sameShape("hadamard", a, b, out);
        a.backend().kernels().mul(a, b, out);
    }

    /** {@code a ⊙ b}, new tensor. */
    public static Tensor hadamard(Tensor a, Tensor b) {
        Tensor out = like(a);
        hadamard(a, b, out);
        return out;
    }

    /** {@code out = a / b}, element-wise. */
    public static void div(Tensor a, Tensor b, Tensor out) {
        sameShape("div", a, b, out);
        a.backend().kernels().div(a, b, out);
    }

    /** {@code out = s · a}. */
    public static void scale(Tensor a, double s, Tensor out) {
        sameShape("scale", a, out);
        finite("scale", "factor", s);
        a.backend().kernels().scale(a, s, out);
    }

    /** {@code s · a}, new tensor. */
    public static Tensor scale(Tensor a, double s) {
        Tensor out = like(a);
        scale(a, s, out);
        return out;
    }

    /** {@code out = a + s}. */
    public static void addScalar(Tensor a, double s, Tensor out) {
        sameShape("addScalar", a, out);
        finite("addScalar", "value", s);
        a.backend().kernels().addScalar(a, s, out);
    }

    /** {@code a + s}, new tensor. */
    public static Tensor addScalar(Tensor a, double s) {
        Tensor out = like(a);
        addScalar(a, s, out);
        return out;
    }

    /** {@code y = alpha · x + beta · y}. */
    public static void axpby(double alpha, Tensor x, double beta, Tensor y) {
        sameShape("axpby", x, y);
        finite("axpby", "alpha", alpha);
        finite("axpby", "beta", beta);
        x.backend().kernels().axpby(alpha, x, beta, y);
    }

    /**
     * One fused Adam update (see {@link dev.nn4j.tensor.Kernels#adamUpdate}): {@code w, g, m, v}
     * and {@code scratch} of one shape; {@code m} and {@code v} are updated in place, then {@code w}.
     */
    public static void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2,
                                  double stepSize, double vScale, double epsilon, Tensor scratch) {
        sameShape("adamUpdate", w, g);
        sameShape("adamUpdate", w, m);
        sameShape("adamUpdate", w, v);
        sameShape("adamUpdate", w, scratch);
        finite("adamUpdate", "stepSize", stepSize);
        finite("adamUpdate", "vScale", vScale);
        finite("adamUpdate", "epsilon", epsilon);
        w.backend().kernels().adamUpdate(w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, scratch);
    }

    /** {@code out = op(a)}. */
    public static void unary(UnaryOp op, Tensor a, Tensor out) {
        sameShape(UNARY_NAMES[op.ordinal()], a, out);
        a.backend().kernels().unary(op, a, out);
    }

    /** {@code out = min(max(a, lo), hi)}. */
    public static void clamp(Tensor a, double lo, double hi, Tensor out) {
        sameShape("clamp", a, out);
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lo must be <= hi, got lo=" + lo + ", hi=" + hi);
        }
        a.backend().kernels().clamp(a, lo, hi, out);
    }

    // ---- activations ----

    /** {@code out = f(x)}; softmax needs a matrix and works per row. */
    public static void activation(Activation f, Tensor x, Tensor out) {
        sameShape(f.id(), x, out);
        if (f.isRowWise()) {
            matrix(f.id(), "x", x);
        }
        x.backend().kernels().activation(f, x, out);
    }

    /** {@code f(x)}, new tensor. */
    public static Tensor activation(Activation f, Tensor x) {
        Tensor out = like(x);
        activation(f, x, out);
        return out;
    }

    /** {@code dx = dy ⊙ f'(x)} (softmax: the row-wise Jacobian product), given {@code y = f(x)}. */
    public static void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        if (!congruent(x, y) || !congruent(x, dy) || !congruent(x, dx)) {
            throw mismatch(f.id() + " backward", true, x, y, dy, dx);
        }
        if (f.isRowWise() && x.rank() != 2) {
            throw notMatrix(f.id() + " backward", "x", x);
        }
        x.backend().kernels().activationBackward(f, x, y, dy, dx);
    }

    /** Row-wise stable log-softmax of a matrix into {@code out}. */
    public static void logSoftmax(Tensor x, Tensor out) {
        sameShape("logSoftmax", x, out);
        matrix("logSoftmax", "x", x);
        x.backend().kernels().logSoftmax(x, out);
    }

    // ---- shape and reductions ----

    /** {@code out = aᵀ}. */
    public static void transpose(Tensor a, Tensor out) {
        sameBackendAndType("transpose", a, out);
        matrix("transpose", "a", a);
        matrix("transpose", "out", out);
        if (out.rows() != a.cols() || out.cols() != a.rows() || out == a) {
            throw new IllegalArgumentException("transpose: a is " + a.shape() + ", out is " + out.shape()
                    + "; out must be a separate " + Shape.matrix(a.cols(), a.rows()));
        }
        a.backend().kernels().transpose(a, out);
    }

    /** {@code aᵀ}, new tensor. */
    public static Tensor transpose(Tensor a) {
        matrix("transpose", "a", a);
        Tensor out = a.backend().create(a.dtype(), Shape.matrix(a.cols(), a.rows()));
        transpose(a, out);
        return out;
    }

    /** Column sums of {@code a [m x n]} into {@code out [1 x n]}. */
    public static void sumRows(Tensor a, Tensor out) {
        sameBackendAndType("sumRows", a, out);
        matrix("sumRows", "a", a);
        matrix("sumRows", "out", out);
        if (out.rows() != 1 || out.cols() != a.cols()) {
            throw new IllegalArgumentException("sumRows: a is " + a.shape() + ", out is " + out.shape()
                    + "; out must be " + Shape.matrix(1, a.cols()));
        }
        a.backend().kernels().sumRows(a, out);
    }

    /** Column sums of {@code a [m x n]}, new {@code [1 x n]} tensor. */
    public static Tensor sumRows(Tensor a) {
        matrix("sumRows", "a", a);
        Tensor out = a.backend().create(a.dtype(), Shape.matrix(1, a.cols()));
        sumRows(a, out);
        return out;
    }

    /** {@code out = a + row} for every row of {@code a}. */
    public static void addRowVector(Tensor a, Tensor row, Tensor out) {
        sameBackendAndType("addRowVector", a, row, out);
        matrix("addRowVector", "a", a);
        matrix("addRowVector", "row", row);
        if (row.rows() != 1 || row.cols() != a.cols() || !a.shape().equals(out.shape())) {
            throw new IllegalArgumentException("addRowVector: a is " + a.shape() + ", row is " + row.shape()
                    + ", out is " + out.shape() + "; row must be " + Shape.matrix(1, a.cols())
                    + " and out must be " + a.shape());
        }
        a.backend().kernels().addRowVector(a, row, out);
    }

    /**
     * The dense layer's forward step after the product: {@code z += bias} for every row of
     * {@code z [m x n]} ({@code bias} is {@code [1 x n]}), then {@code y = f(z)} ({@code y} is
     * {@code [m x n]}, may be {@code z}; softmax works per row). One call instead of
     * {@link #addRowVector} and {@link #activation}, so a backend can fuse the two passes.
     */
    public static void addRowVectorActivation(Tensor z, Tensor bias, Activation f, Tensor y) {
        sameBackendAndType("addRowVectorActivation", z, bias, y);
        matrix("addRowVectorActivation", "z", z);
        matrix("addRowVectorActivation", "bias", bias);
        if (bias.rows() != 1 || bias.cols() != z.cols() || !z.shape().equals(y.shape()) || bias == z || bias == y) {
            throw new IllegalArgumentException("addRowVectorActivation (" + f.id() + "): z is " + z.shape()
                    + ", bias is " + bias.shape() + ", y is " + y.shape() + "; bias must be a separate "
                    + Shape.matrix(1, z.cols()) + " and y must be " + z.shape());
        }
        z.backend().kernels().addRowVectorActivation(z, bias, f, y);
    }

    /** {@code a + row} for every row, new tensor. */
    public static Tensor addRowVector(Tensor a, Tensor row) {
        Tensor out = like(a);
        addRowVector(a, row, out);
        return out;
    }

    /** Index of the largest element of each row of {@code a} into {@code out[rows]}. */
    public static void argmaxRows(Tensor a, int[] out) {
        matrix("argmaxRows", "a", a);
        if (out.length != a.rows()) {
            throw new IllegalArgumentException("argmaxRows: a is " + a.shape() + ", out has length " + out.length
                    + "; out must have length " + a.rows());
        }
        a.backend().kernels().argmaxRows(a, out);
    }

    /** Index of the largest element of each row of {@code a}. */
    public static int[] argmaxRows(Tensor a) {
        matrix("argmaxRows", "a", a);
        int[] out = new int[a.rows()];
        argmaxRows(a, out);
        return out;
    }

    /** Sum of all elements. */
    public static double sum(Tensor a) {
        return a.backend().kernels().sum(a);
    }

    /** Sum of {@code a ⊙ b}. */
    public static double dot(Tensor a, Tensor b) {
        sameShape("dot", a, b);
        return a.backend().kernels().dot(a, b);
    }

    /** Sets every element of {@code t} to {@code value}. */
    public static void fill(Tensor t, double value) {
        t.backend().kernels().fill(t, value);
    }

    /** Copies {@code src} into {@code dst}; same backend, dtype and shape. */
    public static void copy(Tensor src, Tensor dst) {
        sameShape("copy", src, dst);
        if (src != dst) {
            src.backend().kernels().copy(src, dst);
        }
    }

    /** A deep copy of {@code src}. */
    public static Tensor copy(Tensor src) {
        Tensor out = like(src);
        copy(src, out);
        return out;
    }

    /**
     * {@code t} with another shape of the same size, row-major order kept: a view sharing
     * storage on backends that allow it (see {@link Backend#reshape}), else a copy.
     */
    public static Tensor reshape(Tensor t, Shape shape) {
        if (shape.size() != t.size()) {
            throw new IllegalArgumentException("reshape: tensor " + t.shape() + " has " + t.size()
                    + " elements; " + shape + " has " + shape.size());
        }
        return t.backend().reshape(t, shape);
    }

    /** A new zero tensor with the backend, dtype and shape of {@code t}. */
    public static Tensor like(Tensor t) {
        return t.backend().create(t.dtype(), t.shape());
    }

    // ---- validation helpers ----

    private static void matrix(String op, String name, Tensor t) {
        if (t.rank() != 2) {
            throw notMatrix(op, name, t);
        }
    }

    private static IllegalArgumentException notMatrix(String op, String name, Tensor t) {
        return new IllegalArgumentException(op + ": " + name + " is " + t.shape() + " (rank " + t.rank()
                + "); a matrix (rank 2) is required");
    }

    private static void finite(String op, String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(op + ": " + name + " must be finite, got " + v);
        }
    }

    // Each check compares identities and ints and builds its message only when it fails, so a
    // passing call allocates nothing. Fixed arities avoid varargs arrays on the hot path.

    private static final String[] NAMES = {"a", "b", "c", "d"};

    /** Lower-case names of the unary functions, indexed by ordinal, e.g. {@code sqrt}. */
    private static final String[] UNARY_NAMES = unaryNames();

    private static String[] unaryNames() {
        UnaryOp[] ops = UnaryOp.values();
        String[] names = new String[ops.length];
        for (UnaryOp op : ops) {
            names[op.ordinal()] = op.name().toLowerCase(java.util.Locale.ROOT);
        }
        return names;
    }

    /** Same backend and dtype. */
    private static boolean compatible(Tensor a, Tensor b) {
        return a.backend() == b.backend() && a.dtype() == b.dtype();
    }

    /** Same backend, dtype and shape. */
    private static boolean congruent(Tensor a, Tensor b) {
        return compatible(a, b) && (a.shape() == b.shape() || a.shape().equals(b.shape()));
    }

    private static void sameBackendAndType(String op, Tensor a, Tensor b) {
        if (!compatible(a, b)) {
            throw mismatch(op, false, a, b);
        }
    }

    private static void sameBackendAndType(String op, Tensor a, Tensor b, Tensor c) {
        if (!compatible(a, b) || !compatible(a, c)) {
            throw mismatch(op, false, a, b, c);
        }
    }

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (!congruent(a, b)) {
            throw mismatch(op, true, a, b);
        }
    }

    private static void sameShape(String op, Tensor a, Tensor b, Tensor c) {
        if (!congruent(a, b) || !congruent(a, c)) {
            throw mismatch(op, true, a, b, c);
        }
    }

    /**
     * The error for operands that differ in backend or dtype, or, when {@code shapes} is set,
     * in shape: names the first operand that differs from the first one and lists every shape.
     */
    private static IllegalArgumentException mismatch(String op, boolean shapes, Tensor... ts) {
        Backend backend = ts[0].backend();
        DType dtype = ts[0].dtype();
        for (int i = 1; i < ts.length; i++) {
            if (ts[i].backend() != backend) {
                return new IllegalArgumentException(op + ": " + describe(ts) + "; all operands must belong to one backend ("
                        + NAMES[0] + " is on " + backend.name() + ", " + NAMES[i] + " on " + ts[i].backend().name()
                        + "); move one with tensor.to(backend)");
            }
            if (ts[i].dtype() != dtype) {
                return new IllegalArgumentException(op + ": " + describe(ts) + "; all operands must have one dtype ("
                        + NAMES[0] + " is " + dtype + ", " + NAMES[i] + " is " + ts[i].dtype() + ")");
            }
        }
        return new IllegalArgumentException(op + ": " + describe(ts) + (shapes ? "; shapes must be equal"
                : "; operands are inconsistent"));
    }

    private static String describe(Tensor... ts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ts.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(NAMES[i]).append(" is ").append(ts[i].shape());
        }
        return sb.toString();
    }
}
