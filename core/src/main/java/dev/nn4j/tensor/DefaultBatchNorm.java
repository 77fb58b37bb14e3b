package dev.nn4j.tensor;

/**
 * The defaults of {@link Kernels#channelMeanVariance}, {@link Kernels#batchNorm} and
 * {@link Kernels#batchNormBackward}, written with {@link Primitives} only: {@code x} of rank
 * {@code r >= 2} is viewed as {@code [N, C, S]} ({@code S} the product of the dimensions after
 * the channel one) and the per-channel values {@code [C]} as {@code [1, C, 1]}, so that the
 * statistics are reductions over axes 0 and 2 and the normalisation is broadcast arithmetic.
 * The variance is the two-pass one (the sum of squared deviations from the mean). Temporaries
 * come from {@link KernelScratch}; each call makes a few passes over {@code x} where the fused
 * kernel makes one or two.
 */
public final class DefaultBatchNorm {
    private static final Object MEAN = "batchNorm mean";
    private static final Object VARIANCE = "batchNorm variance";
    private static final Object DEVIATION = "batchNorm deviation";
    private static final Object SCALE = "batchNorm scale";
    private static final Object Y = "batchNorm y";
    private static final Object XHAT = "batchNorm xhat";
    private static final Object PRODUCT = "batchNorm dy xhat";
    private static final Object DGAMMA = "batchNorm dgamma";
    private static final Object DBETA = "batchNorm dbeta";
    private static final Object MEAN_DY = "batchNorm mean dy";
    private static final Object MEAN_PRODUCT = "batchNorm mean dy xhat";
    private static final Object DX = "batchNorm dx";

    private DefaultBatchNorm() {
    }

    /** {@code S}: the product of {@code x}'s dimensions after the channel one (1 for a matrix). */
    private static int spatial(Tensor x, int channels) {
        return x.size() / (x.shape().dim(0) * channels);
    }

    /** Per channel over N and S: {@code mean[c] = Σ x / M}, {@code variance[c] = Σ (x − mean[c])² / M}, {@code M = N·S}. */
    public static void channelMeanVariance(Primitives p, Tensor x, int channels, Tensor mean, Tensor variance) {
        KernelScratch s = KernelScratch.current();
        int n = x.shape().dim(0);
        int sp = spatial(x, channels);
        double inverseCount = 1.0 / ((double) n * sp);
        Tensor x3 = s.dims(n, channels, sp).read(x);
        Tensor mean3 = s.dims(1, channels, 1).write(MEAN, mean);
        p.reduce(Reduce.SUM, x3, mean3);
        p.affine(mean3, inverseCount, 0, mean3);
        Tensor deviation = s.like(DEVIATION, x3);
        p.binary(Binary.SUB, x3, mean3, deviation);
        p.unary(Unary.SQUARE, deviation, deviation);
        Tensor variance3 = s.dims(1, channels, 1).write(VARIANCE, variance);
        p.reduce(Reduce.SUM, deviation, variance3);
        p.affine(variance3, inverseCount, 0, variance3);
        s.commit(p, mean3, mean);
        s.commit(p, variance3, variance);
    }

    /** {@code y = (x − mean[c]) · gamma[c] / sqrt(variance[c] + eps) + beta[c]}; {@code y} may be {@code x}. */
    public static void batchNorm(Primitives p, Tensor x, int channels, Tensor mean, Tensor variance, double eps,
                                 Tensor gamma, Tensor beta, Tensor y) {
        KernelScratch s = KernelScratch.current();
        int n = x.shape().dim(0);
        int sp = spatial(x, channels);
        Tensor scale = inverseDeviation(p, s, x, channels, variance, eps);
        p.binary(Binary.MUL, scale, s.dims(1, channels, 1).read(gamma), scale);
        Tensor x3 = s.dims(n, channels, sp).read(x);
        Tensor y3 = s.dims(n, channels, sp).write(Y, y);
        p.binary(Binary.SUB, x3, s.dims(1, channels, 1).read(mean), y3);
        p.binary(Binary.MUL, y3, scale, y3);
        p.binary(Binary.ADD, y3, s.dims(1, channels, 1).read(beta), y3);
        s.commit(p, y3, y);
    }

    /** {@code 1 / sqrt(variance + eps)} as a {@code [1, C, 1]} temporary. */
    private static Tensor inverseDeviation(Primitives p, KernelScratch s, Tensor x, int channels, Tensor variance,
                                           double eps) {
        Tensor variance3 = s.dims(1, channels, 1).read(variance);
        Tensor scale = s.dims(1, channels, 1).tensor(SCALE, null, x.backend(), x.dtype());
        p.affine(variance3, 1, eps, scale);
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
        int n = x.shape().dim(0);
        int sp = spatial(x, channels);
        double inverseCount = 1.0 / ((double) n * sp);
        Tensor inverse = inverseDeviation(p, s, x, channels, variance, eps);
        Tensor x3 = s.dims(n, channels, sp).read(x);
        Tensor dy3 = s.dims(n, channels, sp).read(dy);
        Tensor xhat = s.like(XHAT, x3);
        p.binary(Binary.SUB, x3, s.dims(1, channels, 1).read(mean), xhat);
        p.binary(Binary.MUL, xhat, inverse, xhat);
        Tensor product = s.like(PRODUCT, x3);
        p.binary(Binary.MUL, dy3, xhat, product);
        Tensor dbeta3 = s.dims(1, channels, 1).write(DBETA, dbeta);
        p.reduce(Reduce.SUM, dy3, dbeta3);
        Tensor dgamma3 = s.dims(1, channels, 1).write(DGAMMA, dgamma);
        p.reduce(Reduce.SUM, product, dgamma3);
        Tensor meanDy = s.dims(1, channels, 1).tensor(MEAN_DY, null, x.backend(), x.dtype());
        p.affine(dbeta3, inverseCount, 0, meanDy);
        Tensor meanProduct = s.dims(1, channels, 1).tensor(MEAN_PRODUCT, null, x.backend(), x.dtype());
        p.affine(dgamma3, inverseCount, 0, meanProduct);
        p.binary(Binary.MUL, xhat, meanProduct, product);              // x̂·dgamma/M
        Tensor dx3 = s.dims(n, channels, sp).write(DX, dx);
        p.binary(Binary.SUB, dy3, meanDy, dx3);
        p.binary(Binary.SUB, dx3, product, dx3);
        p.binary(Binary.MUL, inverse, s.dims(1, channels, 1).read(gamma), inverse);
        p.binary(Binary.MUL, dx3, inverse, dx3);
        s.commit(p, dx3, dx);
        s.commit(p, dgamma3, dgamma);
        s.commit(p, dbeta3, dbeta);
    }
}
