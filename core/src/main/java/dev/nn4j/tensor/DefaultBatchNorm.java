package dev.nn4j.tensor;

/**
 * The defaults of {@link Kernels#channelMeanVariance}, {@link Kernels#batchNorm} and
 * {@link Kernels#batchNormBackward}, written with {@link Primitives} only. {@code x} of rank
 * {@code r >= 2} is {@code [N, C, S...]}: the statistics are reductions over every axis but 1
 * (the {@code [N, C, S]} view's axes 0 and 2, without making the view, so a caller that passes a
 * new tensor every call costs nothing), and the per-channel values {@code [C]} are viewed as
 * {@code [1, C, 1, ...]} of rank {@code r} for broadcast arithmetic. The variance is the
 * two-pass one (the sum of squared deviations from the mean). Temporaries come from
 * {@link KernelScratch}; each call makes a few passes over {@code x} where the fused kernel
 * makes one or two.
 */
public final class DefaultBatchNorm {
    private static final Object MEAN = "batchNorm mean";
    private static final Object VARIANCE = "batchNorm variance";
    private static final Object DEVIATION = "batchNorm deviation";
    private static final Object SCALE = "batchNorm scale";
    private static final Object XHAT = "batchNorm xhat";
    private static final Object PRODUCT = "batchNorm dy xhat";
    private static final Object DGAMMA = "batchNorm dgamma";
    private static final Object DBETA = "batchNorm dbeta";
    private static final Object MEAN_DY = "batchNorm mean dy";
    private static final Object MEAN_PRODUCT = "batchNorm mean dy xhat";

    /** {@link KernelScratch#dimsOf} mask: every dimension but the channel one (1) becomes 1. */
    private static final int ALL_BUT_CHANNELS = ~(1 << 1);

    private DefaultBatchNorm() {
    }

    /** {@code 1 / M}, {@code M = N·S}: the elements of one channel. */
    private static double inverseCount(Tensor x, int channels) {
        return (double) channels / x.size();
    }

    /** Per channel over N and S: {@code mean[c] = Σ x / M}, {@code variance[c] = Σ (x − mean[c])² / M}, {@code M = N·S}. */
    public static void channelMeanVariance(Primitives p, Tensor x, int channels, Tensor mean, Tensor variance) {
        KernelScratch s = KernelScratch.current();
        double inverseCount = inverseCount(x, channels);
        Tensor meanC = s.dimsOf(x, ALL_BUT_CHANNELS).write(MEAN, mean);
        p.reduce(Reduce.SUM, x, meanC);
        p.affine(meanC, inverseCount, 0, meanC);
        Tensor deviation = s.like(DEVIATION, x);
        p.binary(Binary.SUB, x, meanC, deviation);
        p.unary(Unary.SQUARE, deviation, deviation);
        Tensor varianceC = s.dimsOf(x, ALL_BUT_CHANNELS).write(VARIANCE, variance);
        p.reduce(Reduce.SUM, deviation, varianceC);
        p.affine(varianceC, inverseCount, 0, varianceC);
        s.commit(p, meanC, mean);
        s.commit(p, varianceC, variance);
    }

    /** {@code y = (x − mean[c]) · gamma[c] / sqrt(variance[c] + eps) + beta[c]}; {@code y} may be {@code x}. */
    public static void batchNorm(Primitives p, Tensor x, int channels, Tensor mean, Tensor variance, double eps,
                                 Tensor gamma, Tensor beta, Tensor y) {
        KernelScratch s = KernelScratch.current();
        Tensor scale = inverseDeviation(p, s, x, variance, eps);
        p.binary(Binary.MUL, scale, s.dimsOf(x, ALL_BUT_CHANNELS).read(gamma), scale);
        p.binary(Binary.SUB, x, s.dimsOf(x, ALL_BUT_CHANNELS).read(mean), y);
        p.binary(Binary.MUL, y, scale, y);
        p.binary(Binary.ADD, y, s.dimsOf(x, ALL_BUT_CHANNELS).read(beta), y);
    }

    /** {@code 1 / sqrt(variance + eps)} as a {@code [1, C, 1, ...]} temporary. */
    private static Tensor inverseDeviation(Primitives p, KernelScratch s, Tensor x, Tensor variance, double eps) {
        Tensor varianceC = s.dimsOf(x, ALL_BUT_CHANNELS).read(variance);
        Tensor scale = s.dimsOf(x, ALL_BUT_CHANNELS).tensor(SCALE, null, x.backend(), x.dtype());
        p.affine(varianceC, 1, eps, scale);
        p.unary(Unary.RSQRT, scale, scale);
        return scale;
    }

    /**
     * The training-mode backward pass: with {@code x̂ = (x − mean)/sqrt(variance + eps)} and
     * {@code M = N·S}, overwrites {@code dbeta = Σ dy}, {@code dgamma = Σ dy·x̂} and
     * {@code dx = gamma/sqrt(variance + eps) · (dy − dbeta/M − x̂·dgamma/M)}; {@code dx} may be {@code dy}.
     */
    public static void batchNormBackward(Primitives p, Tensor x, Tensor dy, int channels, Tensor mean,
                                         Tensor variance, double eps, Tensor gamma, Tensor dx, Tensor dgamma,
                                         Tensor dbeta) {
        KernelScratch s = KernelScratch.current();
        double inverseCount = inverseCount(x, channels);
        Tensor inverse = inverseDeviation(p, s, x, variance, eps);
        Tensor xhat = s.like(XHAT, x);
        p.binary(Binary.SUB, x, s.dimsOf(x, ALL_BUT_CHANNELS).read(mean), xhat);
        p.binary(Binary.MUL, xhat, inverse, xhat);
        Tensor product = s.like(PRODUCT, x);
        p.binary(Binary.MUL, dy, xhat, product);
        Tensor dbetaC = s.dimsOf(x, ALL_BUT_CHANNELS).write(DBETA, dbeta);
        p.reduce(Reduce.SUM, dy, dbetaC);
        Tensor dgammaC = s.dimsOf(x, ALL_BUT_CHANNELS).write(DGAMMA, dgamma);
        p.reduce(Reduce.SUM, product, dgammaC);
        Tensor meanDy = s.dimsOf(x, ALL_BUT_CHANNELS).tensor(MEAN_DY, null, x.backend(), x.dtype());
        p.affine(dbetaC, inverseCount, 0, meanDy);
        Tensor meanProduct = s.dimsOf(x, ALL_BUT_CHANNELS).tensor(MEAN_PRODUCT, null, x.backend(), x.dtype());
        p.affine(dgammaC, inverseCount, 0, meanProduct);
        p.binary(Binary.MUL, xhat, meanProduct, product);              // x̂·dgamma/M
        p.binary(Binary.SUB, dy, meanDy, dx);                          // dy is read for the last time here
        p.binary(Binary.SUB, dx, product, dx);
        p.binary(Binary.MUL, inverse, s.dimsOf(x, ALL_BUT_CHANNELS).read(gamma), inverse);
        p.binary(Binary.MUL, dx, inverse, dx);
        s.commit(p, dgammaC, dgamma);
        s.commit(p, dbetaC, dbeta);
    }
}
