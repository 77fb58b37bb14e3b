package dev.nn4j.tensor;

/**
 * Fused kernels: one pass where the {@link Primitives} would take several. Every method has a
 * default that computes the same result from the primitives (within rounding: ≤ 1e-6 relative
 * to the result's magnitude in FLOAT32, ≤ 1e-12 in FLOAT64, checked by the conformance suite's
 * {@code FusionConformance}), so a backend that implements only the primitives is complete and
 * overriding a fused kernel is speed, never meaning. The defaults live in
 * {@link DefaultActivations}, {@link DefaultOptimizers}, {@link DefaultConv},
 * {@link DefaultPooling} and {@link DefaultBatchNorm}; they take their temporaries from the
 * calling thread's bounded {@link KernelScratch}, so they allocate nothing once warm.
 *
 * <p><b>Contract.</b> As {@link Primitives}: {@link Ops} and {@link ImageOps} have checked the
 * operands (one backend, FLOAT32 or FLOAT64, shapes as each method states), so an
 * implementation may cast to its own tensor type and loop. FLOAT32 kernels may flush subnormal
 * results (below {@link Float#MIN_NORMAL}) to zero, as a CPU's flush-to-zero mode does: Java
 * cannot set that mode, and arithmetic on subnormals costs about a hundred cycles per
 * instruction, so the array backends flush the results of {@code MUL} and {@code axpby}, which
 * accumulate in optimizer state. Kernels write only their outputs and keep at most bounded
 * scratch space between calls (per thread, reused), nothing that grows with the number of calls.
 */
public interface Kernels extends Primitives {

    /**
     * {@code y = f(x)}; softmax applies along the last axis of a matrix, everything else per
     * element (any rank). {@code y} has {@code x}'s shape and may be {@code x}.
     */
    default void activation(Activation f, Tensor x, Tensor y) {
        DefaultActivations.activation(this, f, x, y);
    }

