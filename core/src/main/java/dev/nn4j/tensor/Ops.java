package dev.nn4j.tensor;

import static dev.nn4j.tensor.Checks.finite;
import static dev.nn4j.tensor.Checks.floating;
import static dev.nn4j.tensor.Checks.matrix;
import static dev.nn4j.tensor.Checks.sameShape;
import static dev.nn4j.tensor.Checks.sameType;

import java.util.Arrays;
import java.util.Locale;

/**
 * Checked tensor operations: every method validates ranks, shapes, dtypes and that all
 * operands belong to one backend, then calls that backend's {@link Kernels} (which extend the
 * {@link Primitives}). A violation throws {@link OpException} (an
 * {@link IllegalArgumentException}) naming the operation, every operand involved with its shape
 * and dtype, and the rule, e.g.
 * {@code matmul: a is [2x3] FLOAT32, b is [4x1] FLOAT32; a.cols must equal b.rows}.
 *
 * <p>Two families. nn4j 0.1's operations ({@link #add}, {@link #sub}, {@link #hadamard},
 * {@link #div}, {@link #scale}, {@link #addScalar}, {@link #transpose}, {@link #sumRows},
 * {@link #addRowVector}, {@link #logSoftmax}, ...) keep their exact shapes, rules and
 * messages, and work in FLOAT32 or FLOAT64 only
 * ({@code matmul: a is [2x3] INT32; matmul needs FLOAT32 or FLOAT64}). The general operations
 * ({@link #binary}, {@link #unary}, {@link #select}, {@link #reduce}, {@link #permute},
 * {@link #copyRegion}, {@link #gather}, {@link #scatterAdd}, batched {@link #gemm}) follow
 * NumPy: operands of element-wise operations broadcast (shapes aligned on the right, each
 * dimension equal to the result's or 1; a lower rank is aligned by a {@link Backend#reshape}
 * view), and they take every dtype {@link Unary}, {@link Binary}, {@link Reduce} and
 * {@link Primitives} allow. {@link #fill}, {@link #copy(Tensor, Tensor)} (which also casts
 * between dtypes) and {@link #reshape} take every dtype.
 *
 * <p>Methods that take an {@code out} tensor write into it and allocate nothing when the
 * operands have the output's rank (the training loop uses these); the others allocate their
 * result on the operands' backend. Validation that passes costs a few identity, int and enum
 * comparisons; error messages are built only when a check fails. The one check a kernel makes
 * is the range of {@link #gather}'s and {@link #scatterAdd}'s index values, which only it reads.
 */
public final class Ops {
    private static final String[] ABC = {"a", "b", "c"};
    private static final int[] TRANSPOSE = {1, 0};
    /** Lower-case names of the functions, indexed by ordinal, e.g. {@code sqrt}, {@code add}, {@code reduce sum}. */
    private static final String[] UNARY_NAMES = names("", Unary.values());
    private static final String[] BINARY_NAMES = names("", Binary.values());
    private static final String[] REDUCE_NAMES = names("reduce ", Reduce.values());

    private Ops() {
    }

    private static String[] names(String prefix, Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> v : values) {
            names[v.ordinal()] = prefix + v.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    // ---- matrix products ----

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c}, where {@code op} transposes (the last two
     * dimensions) when the flag is set. Matrices: {@code c} must be
     * {@code [rows(op(a)) x cols(op(b))]}. Batches (any operand of rank above 2): every operand
     * has rank 2 or more, the dimensions before the last two are a batch that broadcasts as
     * NumPy's {@code matmul} does (aligned on the right, each 1 or equal), and {@code c} has the
     * broadcast batch followed by {@code [rows(op(a)) x cols(op(b))]}. {@code c} is distinct
     * from a and b. FLOAT32 or FLOAT64, one dtype for all three. Cost {@code 2·batch·m·n·k} flops.
     */
    public static void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        if (a.rank() > 2 || b.rank() > 2 || c.rank() > 2) {
            Batches.checkGemm("gemm", transA, transB, a, b, c);
            a.backend().kernels().gemm(transA, transB, alpha, Broadcasting.align(a, c.rank()),
                    Broadcasting.align(b, c.rank()), beta, c);
            return;
        }
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

    /** {@code out = a · b}: matrices, or batches of them as {@link #gemm} describes. */
    public static void matmul(Tensor a, Tensor b, Tensor out) {
        if (a.rank() > 2 || b.rank() > 2 || out.rank() > 2) {
            Batches.checkGemm("matmul", false, false, a, b, out);
            a.backend().kernels().gemm(false, false, 1.0, Broadcasting.align(a, out.rank()),
                    Broadcasting.align(b, out.rank()), 0.0, out);
            return;
        }
        checkMatmul(a, b);
        gemm(false, false, 1.0, a, b, 0.0, out);
    }

