package dev.nn4j.tensor;

import static dev.nn4j.tensor.Checks.finite;
import static dev.nn4j.tensor.Checks.floating;
import static dev.nn4j.tensor.Checks.matrix;
import static dev.nn4j.tensor.Checks.sameShape;
import static dev.nn4j.tensor.Checks.sameType;

/**
 * Checked tensor operations: every method validates ranks, shapes, dtypes and that all
 * operands belong to one backend, then calls that backend's {@link Kernels}. A violation
 * throws {@link OpException} (an {@link IllegalArgumentException}) naming the operation, every
 * operand involved with its shape and dtype, and the rule, e.g.
 * {@code matmul: a is [2x3] FLOAT32, b is [4x1] FLOAT32; a.cols must equal b.rows}.
 *
 * <p>The arithmetic works in FLOAT32 or FLOAT64 and refuses integer tensors
 * ({@code matmul: a is [2x3] INT32; matmul needs FLOAT32 or FLOAT64}); {@link #fill},
 * {@link #copy(Tensor, Tensor)} (which also casts between dtypes) and {@link #reshape} take
 * every dtype.
 *
 * <p>Methods that take an {@code out} tensor write into it and allocate nothing (the
 * training loop uses these); the others allocate their result on the operands' backend.
 * Validation that passes costs a few identity, int and enum comparisons; error messages are
 * built only when a check fails.
 */
public final class Ops {
    private static final String[] ABC = {"a", "b", "c"};

    private Ops() {
    }

