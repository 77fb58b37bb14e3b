package dev.nn4j.tensor;


/**
 * The arithmetic a backend implements. Everything the learning algorithm needs is expressed
 * with these operations; nothing here knows about layers or training.
 *
 * <p><b>Contract.</b> These methods are raw: {@link dev.nn4j.tensor.Ops} has already checked
 * that every operand belongs to this backend, that dtypes agree and that shapes fit, so an
 * implementation may cast to its own tensor type and loop. Every kernel but {@link #fill} and
 * {@link #copy} sees FLOAT32 or FLOAT64 operands only: {@code Ops} refuses integer tensors
 * for the others. All matrices are rank 2, row-major.
 * Element-wise kernels treat tensors of any rank as flat arrays of equal length and allow the
 * output to be one of the inputs (in-place). {@code gemm}'s {@code c} never aliases {@code a}
 * or {@code b}. FLOAT32 kernels may flush subnormal results (below {@link Float#MIN_NORMAL}) to
 * zero, as a CPU's flush-to-zero mode does: Java cannot set that mode, and arithmetic on
 * subnormals costs about a hundred cycles per instruction, so the array backends flush the
 * results of {@code mul} and {@code axpby}, which accumulate in optimizer state.
 * Kernels write only their output. They may keep bounded scratch space between
 * calls (per thread, reused; ND4J does), but nothing that grows with the number of calls.
 */
public interface Kernels {

    /**
     * General matrix product {@code C = alpha * op(A) * op(B) + beta * C}, where
     * {@code op(X)} is {@code X} or its transpose (without materialising it). With
     * {@code beta == 0} the previous content of C is ignored, even NaN.
     */
    void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /** {@code out = a + b}. */
    void add(Tensor a, Tensor b, Tensor out);

    /** {@code out = a - b}. */
    void sub(Tensor a, Tensor b, Tensor out);

    /** {@code out = a ⊙ b} (Hadamard product). */
    void mul(Tensor a, Tensor b, Tensor out);

    /** {@code out = a / b}, element-wise. */
    void div(Tensor a, Tensor b, Tensor out);

    /** {@code out = s * a}. */
    void scale(Tensor a, double s, Tensor out);

    /** {@code out = a + s}. */
    void addScalar(Tensor a, double s, Tensor out);

    /** {@code y = alpha * x + beta * y} (the optimizers' update primitive). */
    void axpby(double alpha, Tensor x, double beta, Tensor y);