    /**
     * {@code a · b} into a new tensor: {@code [m x k] · [k x n] -> [m x n]}; for batches
     * ({@code [..., m, k] · [..., k, n]}) the result has the broadcast batch dimensions.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() > 2 || b.rank() > 2) {
            Tensor out = a.backend().create(a.dtype(), Batches.matmulShape(a, b));
            matmul(a, b, out);
            return out;
        }
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

    // ---- element-wise: 0.1's operations (equal shapes, floating) ----

    /** {@code out = a + b}; equal shapes. */
    public static void add(Tensor a, Tensor b, Tensor out) {
        sameShape("add", "a", a, "b", b, "out", out);
        a.backend().kernels().binary(Binary.ADD, a, b, out);
    }

    /** {@code a + b}, new tensor. */
    public static Tensor add(Tensor a, Tensor b) {
        floating("add", "a", a);
        Tensor out = like(a);
        add(a, b, out);
        return out;
    }

    /** {@code out = a - b}; equal shapes. */
    public static void sub(Tensor a, Tensor b, Tensor out) {
        sameShape("sub", "a", a, "b", b, "out", out);
        a.backend().kernels().binary(Binary.SUB, a, b, out);
    }

    /** {@code a - b}, new tensor. */
    public static Tensor sub(Tensor a, Tensor b) {
        floating("sub", "a", a);
        Tensor out = like(a);
        sub(a, b, out);
        return out;
    }

    /** {@code out = a ⊙ b} (Hadamard product); equal shapes. */
    public static void hadamard(Tensor a, Tensor b, Tensor out) {
        sameShape("hadamard", "a", a, "b", b, "out", out);
        a.backend().kernels().binary(Binary.MUL, a, b, out);
    }

    /** {@code a ⊙ b}, new tensor. */
    public static Tensor hadamard(Tensor a, Tensor b) {
        floating("hadamard", "a", a);
        Tensor out = like(a);
        hadamard(a, b, out);
        return out;
    }

    /** {@code out = a / b}, element-wise; equal shapes. */
    public static void div(Tensor a, Tensor b, Tensor out) {
        sameShape("div", "a", a, "b", b, "out", out);
        a.backend().kernels().binary(Binary.DIV, a, b, out);
    }

