package dev.nn4j.autodiff;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Unary;

/**
 * The differentiable operations, one static function each (as PyTorch's
 * {@code torch.nn.functional}): each checks its operands, records a step in their
 * {@link Recorder} and returns the result, whose gradient {@link Recorder#backward} derives.
 * Errors are {@link dev.nn4j.tensor.OpException}s naming the op, every operand's shape and dtype,
 * and the rule. Broadcasting follows NumPy: ranks aligned on the right, size-1 dimensions repeated.
 */
public final class F {
    private F() {
    }

    // ---- element-wise ----

    /** {@code a + b}, broadcasting. */
    public static Var add(Var a, Var b) {
        return binary(Binary.ADD, a, b);
    }

    /** {@code a − b}, broadcasting. */
    public static Var sub(Var a, Var b) {
        return binary(Binary.SUB, a, b);
    }

    /** {@code a ⊙ b}, broadcasting. */
    public static Var mul(Var a, Var b) {
        return binary(Binary.MUL, a, b);
    }

    /** {@code a / b}, broadcasting. */
    public static Var div(Var a, Var b) {
        return binary(Binary.DIV, a, b);
    }

    /** {@code a^b}, broadcasting. */
    public static Var pow(Var a, Var b) {
        return binary(Binary.POW, a, b);
    }

    /**
     * {@code f(a, b)} element by element, broadcasting; comparisons give 1 or 0 and no gradient.
     * Both operands have one dtype; DIV and POW need a floating one.
     */
    public static Var binary(Binary f, Var a, Var b) {
        String op = f.name().toLowerCase(java.util.Locale.ROOT);
        VarChecks.sameType(op, a, b);
        if ((f == Binary.DIV || f == Binary.POW) && !a.dtype().isFloating()) {
            throw VarChecks.fail(op, new String[] {"a", "b"}, new Var[] {a, b}, op + " needs FLOAT32 or FLOAT64");
        }
        Shape s = VarChecks.broadcast(op, a, b);
        return record(new ElementwiseOps.BinaryOp(f), padTo(a, s.rank()), padTo(b, s.rank()));
    }

    /** {@code f(x)} element by element. */
    public static Var unary(Unary f, Var x) {
        boolean integerOk = f == Unary.NEG || f == Unary.ABS || f == Unary.SQUARE || f == Unary.SIGN;
        if (!integerOk) {
            VarChecks.floating(f.name().toLowerCase(java.util.Locale.ROOT), "x", x);
        }
        return record(new ElementwiseOps.UnaryFn(f), x);
    }

    /** {@code e^x}. */
    public static Var exp(Var x) {
        return unary(Unary.EXP, x);
    }

    /** {@code −x}. */
    public static Var neg(Var x) {
        return unary(Unary.NEG, x);
    }

    /** {@code scale·x + shift}. */
    public static Var affine(Var x, double scale, double shift) {
        VarChecks.floating("affine", "x", x);
        return record(new ElementwiseOps.Affine(scale, shift), x);
    }

    /** {@code s·x}. */
    public static Var scale(Var x, double s) {
        return affine(x, s, 0);
    }

    /** {@code min(max(x, lo), hi)}; the gradient passes where {@code lo ≤ x ≤ hi}, as PyTorch's clamp. */
    public static Var clamp(Var x, double lo, double hi) {
        VarChecks.floating("clamp", "x", x);
        if (!(lo <= hi)) {
            throw VarChecks.fail("clamp", "x", x, "lo (" + lo + ") must not exceed hi (" + hi + ")");
        }
        return record(new ClampOp(lo, hi), x);
    }

    /** {@code condition != 0 ? a : b}, the three broadcasting to one shape. */
    public static Var where(Var condition, Var a, Var b) {
        VarChecks.sameType("where", a, b);
        Shape ab = VarChecks.broadcast("where", a, b);
        if (!VarChecks.broadcastsTo(condition.shape(), ab)) {
            throw VarChecks.fail("where", new String[] {"condition", "a", "b"}, new Var[] {condition, a, b},
                    "condition must broadcast to " + ab);
        }
        int r = ab.rank();
        return record(new ElementwiseOps.Where(), padTo(condition, r), padTo(a, r), padTo(b, r));
    }

    /** A tensor of {@code x}'s shape and dtype filled with ones (a constant: no step runs for it). */
    public static Var ones(Var x) {
        return x.recorder.full(x.shape(), x.dtype(), 1);
    }