    /**
     * The backward pass of an activation: {@code dx = dy ⊙ f'(x)}, given the input {@code x},
     * the output {@code y = f(x)} and the gradient {@code dy} with respect to {@code y}, all of
     * one shape. For softmax (a matrix), per row: {@code dx = y ⊙ (dy − Σ dy ⊙ y)}.
     * {@code dx} may alias {@code dy}.
     */
    default void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        DefaultActivations.activationBackward(this, f, x, y, dy, dx);
    }

    /**
     * Numerically stable softmax along {@code axis} (in {@code [0, rank)}):
     * {@code y = exp(x − max) / Σ exp(x − max)}, or with {@code log}
     * {@code y = x − max − log Σ exp(x − max)} (0.1's row-wise log-softmax is
     * {@code axis = 1} of a matrix). {@code y} has {@code x}'s shape and may be {@code x}.
     */
    default void softmax(Tensor x, int axis, boolean log, Tensor y) {
        DefaultActivations.softmax(this, x, axis, log, y);
    }

    /**
     * The dense layer's bias and activation: {@code z += bias} for every row of {@code z}
     * ({@code [m x n]}, in place; {@code bias} is {@code [1 x n]} and aliases neither tensor),
     * then {@code y = f(z)} as {@link #activation} defines it ({@code y} is {@code [m x n]} and
     * may be {@code z}). One pass over each row instead of two.
     */
    default void biasActivation(Tensor z, Tensor bias, Activation f, Tensor y) {
        DefaultActivations.biasActivation(this, z, bias, f, y);
    }

    /**
     * For every row of {@code a} ({@code [m x n]}) the column of its largest element (the first
     * on ties; a NaN never wins unless it comes first) into {@code out[m]}.
     */
    default void argmaxRows(Tensor a, int[] out) {
        DefaultActivations.argmaxRows(this, a, out);
    }

    /**
     * One Adam update of one parameter, element by element; all five tensors have one shape and
     * dtype: {@code m ← β1·m + (1 − β1)·g}, {@code v ← β2·v + (1 − β2)·g²}, then
     * {@code w ← w − stepSize · m / (sqrt(vScale · v) + ε)}. {@code scratch} may be overwritten.
     */
    default void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize,
                            double vScale, double epsilon, Tensor scratch) {
        DefaultOptimizers.adamUpdate(this, w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, scratch);
    }

    // ---- images, NCHW: [batch, channels, height, width], row-major ----

    /**
     * Convolution (cross-correlation, as in PyTorch and ONNX) with bias and activation:
     * {@code z[n,f,oy,ox] = bias[f] + Σ_{c,ky,kx} w[f,c,ky,kx] · x[n,c,oy·sh-pt+ky,ox·sw-pl+kx]}
     * (zero outside the input), then {@code y = f(z)}. Shapes: {@code x [N,C,H,W]},
     * {@code w [F,C,kh,kw]}, {@code bias [F]} or {@code null} for none, {@code z} and {@code y}
     * {@code [N,F,Ho,Wo]} as {@code g} says; {@code y} may be {@code z}; {@code f} is element-wise
     * (never softmax). Cost {@code 2·N·F·Ho·Wo·C·kh·kw} flops.
     */
    default void conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z, Tensor y) {
        DefaultConv.conv2d(this, x, w, bias, g, f, z, y);
    }

    /**
     * The convolution's backward pass from {@code dz [N,F,Ho,Wo]} (the gradient with respect to
     * {@code z}): overwrites {@code dw [F,C,kh,kw]} with {@code Σ_n dz ⋆ x}, {@code db [F]} (when
     * not null) with the sums of {@code dz} over N, Ho, Wo, and {@code dx [N,C,H,W]} (when not
     * null) with the transposed convolution of {@code dz} by {@code w}.
     */
    default void conv2dBackward(Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw, Tensor db, Tensor dx) {
        DefaultConv.conv2dBackward(this, x, w, dz, g, dw, db, dx);
    }

    /**
     * Max pooling: {@code y[n,c,oy,ox]} is the largest {@code x} in the window; padded positions
     * never win. {@code x [N,C,H,W]}, {@code y [N,C,Ho,Wo]}; every window holds at least one input
     * position (the layers keep padding below the window size).
     */
    default void maxPool2d(Tensor x, ConvGeometry g, Tensor y) {
        DefaultPooling.maxPool2d(this, x, g, y);
    }

    /**
     * Max pooling's backward pass: overwrites {@code dx [N,C,H,W]} with {@code dy [N,C,Ho,Wo]}
     * routed to the position of each window's maximum in {@code x} (the first one in row-major
     * window order on ties), summed where windows overlap.
     */
    default void maxPool2dBackward(Tensor x, Tensor dy, ConvGeometry g, Tensor dx) {
        DefaultPooling.maxPool2dBackward(this, x, dy, g, dx);
    }

    /**
     * Average pooling: {@code y[n,c,oy,ox]} is the mean of the window's positions that lie
     * inside the input; padded positions are not counted in the divisor (ONNX's default
     * {@code count_include_pad=0}, Keras' {@code same}). {@code x [N,C,H,W]}, {@code y [N,C,Ho,Wo]}.
     */
    default void avgPool2d(Tensor x, ConvGeometry g, Tensor y) {
        DefaultPooling.avgPool2d(this, x, g, y);
    }

    /** Average pooling's backward pass: overwrites {@code dx [N,C,H,W]}, each window sharing its {@code dy} equally among the input positions it counted. */
    default void avgPool2dBackward(Tensor dy, ConvGeometry g, Tensor dx) {
        DefaultPooling.avgPool2dBackward(this, dy, g, dx);
    }

    // ---- batch normalisation: x of any rank >= 2 is viewed as [N, channels, S], S = the product of the dimensions after the channel one ----

    /**
     * Per-channel mean and biased variance over N and S: {@code mean[c] = Σ x / (N·S)},
     * {@code variance[c] = Σ (x - mean[c])² / (N·S)}; {@code mean} and {@code variance} are {@code [channels]}.
     */
    default void channelMeanVariance(Tensor x, int channels, Tensor mean, Tensor variance) {
        DefaultBatchNorm.channelMeanVariance(this, x, channels, mean, variance);
    }

    /**
     * {@code y = gamma[c] · (x - mean[c]) / sqrt(variance[c] + eps) + beta[c]} per channel ({@code y}
     * may be {@code x}); the statistics are the batch's in training and the running ones in inference.
     */
    default void batchNorm(Tensor x, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma, Tensor beta,
                           Tensor y) {
        DefaultBatchNorm.batchNorm(this, x, channels, mean, variance, eps, gamma, beta, y);
    }

    /**
     * Batch normalisation's training-mode backward pass, with {@code mean} and {@code variance}
     * the batch statistics the forward pass used. With {@code x̂ = (x - mean)/sqrt(variance + eps)}
     * and {@code M = N·S}: overwrites {@code dbeta[c] = Σ dy}, {@code dgamma[c] = Σ dy·x̂} and
     * {@code dx = gamma/sqrt(variance + eps) · (dy - dbeta/M - x̂·dgamma/M)}. {@code dx} may be {@code dy}.
     */
    default void batchNormBackward(Tensor x, Tensor dy, int channels, Tensor mean, Tensor variance, double eps,
                                   Tensor gamma, Tensor dx, Tensor dgamma, Tensor dbeta) {
        DefaultBatchNorm.batchNormBackward(this, x, dy, channels, mean, variance, eps, gamma, dx, dgamma, dbeta);
    }
}