    /** {@code out = s · a}. */
    public static void scale(Tensor a, double s, Tensor out) {
        sameShape("scale", "a", a, "out", out);
        finite("scale", "a", a, "factor", s);
        a.backend().kernels().affine(a, s, 0, out);
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
        a.backend().kernels().affine(a, 1, s, out);
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

    /** {@code out = min(max(a, lo), hi)}; equal shapes, NaN stays NaN. */
    public static void clamp(Tensor a, double lo, double hi, Tensor out) {
        sameShape("clamp", "a", a, "out", out);
        if (!(lo <= hi)) {
            throw new OpException("clamp", "a", a, "lo must be <= hi, got lo=" + lo + ", hi=" + hi);
        }
        a.backend().kernels().clamp(a, lo, hi, out);
    }

    // ---- element-wise: the general operations (broadcasting) ----

    /**
     * {@code out = f(a)}; {@code a} broadcasts to {@code out} (equal shapes being the common
     * case); one dtype, FLOAT32 or FLOAT64, or INT32/INT64 for the functions {@link Unary} allows
     * on integers. {@code out} may be {@code a}. The operation is named after the function, e.g.
     * {@code exp}.
     */
    public static void unary(Unary f, Tensor a, Tensor out) {
        String op = UNARY_NAMES[f.ordinal()];
        if (!Checks.compatible(a, out)) {
            throw Checks.mismatch(op, false, new String[] {"a", "out"}, new Tensor[] {a, out});
        }
        if (!a.dtype().isFloating() && !onIntegers(f)) {
            throw Checks.notFloating(op, "a", a);
        }
        if (!Broadcasting.fits(a.shape(), out.shape())) {
            throw new OpException(op, "a", a, "out", out, Broadcasting.rule("a", out.shape()));
        }
        a.backend().kernels().unary(f, Broadcasting.align(a, out.rank()), out);
    }

    /** {@code f(a)}, new tensor of {@code a}'s shape and dtype. */
    public static Tensor unary(Unary f, Tensor a) {
        Tensor out = like(a);
        unary(f, a, out);
        return out;
    }

    private static boolean onIntegers(Unary f) {
        return f == Unary.NEG || f == Unary.ABS || f == Unary.SQUARE || f == Unary.SIGN;
    }

    /**
     * {@code out = f(a, b)}; {@code a} and {@code b} broadcast to {@code out} (NumPy's rule);
     * one dtype for all three, FLOAT32 or FLOAT64, or INT32/INT64 for every function but
     * {@link Binary#DIV} and {@link Binary#POW}. Comparisons write 1 or 0. {@code out} may be an
     * operand of its own shape. Named after the function, e.g. {@code add}, {@code less}.
     */
    public static void binary(Binary f, Tensor a, Tensor b, Tensor out) {
        String op = BINARY_NAMES[f.ordinal()];
        if (!Checks.compatible(a, b) || !Checks.compatible(a, out)) {
            throw Checks.mismatch(op, false, new String[] {"a", "b", "out"}, new Tensor[] {a, b, out});
        }
        if (!a.dtype().isFloating() && (f == Binary.DIV || f == Binary.POW)) {
            throw Checks.notFloating(op, "a", a);
        }
        if (!Broadcasting.fits(a.shape(), out.shape()) || !Broadcasting.fits(b.shape(), out.shape())) {
            throw new OpException(op, new String[] {"a", "b", "out"}, new Tensor[] {a, b, out},
                    Broadcasting.rule("a and b", out.shape()));
        }
        int rank = out.rank();
        a.backend().kernels().binary(f, Broadcasting.align(a, rank), Broadcasting.align(b, rank), out);
    }

    /** {@code f(a, b)} into a new tensor of the broadcast shape and the operands' dtype. */
    public static Tensor binary(Binary f, Tensor a, Tensor b) {
        String op = BINARY_NAMES[f.ordinal()];
        if (!Checks.compatible(a, b)) {
            throw Checks.mismatch(op, false, new String[] {"a", "b"}, new Tensor[] {a, b});
        }
        Shape shape = Broadcasting.of(a.shape(), b.shape());
        if (shape == null) {
            throw new OpException(op, "a", a, "b", b, "a and b must broadcast to one shape (dimensions aligned on the"
                    + " right, each equal or 1)");
        }
        Tensor out = a.backend().create(a.dtype(), shape);
        binary(f, a, b, out);
        return out;
    }

    /**
     * {@code out = scale · a + shift}; equal shapes, FLOAT32 or FLOAT64, finite scalars (FLOAT32
     * rounds them to float first). {@code out} may be {@code a}.
     */
    public static void affine(Tensor a, double scale, double shift, Tensor out) {
        sameShape("affine", "a", a, "out", out);
        finite("affine", "a", a, "scale", scale);
        finite("affine", "a", a, "shift", shift);
        a.backend().kernels().affine(a, scale, shift, out);
    }

    /** {@code scale · a + shift}, new tensor. */
    public static Tensor affine(Tensor a, double scale, double shift) {
        floating("affine", "a", a);
        Tensor out = like(a);
        affine(a, scale, shift, out);
        return out;
    }

    /**
     * {@code out = condition != 0 ? a : b} per element (NaN counts as non-zero); all three
     * broadcast to {@code out}; {@code a}, {@code b} and {@code out} share a dtype (any),
     * {@code condition} has any dtype.
     */
    public static void select(Tensor condition, Tensor a, Tensor b, Tensor out) {
        String op = "select";
        if (condition.backend() != a.backend()) {
            throw Checks.mismatch(op, false, new String[] {"condition", "a"}, new Tensor[] {condition, a});
        }
        if (!Checks.compatible(a, b) || !Checks.compatible(a, out)) {
            throw Checks.mismatch(op, false, new String[] {"a", "b", "out"}, new Tensor[] {a, b, out});
        }
        if (!Broadcasting.fits(condition.shape(), out.shape()) || !Broadcasting.fits(a.shape(), out.shape())
                || !Broadcasting.fits(b.shape(), out.shape())) {
            throw new OpException(op, new String[] {"condition", "a", "b", "out"},
                    new Tensor[] {condition, a, b, out}, Broadcasting.rule("condition, a and b", out.shape()));
        }
        int rank = out.rank();
        a.backend().kernels().select(Broadcasting.align(condition, rank), Broadcasting.align(a, rank),
                Broadcasting.align(b, rank), out);
    }

    /** {@code condition != 0 ? a : b} into a new tensor of the three's broadcast shape and {@code a}'s dtype. */
    public static Tensor select(Tensor condition, Tensor a, Tensor b) {
        Shape ab = Broadcasting.of(a.shape(), b.shape());
        Shape shape = ab == null ? null : Broadcasting.of(condition.shape(), ab);
        if (shape == null) {
            throw new OpException("select", new String[] {"condition", "a", "b"}, new Tensor[] {condition, a, b},
                    "condition, a and b must broadcast to one shape (dimensions aligned on the right, each equal or 1)");
        }
        Tensor out = a.backend().create(a.dtype(), shape);
        select(condition, a, b, out);
        return out;
    }

    // ---- activations and softmax ----

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
        x.backend().kernels().softmax(x, 1, true, out);
    }