    /** A tensor of {@code x}'s shape and dtype filled with zeros (a constant). */
    public static Var zerosLike(Var x) {
        return x.recorder.full(x.shape(), x.dtype(), 0);
    }

    /** {@code x} converted to {@code dtype} (floating to integer truncates toward zero); a gradient passes between floating types. */
    public static Var cast(Var x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        return record(new FillOps.Copy(dtype), x);
    }

    // ---- activations and the fused dense op ----

    /** {@code f(x)}; softmax applies along the last axis of a matrix. */
    public static Var activation(Activation f, Var x) {
        VarChecks.floating("activation " + f.id(), "x", x);
        return f.kind() == Activation.Kind.IDENTITY ? x : record(new ActivationOps.Apply(f), x);
    }

    /** {@code dy ⊙ f'(x)} given {@code y = f(x)}: the backward of {@link #activation}, itself without a gradient. */
    public static Var activationBackward(Activation f, Var x, Var y, Var dy) {
        if (!x.shape().equals(y.shape()) || !x.shape().equals(dy.shape())) {
            throw VarChecks.fail("activation_backward", new String[] {"x", "y", "dy"}, new Var[] {x, y, dy},
                    "the three must have one shape");
        }
        return record(new ActivationOps.Backward(f), x, y, dy);
    }

    /**
     * The dense layer, fused: {@code f(x·W + b)} for {@code x [m x in]}, {@code W [in x out]},
     * {@code b [1 x out]}. Returns {@code {y, z}}: the output and the pre-activation.
     */
    public static Var[] linear(Var x, Var weights, Var bias, Activation f) {
        return x.recorder.record(new ActivationOps.Linear(f), x, weights, bias);
    }

    /**
     * Softmax along {@code axis} (negative counts from the end), or its logarithm, numerically
     * stable. A slice whose every entry is −∞ gives NaN, as in PyTorch: for attention masks use
     * {@link #maskedSoftmax}, which gives zeros there.
     */
    public static Var softmax(Var x, int axis, boolean log) {
        VarChecks.floating(log ? "log_softmax" : "softmax", "x", x);
        return record(new SoftmaxOps.Softmax(axis(log ? "log_softmax" : "softmax", x, axis), log), x);
    }

    /**
     * {@code x} with {@code value} wherever {@code mask} is nonzero, as PyTorch's
     * {@code masked_fill}: {@code mask} (any dtype) broadcasts to {@code x}'s shape, which the
     * result keeps; the gradient passes to {@code x} where the mask is 0. With {@code value} −∞
     * before {@link #softmax}, a slice whose every entry is masked becomes NaN, as in PyTorch:
     * attention masks should use {@link #maskedSoftmax}, which defines that case.
     */
    public static Var maskedFill(Var x, Var mask, double value) {
        if (!VarChecks.broadcastsTo(mask.shape(), x.shape())) {
            throw VarChecks.fail("masked_fill", new String[] {"x", "mask"}, new Var[] {x, mask},
                    "mask must broadcast to x's shape");
        }
        Var fill = x.recorder.full(VarChecks.padLeft(Shape.scalar(), x.rank()), x.dtype(), value);
        return where(mask, fill, x);
    }

    /**
     * Softmax along {@code axis} over the entries where {@code mask} is 0 (attention's causal or
     * padding mask; any dtype, broadcasting to {@code x}'s shape), 0 where it is nonzero:
     * {@code softmax(maskedFill(x, mask, −∞), axis)} except that a slice whose every entry is
     * masked (or −∞) gives zeros rather than PyTorch's NaN, so a fully padded query attends to
     * nothing and its gradient is zero. NaN in an unmasked entry still gives NaN.
     */
    public static Var maskedSoftmax(Var x, Var mask, int axis) {
        VarChecks.floating("masked_softmax", "x", x);
        if (!VarChecks.broadcastsTo(mask.shape(), x.shape())) {
            throw VarChecks.fail("masked_softmax", new String[] {"x", "mask"}, new Var[] {x, mask},
                    "mask must broadcast to x's shape");
        }
        Shape ones = VarChecks.padLeft(Shape.scalar(), x.rank());
        Var minusInfinity = x.recorder.full(ones, x.dtype(), Double.NEGATIVE_INFINITY);
        Var zero = x.recorder.full(ones, x.dtype(), 0);
        return record(new SoftmaxOps.Masked(axis("masked_softmax", x, axis)), x, padTo(mask, x.rank()), minusInfinity,
                zero);
    }

