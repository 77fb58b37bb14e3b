package dev.nn4j.tensor;

/**
 * The defaults of {@link Kernels#activation}, {@link Kernels#activationBackward},
 * {@link Kernels#softmax}, {@link Kernels#biasActivation} and {@link Kernels#argmaxRows}, written
 * with {@link Primitives} only. Operands are as those methods state (checked by {@link Ops});
 * temporaries come from the calling thread's {@link KernelScratch}, so a warm call allocates
 * nothing. Each costs a few element-wise passes where the fused kernel makes one. Thread-safe
 * as the primitives are.
 */
public final class DefaultActivations {
    private static final Object TMP = "activation tmp";
    private static final Object TMP2 = "activation tmp2";
    private static final Object TMP3 = "activation tmp3";
    private static final Object ZERO = "activation zero";
    private static final Object SOFTMAX_ROW = "softmax row";
    private static final Object SOFTMAX_EXP = "softmax exp";
    private static final Object ARGMAX = "argmaxRows";
    private static final Object ARGMAX_NAN = "argmaxRows NaN replacement";

    private static final double GELU_C = Activation.GELU_C;
    private static final double GELU_K = Activation.GELU_K;

    private DefaultActivations() {
    }

    /**
     * {@code y = f(x)} as {@link Activation#apply} defines it, softmax along the last axis;
     * {@code y} may be {@code x}. ELU's {@code e^x - 1} is evaluated as
     * {@code tanh(x/2)·(e^x + 1)}, an identity that keeps {@code expm1}'s relative accuracy near 0.
     */
    public static void activation(Primitives p, Activation f, Tensor x, Tensor y) {
        KernelScratch s = KernelScratch.current();
        switch (f.kind()) {
            case IDENTITY -> {
                if (x != y) {
                    p.copy(x, y);
                }
            }
            case SIGMOID -> p.unary(Unary.SIGMOID, x, y);
            case TANH -> p.unary(Unary.TANH, x, y);
            case RELU -> p.unary(Unary.RELU, x, y);
            case LEAKY_RELU -> {
                // x > 0 ? x : αx, as a select: max(x, αx) would give NaN for +∞ when α = 0
                Tensor positive = s.like(TMP, x);
                p.binary(Binary.GREATER, x, zero(s, x), positive);
                Tensor t = s.like(TMP2, x);
                p.affine(x, f.alpha(), 0, t);
                p.select(positive, x, t, y);
            }
            case ELU -> {
                Tensor positive = s.like(TMP, x);
                p.binary(Binary.GREATER, x, zero(s, x), positive);
                Tensor e = s.like(TMP2, x);
                expm1(p, s, x, e);
                p.affine(e, f.alpha(), 0, e);
                p.select(positive, x, e, y);
            }
            case GELU -> {
                // 0.5·x·(1 + tanh(c·(x + k·x³))), with x + k·x³ = x·(1 + k·x²)
                Tensor t = s.like(TMP, x);
                p.unary(Unary.SQUARE, x, t);
                p.affine(t, GELU_K, 1, t);
                p.binary(Binary.MUL, t, x, t);
                p.affine(t, GELU_C, 0, t);
                p.unary(Unary.TANH, t, t);
                p.affine(t, 0.5, 0.5, t);
                p.binary(Binary.MUL, t, x, y);
            }
            case SOFTMAX -> softmax(p, x, x.rank() - 1, false, y);
        }
    }

    /** {@code out = e^x - 1} as {@code tanh(x/2)·(e^x + 1)}; {@code out} is not {@code x}. */
    private static void expm1(Primitives p, KernelScratch s, Tensor x, Tensor out) {
        Tensor u = s.like(TMP3, x);
        p.affine(x, 0.5, 0, u);
        p.unary(Unary.TANH, u, u);
        p.unary(Unary.EXP, x, out);
        p.affine(out, 1, 1, out);
        p.binary(Binary.MUL, u, out, out);
    }

    /** A tensor of {@code like}'s rank, dtype and backend with every dimension 1, holding 0 (never written). */
    private static Tensor zero(KernelScratch s, Tensor like) {
        return s.dimsOf(like, -1).tensor(ZERO, null, like.backend(), like.dtype());
    }