    /**
     * Numerically stable softmax of {@code x} along {@code axis} (negative counts from the end),
     * or its logarithm with {@code log}; {@code out} has {@code x}'s shape and may be {@code x}.
     * FLOAT32 or FLOAT64, rank 1 or more.
     */
    public static void softmax(Tensor x, int axis, boolean log, Tensor out) {
        String op = log ? "logSoftmax" : "softmax";
        sameShape(op, "x", x, "out", out);
        x.backend().kernels().softmax(x, Checks.axis(op, "x", x, axis), log, out);
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
        a.backend().kernels().permute(a, TRANSPOSE, out);
    }

    /** {@code aᵀ}, new tensor. */
    public static Tensor transpose(Tensor a) {
        floating("transpose", "a", a);
        matrix("transpose", "a", a);
        Tensor out = a.backend().create(a.dtype(), Shape.matrix(a.cols(), a.rows()));
        transpose(a, out);
        return out;
    }

    /**
     * {@code out[i0, .., ir] = a[...]} with {@code out.dim(i) == a.dim(perm[i])}: NumPy's
     * {@code transpose(a, perm)}. {@code perm} lists every axis of {@code a} once; {@code out}
     * is a separate tensor of {@code a}'s dtype (any).
     */
    public static void permute(Tensor a, int[] perm, Tensor out) {
        Movement.checkPermute(a, perm, out);
        a.backend().kernels().permute(a, perm, out);
    }

    /** {@code a} with its axes permuted, new tensor. */
    public static Tensor permute(Tensor a, int[] perm) {
        Movement.checkPermutation(a, perm);
        int[] dims = new int[a.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = a.shape().dim(perm[i]);
        }
        Tensor out = a.backend().create(a.dtype(), Shape.of(dims));
        permute(a, perm, out);
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
        a.backend().kernels().reduce(Reduce.SUM, a, out);
    }

    /** Column sums of {@code a [m x n]}, new {@code [1 x n]} tensor. */
    public static Tensor sumRows(Tensor a) {
        floating("sumRows", "a", a);
        matrix("sumRows", "a", a);
        Tensor out = a.backend().create(a.dtype(), Shape.matrix(1, a.cols()));
        sumRows(a, out);
        return out;
    }

    /**
     * Reduces {@code a} (FLOAT32 or FLOAT64) along every axis where {@code out} has size 1 and
     * {@code a} does not: {@code out} has {@code a}'s rank and each dimension equal to
     * {@code a}'s or 1. {@link Reduce#SUM}, {@link Reduce#MAX} and {@link Reduce#MIN} write
     * {@code a}'s dtype; {@link Reduce#ARGMAX} and {@link Reduce#ARGMIN} reduce at most one axis
     * into an INT32 or INT64 {@code out}. Named e.g. {@code reduce sum}.
     */
    public static void reduce(Reduce f, Tensor a, Tensor out) {
        String op = REDUCE_NAMES[f.ordinal()];
        boolean positions = f == Reduce.ARGMAX || f == Reduce.ARGMIN;
        if (a.backend() != out.backend() || (!positions && a.dtype() != out.dtype())) {
            throw Checks.mismatch(op, false, new String[] {"a", "out"}, new Tensor[] {a, out});
        }
        floating(op, "a", a);
        if (positions && out.dtype().isFloating()) {
            throw new OpException(op, "a", a, "out", out, "out must be INT32 or INT64 (it receives positions)");
        }
        boolean fits = a.rank() == out.rank();
        int reduced = 0;
        for (int d = 0; fits && d < a.rank(); d++) {
            int n = out.shape().dim(d);
            if (n != a.shape().dim(d)) {
                fits = n == 1;
                reduced++;
            }
        }
        if (!fits) {
            throw new OpException(op, "a", a, "out", out, "out must have a's rank, each dimension equal to a's or 1"
                    + " (1 along the reduced axes)");
        }
        if (positions && reduced > 1) {
            throw new OpException(op, "a", a, "out", out, op + " reduces one axis; out has size 1 along " + reduced
                    + " axes where a does not");
        }
        a.backend().kernels().reduce(f, a, out);
    }