    /**
     * GELU: exact, {@code ½·x·(1 + erf(x/√2))}, or ({@code tanhApproximation}) PyTorch's
     * {@code approximate="tanh"} form {@code ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, which is
     * {@link Activation#GELU}. Floating {@code x} of any shape.
     */
    public static Var gelu(Var x, boolean tanhApproximation) {
        VarChecks.floating("gelu", "x", x);
        return tanhApproximation ? activation(Activation.GELU, x) : record(new Gelu(), x);
    }

    // ---- sequences ----

    /**
     * Rows of {@code table [vocab x d]} (floating) looked up by {@code ids} (INT32 or INT64, any
     * shape {@code [...]}, rank at most 5): {@code [..., d]}. The gradient is added into the
     * table's rows by id; the ids take none. An id outside {@code [0, vocab)} fails when the plan
     * runs, with an {@link dev.nn4j.tensor.OpException} naming the id, its position and the
     * vocabulary size. Cost: {@code ids.size()·d} element copies forward and backward.
     */
    public static Var embedding(Var table, Var ids) {
        return record(new Embedding(-1), table, ids);
    }

    /**
     * {@link #embedding(Var, Var)} whose row {@code paddingIndex} (in {@code [−vocab, vocab)},
     * negative counting from the end, as PyTorch's {@code padding_idx}) is read as usual but gets
     * no gradient, so a padding token's vector stays as initialised.
     */
    public static Var embedding(Var table, Var ids, int paddingIndex) {
        if (table.rank() != 2) {
            return embedding(table, ids);                      // refused by the shape rule, named as such
        }
        int vocab = table.dim(0);
        if (paddingIndex < -vocab || paddingIndex >= vocab) {
            throw VarChecks.fail("embedding", new String[] {"table", "ids"}, new Var[] {table, ids}, "padding index "
                    + paddingIndex + " is outside [" + -vocab + ", " + vocab + ") (the vocabulary size)");
        }
        return record(new Embedding(paddingIndex < 0 ? paddingIndex + vocab : paddingIndex), table, ids);
    }

    /**
     * Layer normalisation of {@code x} over its last {@code normalizedDims} dimensions, as
     * PyTorch's {@code F.layer_norm(x, x.shape[-normalizedDims:], gamma, beta, eps)}: each slice
     * is shifted by its mean and divided by {@code sqrt(σ² + eps)}, {@code σ²} its biased
     * variance; then multiplied by {@code gamma} and shifted by {@code beta}, each shaped as
     * those dimensions, of {@code x}'s dtype, or null (PyTorch's {@code elementwise_affine=False};
     * either may be left out). PyTorch's default {@code eps} is {@code 1e-5}.
     */
    public static Var layerNorm(Var x, Var gamma, Var beta, int normalizedDims, double eps) {
        VarChecks.floating("layer_norm", "x", x);
        if (normalizedDims < 1 || normalizedDims > x.rank() || !(eps >= 0) || Double.isInfinite(eps)) {
            throw VarChecks.fail("layer_norm", "x", x, "normalizedDims (" + normalizedDims + ") must be in [1, rank] and "
                    + "eps (" + eps + ") finite and at least 0");
        }
        int[] last = new int[normalizedDims];
        System.arraycopy(x.shape().dims(), x.rank() - normalizedDims, last, 0, normalizedDims);
        Shape normalized = Shape.of(last);
        java.util.List<Var> in = new java.util.ArrayList<>(java.util.List.of(x));
        for (Var p : new Var[] {gamma, beta}) {
            if (p == null) {
                continue;
            }
            if (!p.shape().equals(normalized) || p.dtype() != x.dtype()) {
                throw VarChecks.fail("layer_norm", new String[] {"x", p == gamma ? "gamma" : "beta"}, new Var[] {x, p},
                        (p == gamma ? "gamma" : "beta") + " must be " + normalized + " (x's last " + normalizedDims
                        + " dimensions) of x's dtype");
            }
            in.add(padTo(p, x.rank()));
        }
        return record(new LayerNorm(normalizedDims, eps, gamma != null, beta != null), in.toArray(new Var[0]));
    }

    // ---- shapes and reductions ----

    /** {@code x}'s elements in row-major order under {@code shape} (equal size). */
    public static Var reshape(Var x, Shape shape) {
        return x.shape().equals(shape) ? x : record(new ShapeOps.Reshape(shape), x);
    }