    /**
     * One Adam update of one parameter, element by element; all five tensors have one shape and
     * dtype: {@code m ← β1·m + (1 − β1)·g}, {@code v ← β2·v + (1 − β2)·g²}, then
     * {@code w ← w − stepSize · m / (sqrt(vScale · v) + ε)}. {@code scratch} may be overwritten.
     * The default runs seven element-wise kernels; array backends fuse them into one pass.
     */
    default void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize,
                            double vScale, double epsilon, Tensor scratch) {
        axpby(1 - beta1, g, beta1, m);
        mul(g, g, scratch);
        axpby(1 - beta2, scratch, beta2, v);
        double r = Math.sqrt(vScale);
        unary(UnaryOp.SQRT, v, scratch);
        addScalar(scratch, epsilon / r, scratch);    // (sqrt(vScale·v) + ε) / r
        div(m, scratch, scratch);
        axpby(-stepSize / r, scratch, 1, w);
    }

    /** {@code out = op(a)}, element-wise. */
    void unary(UnaryOp op, Tensor a, Tensor out);

    /** {@code out = min(max(a, lo), hi)}, element-wise. */
    void clamp(Tensor a, double lo, double hi, Tensor out);

    /** {@code out = f(x)}; softmax applies per row of a matrix, everything else per element. */
    void activation(Activation f, Tensor x, Tensor out);

    /**
     * The backward pass of an activation: {@code dx = dy ⊙ f'(x)}, given the input
     * {@code x}, the output {@code y = f(x)} and the gradient {@code dy} with respect to
     * {@code y}. For softmax, per row: {@code dx = y ⊙ (dy - sum(dy ⊙ y))}.
     * {@code dx} may alias {@code dy}.
     */
    void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /** Row-wise numerically stable log-softmax: {@code out[i,j] = x[i,j] - max_i - log(sum_j exp(x[i,j] - max_i))}. */
    void logSoftmax(Tensor x, Tensor out);

    /** {@code out = aᵀ}; {@code a} is {@code [m x n]}, {@code out} is {@code [n x m]} and does not alias {@code a}. */
    void transpose(Tensor a, Tensor out);

    /** Column sums: {@code a} is {@code [m x n]}, {@code out} is {@code [1 x n]} (the bias gradient). */
    void sumRows(Tensor a, Tensor out);

    /** {@code out = a + row} for every row; {@code a} and {@code out} are {@code [m x n]}, {@code row} is {@code [1 x n]}. */
    void addRowVector(Tensor a, Tensor row, Tensor out);

    /**
     * The dense layer's bias and activation: {@code z += bias} for every row of {@code z}
     * ({@code [m x n]}, in place; {@code bias} is {@code [1 x n]} and aliases neither tensor),
     * then {@code y = f(z)} as {@link #activation} defines it ({@code y} is {@code [m x n]} and
     * may be {@code z}). The default makes the two calls; backends override it to do both in
     * one pass over each row.
     */
    default void addRowVectorActivation(Tensor z, Tensor bias, Activation f, Tensor y) {
        addRowVector(z, bias, z);
        activation(f, z, y);
    }

    /** For every row of {@code a} ({@code [m x n]}) the column of its largest element (the first on ties) into {@code out[m]}. */
    void argmaxRows(Tensor a, int[] out);

    /** Sum of all elements, accumulated in double. */
    double sum(Tensor a);

    /** Sum of {@code a ⊙ b}, accumulated in double. */
    double dot(Tensor a, Tensor b);

    /**
     * Sets every element to {@code value}; any dtype. FLOAT32 rounds the value to the nearest
     * float, INT32 and INT64 convert it with Java's cast ({@code (int) value}, {@code (long) value}).
     */
    void fill(Tensor t, double value);

    /**
     * Copies {@code src} into {@code dst}: same shape, any two dtypes, {@code src != dst}.
     * Between dtypes each element is converted with Java's cast from the source's Java type to
     * the destination's (e.g. {@code (int) f} truncates toward zero, NaN becomes 0, and values
     * beyond the range saturate), so every backend gives the same result.
     */
    void copy(Tensor src, Tensor dst);

    // ---- images, NCHW: [batch, channels, height, width], row-major ----

    /**
     * Convolution (cross-correlation, as in PyTorch and ONNX) with bias and activation:
     * {@code z[n,f,oy,ox] = bias[f] + Σ_{c,ky,kx} w[f,c,ky,kx] · x[n,c,oy·sh-pt+ky,ox·sw-pl+kx]}
     * (zero outside the input), then {@code y = f(z)}. Shapes: {@code x [N,C,H,W]},
     * {@code w [F,C,kh,kw]}, {@code bias [F]} or {@code null} for none, {@code z} and {@code y}
     * {@code [N,F,Ho,Wo]} as {@code g} says; {@code y} may be {@code z}; {@code f} is element-wise
     * (never softmax). Cost {@code 2·N·F·Ho·Wo·C·kh·kw} flops.
     */
    void conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z, Tensor y);

    /**
     * The convolution's backward pass from {@code dz [N,F,Ho,Wo]} (the gradient with respect to
     * {@code z}): overwrites {@code dw [F,C,kh,kw]} with {@code Σ_n dz ⋆ x}, {@code db [F]} (when
     * not null) with the sums of {@code dz} over N, Ho, Wo, and {@code dx [N,C,H,W]} (when not
     * null) with the transposed convolution of {@code dz} by {@code w}.
     */
    void conv2dBackward(Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw, Tensor db, Tensor dx);

    /**
     * Max pooling: {@code y[n,c,oy,ox]} is the largest {@code x} in the window; padded positions
     * never win. {@code x [N,C,H,W]}, {@code y [N,C,Ho,Wo]}; every window holds at least one input
     * position (the layers keep padding below the window size).
     */
    void maxPool2d(Tensor x, ConvGeometry g, Tensor y);

    /**
     * Max pooling's backward pass: overwrites {@code dx [N,C,H,W]} with {@code dy [N,C,Ho,Wo]}
     * routed to the position of each window's maximum in {@code x} (the first one in row-major
     * window order on ties), summed where windows overlap.
     */
    void maxPool2dBackward(Tensor x, Tensor dy, ConvGeometry g, Tensor dx);

    /**
     * Average pooling: {@code y[n,c,oy,ox]} is the mean of the window's positions that lie
     * inside the input; padded positions are not counted in the divisor (ONNX's default
     * {@code count_include_pad=0}, Keras' {@code same}). {@code x [N,C,H,W]}, {@code y [N,C,Ho,Wo]}.
     */
    void avgPool2d(Tensor x, ConvGeometry g, Tensor y);

    /** Average pooling's backward pass: overwrites {@code dx [N,C,H,W]}, each window sharing its {@code dy} equally among the input positions it counted. */
    void avgPool2dBackward(Tensor dy, ConvGeometry g, Tensor dx);

    // ---- batch normalisation: x of any rank >= 2 is viewed as [N, channels, S], S = the product of the dimensions after the channel one ----

    /**
     * Per-channel mean and biased variance over N and S: {@code mean[c] = Σ x / (N·S)},
     * {@code variance[c] = Σ (x - mean[c])² / (N·S)}; {@code mean} and {@code variance} are {@code [channels]}.
     */
    void channelMeanVariance(Tensor x, int channels, Tensor mean, Tensor variance);

    /**
     * {@code y = gamma[c] · (x - mean[c]) / sqrt(variance[c] + eps) + beta[c]} per channel ({@code y}
     * may be {@code x}); the statistics are the batch's in training and the running ones in inference.
     */
    void batchNorm(Tensor x, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma, Tensor beta, Tensor y);

    /**
     * Batch normalisation's training-mode backward pass, with {@code mean} and {@code variance}
     * the batch statistics the forward pass used. With {@code x̂ = (x - mean)/sqrt(variance + eps)}
     * and {@code M = N·S}: overwrites {@code dbeta[c] = Σ dy}, {@code dgamma[c] = Σ dy·x̂} and
     * {@code dx = gamma/sqrt(variance + eps) · (dy - dbeta/M - x̂·dgamma/M)}. {@code dx} may be {@code dy}.
     */
    void batchNormBackward(Tensor x, Tensor dy, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma,
                           Tensor dx, Tensor dgamma, Tensor dbeta);
}