    /**
     * Reduces {@code a} along {@code axes} (each listed once; negative counts from the end) into
     * a new tensor: {@code a}'s shape with those dimensions 1 ({@code keepDims}) or removed.
     * {@link Reduce#ARGMAX} and {@link Reduce#ARGMIN} take exactly one axis and return INT64
     * positions, as NumPy does.
     */
    public static Tensor reduce(Reduce f, Tensor a, int[] axes, boolean keepDims) {
        String op = REDUCE_NAMES[f.ordinal()];
        floating(op, "a", a);
        boolean positions = f == Reduce.ARGMAX || f == Reduce.ARGMIN;
        if (positions && axes.length != 1) {
            throw new OpException(op, "a", a, op + " needs exactly one axis, got " + Arrays.toString(axes));
        }
        int[] kept = a.shape().dims();
        int removed = 0;
        for (int axis : axes) {
            int d = Checks.axis(op, "a", a, axis);
            if (kept[d] == 0) {
                throw new OpException(op, "a", a, "axes " + Arrays.toString(axes) + " name axis " + d + " twice");
            }
            kept[d] = 0;
            removed++;
        }
        int[] squeezed = new int[kept.length - removed];
        for (int d = 0, j = 0; d < kept.length; d++) {
            if (kept[d] == 0) {
                kept[d] = 1;
            } else {
                squeezed[j++] = kept[d];
            }
        }
        Tensor out = a.backend().create(positions ? DType.INT64 : a.dtype(), Shape.of(kept));
        reduce(f, a, out);
        return keepDims ? out : out.backend().reshape(out, Shape.of(squeezed));
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
        a.backend().kernels().binary(Binary.ADD, a, row, out);
    }

    /**
     * The dense layer's forward step after the product: {@code z += bias} for every row of
     * {@code z [m x n]} ({@code bias} is {@code [1 x n]}), then {@code y = f(z)} ({@code y} is
     * {@code [m x n]}, may be {@code z}; softmax works per row). One call of the fused
     * {@link Kernels#biasActivation} instead of {@link #addRowVector} and {@link #activation}.
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
        z.backend().kernels().biasActivation(z, bias, f, y);
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

    // ---- movement ----

    /**
     * Copies a strided box of {@code src} into {@code dst}: for every index {@code i} below
     * {@code extent} (one entry per dimension), {@code dst[dstStart + i] = src[srcStart + i·srcStep]}.
     * Equal ranks and dtypes (any); steps are non-zero and may be negative (a reversed copy);
     * every position read or written must lie inside its tensor. The rest of {@code dst} is
     * untouched; {@code dst} is a separate tensor.
     */
    public static void copyRegion(Tensor src, int[] srcStart, int[] srcStep, Tensor dst, int[] dstStart, int[] extent) {
        Movement.checkRegion(src, srcStart, srcStep, dst, dstStart, extent);
        src.backend().kernels().copyRegion(src, srcStart, srcStep, dst, dstStart, extent);
    }

    /**
     * ONNX's Gather along {@code axis} (negative counts from the end): {@code out} has shape
     * {@code data.shape[:axis] + indices.shape + data.shape[axis+1:]} and
     * {@code out[p, j, q] = data[p, indices[j], q]}. {@code indices} is INT32 or INT64 (any
     * rank, repeats allowed); {@code out} has {@code data}'s dtype (any) and is a separate
     * tensor. An index outside {@code [0, data.dim(axis))} throws {@link OpException} naming its
     * value and position, and {@code out} is left untouched.
     */
    public static void gather(Tensor data, int axis, Tensor indices, Tensor out) {
        int d = Movement.checkIndexed("gather", "data", data, axis, indices, "out", out);
        data.backend().kernels().gather(data, d, indices, out);
    }

    /** {@link #gather} into a new tensor of {@code data}'s dtype. */
    public static Tensor gather(Tensor data, int axis, Tensor indices) {
        Tensor out = data.backend().create(data.dtype(), Movement.gatherShape("gather", data, axis, indices));
        gather(data, axis, indices, out);
        return out;
    }

    /**
     * Gather's adjoint: {@code out[p, indices[j], q] += updates[p, j, q]} for every position,
     * summing where indices repeat. Shapes as {@link #gather} with {@code out} in the place of
     * {@code data} and {@code updates} in the place of its result; one dtype (any) for
     * {@code updates} and {@code out}. An index outside {@code [0, out.dim(axis))} throws
     * {@link OpException}, and {@code out} is left untouched.
     */
    public static void scatterAdd(Tensor updates, int axis, Tensor indices, Tensor out) {
        int d = Movement.checkIndexed("scatterAdd", "out", out, axis, indices, "updates", updates);
        out.backend().kernels().scatterAdd(updates, d, indices, out);
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
}