    /**
     * Sums {@code x} down to {@code shape}, which broadcasts to {@code x}'s shape: the gradient of
     * a broadcast. Returns {@code x} itself when the shapes are equal.
     */
    public static Var sumTo(Var x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x;
        }
        if (!VarChecks.broadcastsTo(shape, x.shape())) {
            throw VarChecks.fail("sum_to", "x", x, shape + " does not broadcast to x's shape");
        }
        Shape kept = VarChecks.padLeft(shape, x.rank());
        Var summed = record(new ShapeOps.SumKeep(kept), x);
        return reshape(summed, shape);
    }

    /** {@code x} repeated along its size-1 dimensions (and new leading ones) to {@code shape}. */
    public static Var expand(Var x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x;
        }
        if (!VarChecks.broadcastsTo(x.shape(), shape)) {
            throw VarChecks.fail("expand", "x", x, "it does not broadcast to " + shape);
        }
        return record(new ShapeOps.Expand(shape), padTo(x, shape.rank()));
    }

    /**
     * The operands side by side along {@code axis} (negative counts from the end): every other
     * dimension equal, one dtype, at least one operand. Returns the operand itself when there is one.
     */
    public static Var concat(int axis, Var... xs) {
        if (xs.length == 0) {
            throw new dev.nn4j.tensor.OpException("concat", "concat: no operands; give at least one");
        }
        int a = axis("concat", xs[0], axis);
        String[] names = new String[xs.length];
        for (int i = 0; i < xs.length; i++) {
            names[i] = "x" + i;
        }
        for (Var x : xs) {
            boolean fits = x.rank() == xs[0].rank() && x.dtype() == xs[0].dtype();
            for (int d = 0; fits && d < x.rank(); d++) {
                fits = d == a || x.dim(d) == xs[0].dim(d);
            }
            if (!fits) {
                throw VarChecks.fail("concat", names, xs, "along axis " + a + " every operand needs one rank, one"
                        + " dtype and equal dimensions elsewhere");
            }
        }
        return xs.length == 1 ? xs[0] : record(new SliceOps.Concat(a), xs);
    }

    /** {@code length} entries of {@code x} along {@code axis} (negative counts from the end), from {@code offset}. */
    public static Var slice(Var x, int axis, int offset, int length) {
        int a = axis("slice", x, axis);
        if (offset < 0 || length < 1 || (long) offset + length > x.dim(a)) {
            throw VarChecks.fail("slice", "x", x, "entries " + offset + " to " + ((long) offset + length)
                    + " of axis " + a + " must lie in [0, " + x.dim(a) + ") and be at least one");
        }
        if (offset == 0 && length == x.dim(a)) {
            return x;
        }
        int[] dims = x.shape().dims();
        dims[a] = length;
        return record(new SliceOps.Slice(Shape.of(dims), a, offset), x);
    }

    /** The sum over {@code axes} (negative counts from the end; distinct), keeping them as size 1 or dropping them. */
    public static Var sum(Var x, int[] axes, boolean keepDims) {
        return sum("sum", x, axes, keepDims);
    }

    /** {@link #sum(Var, int[], boolean)}, its errors naming {@code op}. */
    private static Var sum(String op, Var x, int[] axes, boolean keepDims) {
        int r = x.rank();
        int[] dims = x.shape().dims();
        boolean[] seen = new boolean[r];
        for (int a : axes) {
            int axis = axis(op, x, a);
            if (seen[axis]) {
                throw VarChecks.fail(op, "x", x, "axis " + a + " is listed twice");
            }
            seen[axis] = true;
            dims[axis] = 1;
        }
        Var kept = x.shape().equals(Shape.of(dims)) ? x : record(new ShapeOps.SumKeep(Shape.of(dims)), x);
        if (keepDims) {
            return kept;
        }
        int[] dropped = new int[r - axes.length];
        for (int i = 0, k = 0; i < r; i++) {
            if (!seen[i]) {
                dropped[k++] = x.dim(i);
            }
        }
        return reshape(kept, Shape.of(dropped));
    }

    /** The mean over {@code axes} (negative counts from the end; distinct), keeping them as size 1 or dropping them. */
    public static Var mean(Var x, int[] axes, boolean keepDims) {
        VarChecks.floating("mean", "x", x);
        Var sum = sum("mean", x, axes, keepDims);
        return scale(sum, (double) sum.shape().size() / x.shape().size());
    }

    /**
     * {@code x} with its axes reordered, {@code y.dim(i) == x.dim(axes[i])} (NumPy's
     * {@code transpose(axes)}, PyTorch's {@code permute}); {@code axes} lists every axis once,
     * negative counting from the end. A copy; returns {@code x} itself for the identity.
     */
    public static Var permute(Var x, int... axes) {
        int r = x.rank();
        if (axes.length != r) {
            throw VarChecks.fail("permute", "x", x, "axes " + java.util.Arrays.toString(axes) + " must list each of its "
                    + r + " axes once");
        }
        int[] perm = new int[r];
        boolean[] seen = new boolean[r];
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            perm[i] = axis("permute", x, axes[i]);
            if (seen[perm[i]]) {
                throw VarChecks.fail("permute", "x", x, "axes " + java.util.Arrays.toString(axes) + " list axis "
                        + perm[i] + " twice");
            }
            seen[perm[i]] = true;
            identity &= perm[i] == i;
        }
        return identity ? x : record(new Permute(perm), x);
    }

    /** {@code x} with axes {@code a} and {@code b} swapped (negative counting from the end): {@link #permute}. */
    public static Var transpose(Var x, int a, int b) {
        int[] perm = new int[x.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int i = axis("transpose", x, a);
        int j = axis("transpose", x, b);
        perm[i] = j;
        perm[j] = i;
        return permute(x, perm);
    }

    // ---- products ----

    /** {@code op(a)·op(b)} over the last two dimensions, batch dimensions broadcasting (ranks aligned on the right). */
    public static Var matmul(Var a, Var b, boolean transA, boolean transB) {
        VarChecks.floating("matmul", "a", a);
        VarChecks.sameType("matmul", a, b);
        int r = Math.max(a.rank(), b.rank());
        if (a.rank() < 2 || b.rank() < 2) {
            throw VarChecks.fail("matmul", new String[] {"a", "b"}, new Var[] {a, b}, "both need a rank of at least 2");
        }
        return record(new MatMul(transA, transB), padTo(a, r), padTo(b, r));
    }

    // ---- images, NCHW ----

    /**
     * The fused convolution {@code f(bias + w ⋆ x)}: {@code x [N,C,H,W]}, {@code w [F,C,kh,kw]},
     * {@code bias [F]} or null, geometry {@code g} (which fixes N). Returns {@code {y}} for the
     * identity, else {@code {y, z}}.
     */
    public static Var[] conv2d(Var x, Var w, Var bias, ConvGeometry g, Activation f) {
        if (!g.isInput(x.shape()) || w.rank() != 4 || w.dim(1) != g.channels() || w.dim(2) != g.kernelH()
                || w.dim(3) != g.kernelW() || (bias != null && !bias.shape().equals(Shape.of(w.dim(0))))
                || x.dtype() != w.dtype() || (bias != null && bias.dtype() != w.dtype())) {
            Var[] operands = bias == null ? new Var[] {x, w} : new Var[] {x, w, bias};
            String[] names = bias == null ? new String[] {"x", "w"} : new String[] {"x", "w", "bias"};
            throw VarChecks.fail("conv2d", names, operands, "geometry " + g + " needs x " + g.inputShape()
                    + ", w [F x " + g.channels() + " x " + g.kernelH() + " x " + g.kernelW() + "], bias [F], one dtype");
        }
        Var[] in = bias == null ? new Var[] {x, w} : new Var[] {x, w, bias};
        return x.recorder.record(new ConvOps.Conv2D(g, f), in);
    }

    /** Max pooling of {@code x [N,C,H,W]} over geometry {@code g}. */
    public static Var maxPool2d(Var x, ConvGeometry g) {
        return pool(x, g, true);
    }

    /** Average pooling of {@code x [N,C,H,W]} over geometry {@code g}, padding not counted. */
    public static Var avgPool2d(Var x, ConvGeometry g) {
        return pool(x, g, false);
    }

    private static Var pool(Var x, ConvGeometry g, boolean max) {
        if (!g.isInput(x.shape())) {
            throw VarChecks.fail(max ? "max_pool2d" : "avg_pool2d", "x", x, "geometry " + g + " needs x " + g.inputShape());
        }
        return record(new PoolOps.Pool2D(g, max), x);
    }

    /**
     * Batch normalisation of {@code x [N, C, ...]} with {@code gamma}, {@code beta} and the running
     * statistics ({@code [C]} each, the statistics as parameter values that training moves in place).
     * {@code training} normalises with the batch's statistics and moves the running ones.
     */
    public static Var batchNorm(Var x, Var gamma, Var beta, Var runningMean, Var runningVar, double eps,
                                double momentum, boolean training) {
        Var[] in = {x, gamma, beta, runningMean, runningVar};
        for (int i = 1; i < in.length; i++) {
            if (x.rank() < 2 || !in[i].shape().equals(Shape.of(x.dim(1))) || in[i].dtype() != x.dtype()) {
                throw VarChecks.fail("batch_norm", new String[] {"x", "gamma", "beta", "running_mean", "running_var"}, in,
                        "x needs rank 2 or more and the others [channels] of x's dtype");
            }
        }
        if (training && x.shape().size() / x.dim(1) < 2) {
            throw VarChecks.fail("batch_norm", "x", x, "training needs at least 2 values per channel for batch statistics");
        }
        Op op = training ? new BatchNormOps.Train(eps, momentum) : new BatchNormOps.Infer(eps);
        return x.recorder.record(op, in)[0];
    }

    /** Inverted dropout in training (drop with probability {@code rate}, scale the rest by {@code 1/(1 − rate)}). */
    public static Var dropout(Var x, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw VarChecks.fail("dropout", "x", x, "rate must be in [0, 1), got " + rate);
        }
        return rate == 0 ? x : x.recorder.record(new DropoutOp(rate), x)[0];
    }

    // ---- losses: rank-0 FLOAT64 values ----

    /**
     * Softmax cross-entropy from logits {@code [n x k]}: {@code −Σ t·log softmax(z) / n}. Each row
     * of {@code target} is a distribution (sums to 1, as one-hot labels do): the gradient
     * {@code (softmax(z) − t)/n} relies on it.
     */
    public static Var softmaxCrossEntropy(Var logits, Var target) {
        return logits.recorder.record(new LossOps.SoftmaxCrossEntropy(), logits, target)[0];
    }

    /**
     * Cross-entropy of logits {@code [n x k]} against class ids {@code [n]} (INT32 or INT64), as
     * PyTorch's {@code F.cross_entropy(logits, ids, ignore_index=ignoreIndex)}: the mean of
     * {@code −log softmax(logits)[r, ids[r]]} over the rows whose id is not {@code ignoreIndex}
     * (0, with no gradient, when every row is ignored). An id that is neither ignored nor in
     * {@code [0, k)} fails when the plan runs, naming the id and its row. The ids take no gradient.
     */
    public static Var tokenCrossEntropy(Var logits, Var ids, long ignoreIndex) {
        Recorder r = logits.recorder;
        if (logits.rank() != 2 || !logits.dtype().isFloating()) {
            return r.record(new TokenCrossEntropy(ignoreIndex), logits, ids)[0];   // refused by the shape rule
        }
        int classes = logits.dim(1);
        double[] iota = new double[classes];
        for (int i = 0; i < classes; i++) {
            iota[i] = i;
        }
        Shape one = Shape.matrix(1, 1);
        Var classIds = cast(r.values(Shape.matrix(1, classes), iota), logits.dtype());
        return r.record(new TokenCrossEntropy(ignoreIndex), logits, ids, classIds, r.full(one, logits.dtype(), 1),
                r.full(one, logits.dtype(), 0))[0];
    }

    /** Cross-entropy from probabilities {@code [n x k]}: {@code −Σ t·log max(y, 1e-7) / n}. */
    public static Var crossEntropy(Var probabilities, Var target) {
        return probabilities.recorder.record(new LossOps.CrossEntropy(), probabilities, target)[0];
    }

    /** Squared error: the mean over elements, or ({@code meanOverElements} false) half the sum per sample. */
    public static Var squaredError(Var output, Var target, boolean meanOverElements) {
        return output.recorder.record(new LossOps.SquaredError(meanOverElements), output, target)[0];
    }

    /** Binary cross-entropy over all elements: {@code −Σ [t·log p + (1 − t)·log(1 − p)] / N}, {@code p = clamp(y, 1e-7, 1 − 1e-7)}. */
    public static Var binaryCrossEntropy(Var output, Var target) {
        return output.recorder.record(new LossOps.BinaryCrossEntropy(), output, target)[0];
    }

    // ---- helpers ----

    static Var record(Op op, Var... in) {
        return in[0].recorder.record(op, in)[0];
    }

    /** {@code x} with leading size-1 dimensions up to rank {@code r}. */
    static Var padTo(Var x, int r) {
        return x.rank() == r ? x : reshape(x, VarChecks.padLeft(x.shape(), r));
    }

    static int axis(String op, Var x, int axis) {
        int r = x.rank();
        if (axis < -r || axis >= r) {
            throw VarChecks.fail(op, "x", x, "axis " + axis + " is outside [" + -r + ", " + r + ")");
        }
        return axis < 0 ? axis + r : axis;
    }
}