    /**
     * {@code dx = dy ⊙ f'(x)} with {@link Activation#derivative}'s formulas (sigmoid
     * {@code y(1 - y)}, tanh {@code 1 - y²}, ReLU and leaky ReLU from the sign of {@code x} with
     * NaN kept, ELU {@code y + α} below 0, GELU's tanh form), and for softmax along the last axis
     * {@code dx = y ⊙ (dy − Σ dy ⊙ y)}. {@code dx} may be {@code dy}.
     */
    public static void activationBackward(Primitives p, Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        KernelScratch s = KernelScratch.current();
        switch (f.kind()) {
            case IDENTITY -> {
                if (dy != dx) {
                    p.copy(dy, dx);
                }
            }
            case SIGMOID -> {
                Tensor t = s.like(TMP, y);
                p.affine(y, -1, 1, t);
                p.binary(Binary.MUL, t, y, t);
                p.binary(Binary.MUL, dy, t, dx);
            }
            case TANH -> {
                Tensor t = s.like(TMP, y);
                p.unary(Unary.SQUARE, y, t);
                p.affine(t, -1, 1, t);
                p.binary(Binary.MUL, dy, t, dx);
            }
            case RELU, LEAKY_RELU -> {
                // sign(relu(x)): 1 above 0, 0 at or below, NaN for NaN
                Tensor t = s.like(TMP, x);
                p.unary(Unary.RELU, x, t);
                p.unary(Unary.SIGN, t, t);
                if (f.kind() == Activation.Kind.LEAKY_RELU) {
                    p.affine(t, 1 - f.alpha(), f.alpha(), t);
                }
                p.binary(Binary.MUL, dy, t, dx);
            }
            case ELU -> {
                Tensor positive = s.like(TMP, x);
                p.binary(Binary.GREATER, x, zero(s, x), positive);
                Tensor t = s.like(TMP2, x);
                p.affine(y, 1, f.alpha(), t);
                p.binary(Binary.MUL, dy, t, t);
                p.select(positive, dy, t, dx);
            }
            case GELU -> geluBackward(p, s, x, dy, dx);
            case SOFTMAX -> {
                Tensor t = s.like(TMP, y);
                p.binary(Binary.MUL, dy, y, t);
                Tensor sum = s.dimsOf(y, 1 << (y.rank() - 1)).tensor(SOFTMAX_ROW, null, y.backend(), y.dtype());
                p.reduce(Reduce.SUM, t, sum);
                p.binary(Binary.SUB, dy, sum, dx);
                p.binary(Binary.MUL, dx, y, dx);
            }
        }
    }

    /** {@code f'(x) = 0.5·(1 + t) + 0.5·x·(1 − t²)·c·(1 + 3k·x²)} with {@code t = tanh(c·(x + k·x³))}. */
    private static void geluBackward(Primitives p, KernelScratch s, Tensor x, Tensor dy, Tensor dx) {
        Tensor sq = s.like(TMP, x);
        p.unary(Unary.SQUARE, x, sq);
        Tensor t = s.like(TMP2, x);
        p.affine(sq, GELU_K, 1, t);
        p.binary(Binary.MUL, t, x, t);
        p.affine(t, GELU_C, 0, t);
        p.unary(Unary.TANH, t, t);
        p.affine(sq, 3 * GELU_C * GELU_K, GELU_C, sq);   // c·(1 + 3k·x²)
        Tensor r = s.like(TMP3, x);
        p.unary(Unary.SQUARE, t, r);
        p.affine(r, -0.5, 0.5, r);                        // 0.5·(1 − t²)
        p.binary(Binary.MUL, r, x, r);
        p.binary(Binary.MUL, r, sq, r);
        p.affine(t, 0.5, 0.5, t);                         // 0.5·(1 + t)
        p.binary(Binary.ADD, t, r, t);
        p.binary(Binary.MUL, dy, t, dx);
    }

    /**
     * Softmax along {@code axis}, numerically stable: {@code y = e^(x − max) / Σ e^(x − max)},
     * or with {@code log} {@code y = x − max − log Σ e^(x − max)}; {@code y} may be {@code x}.
     */
    public static void softmax(Primitives p, Tensor x, int axis, boolean log, Tensor y) {
        KernelScratch s = KernelScratch.current();
        Tensor r = s.dimsOf(x, 1 << axis).tensor(SOFTMAX_ROW, null, x.backend(), x.dtype());
        p.reduce(Reduce.MAX, x, r);
        p.binary(Binary.SUB, x, r, y);
        if (log) {
            Tensor e = s.like(SOFTMAX_EXP, x);
            p.unary(Unary.EXP, y, e);
            p.reduce(Reduce.SUM, e, r);
            p.unary(Unary.LOG, r, r);
            p.binary(Binary.SUB, y, r, y);
        } else {
            p.unary(Unary.EXP, y, y);
            p.reduce(Reduce.SUM, y, r);
            p.binary(Binary.DIV, y, r, y);
        }
    }

    /** {@code z += bias} per row (broadcast {@code [1 x n]} over {@code [m x n]}), then {@code y = f(z)}. */
    public static void biasActivation(Primitives p, Tensor z, Tensor bias, Activation f, Tensor y) {
        p.binary(Binary.ADD, z, bias, z);
        activation(p, f, z, y);
    }

    /**
     * The column of each row's largest element of {@code a [m x n]} (the first on ties; a NaN
     * never wins unless it comes first, as 0.1's loop compared) into {@code out[0 .. m)}.
     * {@code reduce(ARGMAX)}, whose first NaN wins, runs on a copy where NaN became −∞, or +∞
     * in column 0; the INT32 {@code [m x 1]} result is read back without allocating.
     */
    public static void argmaxRows(Primitives p, Tensor a, int[] out) {
        KernelScratch s = KernelScratch.current();
        int n = a.cols();
        Tensor replacement = s.dims(1, n).tensor(ARGMAX_NAN, null, a.backend(), a.dtype());
        if (s.created()) {
            p.fill(replacement, Double.NEGATIVE_INFINITY);
            replacement.set(Double.POSITIVE_INFINITY, 0, 0);
        }
        Tensor number = s.like(TMP, a);
        p.binary(Binary.EQUAL, a, a, number);                        // 0 exactly where a is NaN
        Tensor clean = s.like(TMP2, a);
        p.select(number, a, replacement, clean);
        Tensor idx = s.dims(a.rows(), 1).tensor(ARGMAX, null, a.backend(), DType.INT32);
        p.reduce(Reduce.ARGMAX, clean, idx);
        idx.readInto(out);
    }
}
