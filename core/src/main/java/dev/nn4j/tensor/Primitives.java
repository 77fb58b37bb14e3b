package dev.nn4j.tensor;

/**
 * What every backend implements: element-wise arithmetic with broadcasting, reductions along
 * any axes, movement (permute, regions, gather, scatter), casts and batched products. Every
 * model nn4j trains can be computed from these; the fused {@link Kernels} only make it faster.
 *
 * <p><b>Contract.</b> The methods are raw: {@link Ops} has checked that every operand belongs
 * to this backend and that ranks, shapes, dtypes, regions and permutations fit as each method
 * states; an implementation may cast to its own tensor type and loop. Only the values of
 * {@link #gather}'s and {@link #scatterAdd}'s indices are the kernel's to check.
 * Tensors are row-major and dense. Unless a method says otherwise, an output may be one of the
 * inputs only when it has that input's shape (element-wise, in place), and writes nothing but
 * the output. Implementations allocate nothing that grows with the number of calls (bounded
 * per-thread scratch is fine). FLOAT32 results may flush subnormals to zero in {@link #axpby},
 * {@link Binary#MUL} and {@link Unary#SQUARE}, as 0.1's kernels do (see {@link Kernels}).
 *
 * <p><b>Dtypes.</b> What each method takes is stated on it and on {@link Unary}, {@link Binary}
 * and {@link Reduce}: arithmetic is FLOAT32 or FLOAT64 except where INT32 and INT64 are
 * named; movement ({@link #permute}, {@link #copyRegion}, {@link #gather},
 * {@link #scatterAdd}), {@link #select}, {@link #copy} and {@link #fill} take every dtype.
 *
 * <p><b>Broadcasting.</b> Operands of the element-wise methods have the output's rank and each
 * dimension equal to the output's or 1 (a size-1 dimension is repeated). {@code Ops} aligns
 * lower ranks on the right (NumPy's rule) before calling.
 */
public interface Primitives {

    // ---- element-wise ----

    /** {@code out = f(a)}; {@code a} broadcasts to {@code out}; same dtype. */
    void unary(Unary f, Tensor a, Tensor out);

    /** {@code out = f(a, b)}; {@code a} and {@code b} broadcast to {@code out}; one dtype for all three. */
    void binary(Binary f, Tensor a, Tensor b, Tensor out);

    /**
     * {@code out = scale·a + shift}; {@code a} has {@code out}'s shape and a floating dtype.
     * FLOAT32 rounds {@code scale} and {@code shift} to float first.
     */
    void affine(Tensor a, double scale, double shift, Tensor out);

    /** {@code y = alpha·x + beta·y}; one shape, one floating dtype (the optimizers' update). */
    void axpby(double alpha, Tensor x, double beta, Tensor y);

    /** {@code out = min(max(a, lo), hi)} (NaN stays NaN); {@code a} has {@code out}'s shape and a floating dtype. */
    void clamp(Tensor a, double lo, double hi, Tensor out);

    /**
     * {@code out = condition != 0 ? a : b}; the three broadcast to {@code out}; {@code a},
     * {@code b} and {@code out} share a dtype, {@code condition} may have any dtype.
     */
    void select(Tensor condition, Tensor a, Tensor b, Tensor out);

    // ---- reductions ----

    /**
     * Reduces {@code a} along every axis where {@code out} has size 1 and {@code a} does not
     * (equal ranks; every other dimension equal). {@link Reduce#SUM}, {@link Reduce#MAX} and
     * {@link Reduce#MIN} write {@code a}'s dtype; {@link Reduce#ARGMAX} and {@link Reduce#ARGMIN}
     * reduce at most one axis (none: every position is 0) into an INT32 or INT64 {@code out}.
     * {@code a} is FLOAT32 or FLOAT64.
     */
    void reduce(Reduce f, Tensor a, Tensor out);

    /** Sum of all elements (FLOAT32 or FLOAT64), accumulated in double. */
    double sum(Tensor a);

    /** Sum of {@code a ⊙ b} (one shape, one floating dtype), accumulated in double. */
    double dot(Tensor a, Tensor b);

    // ---- movement ----

    /** {@code out[i0..ir] = a[...]} with {@code out.dim(i) == a.dim(perm[i])}; {@code out} does not alias {@code a}. */
    void permute(Tensor a, int[] perm, Tensor out);

    /**
     * Copies a strided box: for every index {@code i} below {@code extent} (per axis),
     * {@code dst[dstStart + i] = src[srcStart + i·srcStep]}. Equal ranks and dtypes; steps are
     * non-zero and may be negative; every position read or written lies inside its tensor.
     * {@code dst} does not alias {@code src}; the rest of {@code dst} is untouched.
     */
    void copyRegion(Tensor src, int[] srcStart, int[] srcStep, Tensor dst, int[] dstStart, int[] extent);

    /**
     * ONNX's Gather: {@code out} has shape {@code data.shape[:axis] + indices.shape +
     * data.shape[axis+1:]} and {@code out[p, j, q] = data[p, indices[j], q]}. {@code indices} is
     * INT32 or INT64 of any rank; {@code out} has {@code data}'s dtype and aliases neither.
     * Every index must lie in {@code [0, data.dim(axis))}: {@code Ops} cannot check values
     * without reading them, so the kernel checks each index as it reads it (one comparison) and
     * throws an {@link OpException} naming the bad value, its position in {@code indices} and
     * the valid range; never an {@code ArrayIndexOutOfBoundsException}, never a silent read.
     * The array backends check every index before writing, so {@code out} is then untouched.
     */
    void gather(Tensor data, int axis, Tensor indices, Tensor out);

    /**
     * Gather's adjoint: {@code out[p, indices[j], q] += updates[p, j, q]} for every position,
     * summing where indices repeat; shapes as {@link #gather} with {@code out} in the place of
     * {@code data} and {@code updates} in the place of its output. Adds to what {@code out} holds;
     * {@code out} aliases neither operand. An index outside {@code [0, out.dim(axis))} throws
     * an {@link OpException} as in {@link #gather}, before anything is added.
     */
    void scatterAdd(Tensor updates, int axis, Tensor indices, Tensor out);

    /**
     * {@code dst = src} for one shape and any two dtypes, {@code src != dst}. Between dtypes each
     * element is converted with Java's cast from the source's Java type to the destination's
     * ({@code (int) f} truncates toward zero, NaN becomes 0, values beyond the range saturate,
     * INT64 to INT32 keeps the low 32 bits), so every backend gives the same result.
     */
    void copy(Tensor src, Tensor dst);

    /**
     * Sets every element to {@code value}; any dtype. FLOAT32 rounds the value to the nearest
     * float, INT32 and INT64 convert it with Java's cast ({@code (int) value}, {@code (long) value}).
     */
    void fill(Tensor t, double value);

    // ---- products ----

    /**
     * {@code c = alpha·op(a)·op(b) + beta·c} over the last two dimensions, {@code op} transposing
     * when its flag is set, without materialising the transpose. Ranks are equal and at least 2;
     * the leading dimensions are a batch, {@code a}'s and {@code b}'s each equal to {@code c}'s or 1
     * (broadcast). With {@code beta == 0} C's previous content is ignored, even NaN. {@code c}
     * aliases neither operand. Floating dtypes. Cost {@code 2·batch·m·n·k} flops.
     */
    void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);
}