    // ---- matrix products ----

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c}, where {@code op} transposes when the flag
     * is set. {@code c} must be {@code [rows(op(a)) x cols(op(b))]} and distinct from a and b.
     * FLOAT32 or FLOAT64, one dtype for all three.
     */
    public static void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        sameType("gemm", "a", a, "b", b, "c", c);
        matrix("gemm", "a", a);
        matrix("gemm", "b", b);
        matrix("gemm", "c", c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new OpException("gemm", ABC, new Tensor[] {a, b, c}, "op(a).cols must equal op(b).rows (op(a) is "
                    + Shape.matrix(m, k) + describeT(transA, a) + ", op(b) is " + Shape.matrix(kb, n)
                    + describeT(transB, b) + ")");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new OpException("gemm", ABC, new Tensor[] {a, b, c}, "c must be " + Shape.matrix(m, n) + " (op(a) is "
                    + Shape.matrix(m, k) + describeT(transA, a) + ", op(b) is " + Shape.matrix(kb, n)
                    + describeT(transB, b) + ")");
        }
        if (c == a || c == b) {
            throw new OpException("gemm", ABC, new Tensor[] {a, b, c}, "c must not be the same tensor as a or b");
        }
        a.backend().kernels().gemm(transA, transB, alpha, a, b, beta, c);
    }

    private static String describeT(boolean t, Tensor x) {
        return t ? " = " + x.shape() + " transposed" : "";
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
        sameType("matmul", "a", a, "b", b);
        matrix("matmul", "a", a);
        matrix("matmul", "b", b);
        if (a.cols() != b.rows()) {
            throw new OpException("matmul", "a", a, "b", b, "a.cols must equal b.rows");
        }
    }

    // ---- element-wise ----

    /** {@code out = a + b}. */
    public static void add(Tensor a, Tensor b, Tensor out) {
        sameShape("add", "a", a, "b", b, "out", out);
        a.backend().kernels().add(a, b, out);
    }

    /** {@code a + b}, new tensor. */
    public static Tensor add(Tensor a, Tensor b) {
        floating("add", "a", a);
        Tensor out = like(a);
        add(a, b, out);
        return out;
    }

    /** {@code out = a - b}. */
    public static void sub(Tensor a, Tensor b, Tensor out) {
        sameShape("sub", "a", a, "b", b, "out", out);
        a.backend().kernels().sub(a, b, out);
    }

    /** {@code a - b}, new tensor. */
    public static Tensor sub(Tensor a, Tensor b) {
        floating("sub", "a", a);
        Tensor out = like(a);
        sub(a, b, out);
        return out;
    }

    /** {@code out = a ⊙ b} (Hadamard product). */
    public static void hadamard(Tensor a, Tensor b, Tensor out) {
        sameShape("hadamard", "a", a, "b", b, "out", out);
        a.backend().kernels().mul(a, b, out);
    }

    /** {@code a ⊙ b}, new tensor. */
    public static Tensor hadamard(Tensor a, Tensor b) {
        floating("hadamard", "a", a);
        Tensor out = like(a);
        hadamard(a, b, out);
        return out;
    }

    /** {@code out = a / b}, element-wise. */
    public static void div(Tensor a, Tensor b, Tensor out) {
        sameShape("div", "a", a, "b", b, "out", out);
        a.backend().kernels().div(a, b, out);
    }

    /** {@code out = s · a}. */
    public static void scale(Tensor a, double s, Tensor out) {
        sameShape("scale", "a", a, "out", out);
        finite("scale", "a", a, "factor", s);
        a.backend().kernels().scale(a, s, out);
    }

    /** {@code s · a}, new tensor. */
    public static Tensor scale(Tensor a, double s) {
        floating("scale", "a", a);
        Tensor out = like(a);
        scale(a, s, out);
        return out;
    }

    /** {@code out = a + s}. */
    public static void addScalar(Tensor a, double s, Tensor out) {
        sameShape("addScalar", "a", a, "out", out);
        finite("addScalar", "a", a, "value", s);
        a.backend().kernels().addScalar(a, s, out);
    }

    /** {@code a + s}, new tensor. */
    public static Tensor addScalar(Tensor a, double s) {
        floating("addScalar", "a", a);
        Tensor out = like(a);
        addScalar(a, s, out);
        return out;
    }

    /** {@code y = alpha · x + beta · y}. */
    public static void axpby(double alpha, Tensor x, double beta, Tensor y) {
        sameShape("axpby", "x", x, "y", y);
        finite("axpby", "x", x, "alpha", alpha);
        finite("axpby", "x", x, "beta", beta);
        x.backend().kernels().axpby(alpha, x, beta, y);
    }

    /**
     * One fused Adam update (see {@link dev.nn4j.tensor.Kernels#adamUpdate}): {@code w, g, m, v}
     * and {@code scratch} of one shape; {@code m} and {@code v} are updated in place, then {@code w}.
     */
    public static void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2,
                                  double stepSize, double vScale, double epsilon, Tensor scratch) {
        sameShape("adamUpdate", "w", w, "g", g, "m", m, "v", v);
        sameShape("adamUpdate", "w", w, "scratch", scratch);
        finite("adamUpdate", "w", w, "stepSize", stepSize);
        finite("adamUpdate", "w", w, "vScale", vScale);
        finite("adamUpdate", "w", w, "epsilon", epsilon);
        w.backend().kernels().adamUpdate(w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, scratch);
    }

    /** {@code out = op(a)}. */
    public static void unary(UnaryOp op, Tensor a, Tensor out) {
        sameShape(UNARY_NAMES[op.ordinal()], "a", a, "out", out);
        a.backend().kernels().unary(op, a, out);
    }

    /** {@code out = min(max(a, lo), hi)}. */
    public static void clamp(Tensor a, double lo, double hi, Tensor out) {
        sameShape("clamp", "a", a, "out", out);
        if (!(lo <= hi)) {
            throw new OpException("clamp", "a", a, "lo must be <= hi, got lo=" + lo + ", hi=" + hi);
        }
        a.backend().kernels().clamp(a, lo, hi, out);
    }

    // ---- activations ----

    /** {@code out = f(x)}; softmax needs a matrix and works per row. */
    public static void activation(Activation f, Tensor x, Tensor out) {
        sameShape(f.id(), "x", x, "out", out);
        if (f.isRowWise()) {
            matrix(f.id(), "x", x);
        }
        x.backend().kernels().activation(f, x, out);
    }

    /** {@code f(x)}, new tensor. */
    public static Tensor activation(Activation f, Tensor x) {
        floating(f.id(), "x", x);
        Tensor out = like(x);
        activation(f, x, out);
        return out;
    }

    /** {@code dx = dy ⊙ f'(x)} (softmax: the row-wise Jacobian product), given {@code y = f(x)}. */
    public static void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        if (!Checks.congruent(x, y) || !Checks.congruent(x, dy) || !Checks.congruent(x, dx)) {
            throw Checks.mismatch(f.id() + " backward", true, new String[] {"x", "y", "dy", "dx"},
                    new Tensor[] {x, y, dy, dx});
        }
        if (!x.dtype().isFloating()) {
            throw Checks.notFloating(f.id() + " backward", "x", x);
        }
        if (f.isRowWise() && x.rank() != 2) {
            throw Checks.notMatrix(f.id() + " backward", "x", x);
        }
        x.backend().kernels().activationBackward(f, x, y, dy, dx);
    }

    /** Row-wise stable log-softmax of a matrix into {@code out}. */
    public static void logSoftmax(Tensor x, Tensor out) {
        sameShape("logSoftmax", "x", x, "out", out);
        matrix("logSoftmax", "x", x);
        x.backend().kernels().logSoftmax(x, out);
    }

    // ---- shape and reductions ----

    /** {@code out = aᵀ}. */
    public static void transpose(Tensor a, Tensor out) {
        sameType("transpose", "a", a, "out", out);
        matrix("transpose", "a", a);
        matrix("transpose", "out", out);
        if (out.rows() != a.cols() || out.cols() != a.rows() || out == a) {
            throw new OpException("transpose", "a", a, "out", out, "out must be a separate "
                    + Shape.matrix(a.cols(), a.rows()));
        }
        a.backend().kernels().transpose(a, out);
    }

    /** {@code aᵀ}, new tensor. */
    public static Tensor transpose(Tensor a) {
        floating("transpose", "a", a);
        matrix("transpose", "a", a);
        Tensor out = a.backend().create(a.dtype(), Shape.matrix(a.cols(), a.rows()));
        transpose(a, out);
        return out;
    }

    /** Column sums of {@code a [m x n]} into {@code out [1 x n]}. */
    public static void sumRows(Tensor a, Tensor out) {
        sameType("sumRows", "a", a, "out", out);
        matrix("sumRows", "a", a);
        matrix("sumRows", "out", out);
        if (out.rows() != 1 || out.cols() != a.cols()) {
            throw new OpException("sumRows", "a", a, "out", out, "out must be " + Shape.matrix(1, a.cols()));
        }
        a.backend().kernels().sumRows(a, out);
    }

    /** Column sums of {@code a [m x n]}, new {@code [1 x n]} tensor. */
    public static Tensor sumRows(Tensor a) {
        floating("sumRows", "a", a);
        matrix("sumRows", "a", a);
        Tensor out = a.backend().create(a.dtype(), Shape.matrix(1, a.cols()));
        sumRows(a, out);
        return out;
    }

    /** {@code out = a + row} for every row of {@code a}. */
    public static void addRowVector(Tensor a, Tensor row, Tensor out) {
        sameType("addRowVector", "a", a, "row", row, "out", out);
        matrix("addRowVector", "a", a);
        matrix("addRowVector", "row", row);
        if (row.rows() != 1 || row.cols() != a.cols() || !a.shape().equals(out.shape())) {
            throw new OpException("addRowVector", new String[] {"a", "row", "out"}, new Tensor[] {a, row, out},
                    "row must be " + Shape.matrix(1, a.cols()) + " and out must be " + a.shape());
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
        if (!Checks.compatible(z, bias) || !Checks.compatible(z, y)) {
            throw Checks.mismatch(biasActivationName(f), false, new String[] {"z", "bias", "y"},
                    new Tensor[] {z, bias, y});
        }
        if (!z.dtype().isFloating()) {
            throw Checks.notFloating(biasActivationName(f), "z", z);
        }
        if (z.rank() != 2) {
            throw Checks.notMatrix(biasActivationName(f), "z", z);
        }
        if (bias.rank() != 2) {
            throw Checks.notMatrix(biasActivationName(f), "bias", bias);
        }
        if (bias.rows() != 1 || bias.cols() != z.cols() || !z.shape().equals(y.shape()) || bias == z || bias == y) {
            throw new OpException(biasActivationName(f), new String[] {"z", "bias", "y"}, new Tensor[] {z, bias, y},
                    "bias must be a separate " + Shape.matrix(1, z.cols()) + " and y must be " + z.shape());
        }
        z.backend().kernels().addRowVectorActivation(z, bias, f, y);
    }

    private static String biasActivationName(Activation f) {
        return "addRowVectorActivation (" + f.id() + ")";
    }

    /** {@code a + row} for every row, new tensor. */
    public static Tensor addRowVector(Tensor a, Tensor row) {
        floating("addRowVector", "a", a);
        Tensor out = like(a);
        addRowVector(a, row, out);
        return out;
    }

    /** Index of the largest element of each row of {@code a} into {@code out[rows]}. */
    public static void argmaxRows(Tensor a, int[] out) {
        floating("argmaxRows", "a", a);
        matrix("argmaxRows", "a", a);
        if (out.length != a.rows()) {
            throw new OpException("argmaxRows", "a", a, "out has length " + out.length + "; it must have length "
                    + a.rows());
        }
        a.backend().kernels().argmaxRows(a, out);
    }

    /** Index of the largest element of each row of {@code a}. */
    public static int[] argmaxRows(Tensor a) {
        floating("argmaxRows", "a", a);
        matrix("argmaxRows", "a", a);
        int[] out = new int[a.rows()];
        argmaxRows(a, out);
        return out;
    }

    /** Sum of all elements, accumulated in double. */
    public static double sum(Tensor a) {
        floating("sum", "a", a);
        return a.backend().kernels().sum(a);
    }

    /** Sum of {@code a ⊙ b}, accumulated in double. */
    public static double dot(Tensor a, Tensor b) {
        sameShape("dot", "a", a, "b", b);
        return a.backend().kernels().dot(a, b);
    }

    /**
     * Sets every element of {@code t} to {@code value}; any dtype. FLOAT32 rounds the value to
     * the nearest float; the integer dtypes convert it as {@link #copy(Tensor, Tensor)} casts
     * (toward zero, NaN to 0, beyond the range to the type's minimum or maximum).
     */
    public static void fill(Tensor t, double value) {
        t.backend().kernels().fill(t, value);
    }

    /**
     * Copies {@code src} into {@code dst}: one backend and one shape, any two dtypes. Between
     * two dtypes each element is converted as Java's casts convert (JLS 5.1.2, 5.1.3): floating
     * to integer truncates toward zero, NaN becomes 0 and values beyond the integer range become
     * its minimum or maximum; INT64 to INT32 keeps the low 32 bits (wraps, as NumPy's
     * {@code astype}); FLOAT64 to FLOAT32 and integers to floating round to the nearest
     * representable value. Allocates nothing; a copy onto itself does nothing.
     */
    public static void copy(Tensor src, Tensor dst) {
        if (src.backend() != dst.backend()) {
            throw Checks.mismatch("copy", true, new String[] {"src", "dst"}, new Tensor[] {src, dst});
        }
        if (!Checks.sameShape(src, dst)) {
            throw new OpException("copy", "src", src, "dst", dst, "shapes must be equal");
        }
        if (src != dst) {
            src.backend().kernels().copy(src, dst);
        }
    }

    /** A deep copy of {@code src} (same backend, dtype and shape). */
    public static Tensor copy(Tensor src) {
        Tensor out = like(src);
        copy(src, out);
        return out;
    }

    /**
     * {@code t} with another shape of the same size, row-major order kept: a view sharing
     * storage on backends that allow it (see {@link Backend#reshape}), else a copy. Any dtype
     * and any ranks 0 to {@value Shape#MAX_RANK}.
     */
    public static Tensor reshape(Tensor t, Shape shape) {
        if (shape.size() != t.size()) {
            throw new OpException("reshape", "t", t, "it has " + t.size() + " elements, " + shape + " has "
                    + shape.size());
        }
        return t.backend().reshape(t, shape);
    }

    /** A new zero tensor with the backend, dtype and shape of {@code t}. */
    public static Tensor like(Tensor t) {
        return t.backend().create(t.dtype(), t.shape());
    }

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
}
