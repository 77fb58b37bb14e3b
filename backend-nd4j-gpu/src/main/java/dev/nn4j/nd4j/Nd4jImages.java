package dev.nn4j.nd4j;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;

/**
 * The image and batch-normalisation kernels as libnd4j's own ops, run through the calling
 * thread's op context ({@link Nd4jScratch#custom}): {@code conv2d}/{@code conv2d_bp},
 * {@code maxpool2d}/{@code maxpool2d_bp}, {@code avgpool2d}/{@code avgpool2d_bp},
 * {@code moments}, {@code batchnorm} and {@code batchnorm_bp}, NCHW and FLOAT or DOUBLE.
 *
 * <p><b>Arguments.</b> Weights stay in nn4j's {@code [F, C, kh, kw]} layout: libnd4j's
 * {@code wFormat} argument 1 means exactly that. libnd4j takes one padding per dimension
 * (the same before and after) or its SAME mode, which pads {@code floor(total/2)} before and the
 * rest after, with {@code out = ceil(in/stride)}, as TensorFlow and nn4j's SAME do. A geometry
 * whose padding is symmetric runs as explicit padding, one that is exactly SAME runs in SAME
 * mode, and any other asymmetric padding is not handled here (the methods return false and
 * {@link Nd4jKernels} computes it on the heap). The average's divisor excludes padding
 * ({@code extraParam0 = 0}); the max pool's backward pass routes to the first maximum in
 * row-major window order, as the SPI asks.
 *
 * <p><b>Scratch.</b> What an op needs besides the caller's tensors (a zero bias to obtain the
 * bias gradient, the input gradient the SPI lets the caller skip, the mean and variance
 * gradients of {@code batchnorm_bp}) comes from the thread's {@link Nd4jScratch}, so warm calls
 * allocate no ND4J buffer on the Java side; libnd4j allocates its own temporaries inside an op.
 */
final class Nd4jImages {
    /** libnd4j data format argument: 0 is NCHW. */
    private static final long NCHW = 0;
    /** libnd4j conv2d weight format 1: {@code [outChannels, inChannels, kH, kW]}. */
    private static final long WEIGHTS_OIHW = 1;
    /** libnd4j avgpool2d divisor argument 0: count only the positions inside the input. */
    private static final long EXCLUDE_PADDING = 0;

    private Nd4jImages() {
    }

    /**
     * libnd4j's window arguments {@code kH, kW, sH, sW, pH, pW, dH, dW, sameMode} for {@code g},
     * or null when its padding is neither symmetric in both dimensions nor exactly SAME.
     */
    static long[] window(ConvGeometry g) {
        boolean symmetric = g.padTop() == g.padBottom() && g.padLeft() == g.padRight();
        if (symmetric) {
            return new long[] {g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), g.padTop(), g.padLeft(), 1, 1, 0};
        }
        if (isSame(g.height(), g.kernelH(), g.strideH(), g.padTop(), g.padBottom(), g.outHeight())
                && isSame(g.width(), g.kernelW(), g.strideW(), g.padLeft(), g.padRight(), g.outWidth())) {
            return new long[] {g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), 0, 0, 1, 1, 1};
        }
        return null;
    }

    /** True when one dimension is padded as SAME pads it: {@code out = ceil(in/s)}, {@code floor(total/2)} before, the rest after. */
    static boolean isSame(int in, int k, int s, int before, int after, int out) {
        int total = (out - 1) * s + k - in;
        return out == (in + s - 1) / s && total >= 0 && before == total / 2 && after == total - total / 2;
    }

    private static long[] with(long[] window, long a, long b) {
        long[] args = java.util.Arrays.copyOf(window, window.length + 2);
        args[window.length] = a;
        args[window.length + 1] = b;
        return args;
    }

    /** {@code z = conv(x, w) + bias} with libnd4j's {@code conv2d}, then {@code y = f(z)}; false when {@code g} needs the heap path. */
    static boolean conv2d(Nd4jScratch s, INDArray x, INDArray w, INDArray bias, ConvGeometry g, Activation f,
                          INDArray z, INDArray y) {
        long[] window = window(g);
        if (window == null) {
            return false;
        }
        INDArray[] in = bias == null ? new INDArray[] {x, w} : new INDArray[] {x, w, bias};
        s.custom(s.op("conv2d"), in, z, with(window, NCHW, WEIGHTS_OIHW));
        if (f != Activation.IDENTITY || y != z) {
            Nd4jActivations.forward(s, f, z, y);
        }
        return true;
    }

    /**
     * {@code dw}, {@code db} (if not null) and {@code dx} (if not null) by im2col and ND4J's gemm:
     * libnd4j's {@code im2col} (symmetric padding only: in SAME mode its columns did not match
     * {@code conv2d}'s, so asymmetric SAME goes to the heap) gathers the patches into a scratch {@code [N, C, kh, kw, Ho, Wo]}, then per image {@code dW += dz_n · cols_nᵀ}, {@code dcols_n = Wᵀ · dz_n} into the
     * same scratch, and {@code col2im} adds the columns back into {@code dx}; {@code db} is
     * a sum over N, Ho, Wo. False when {@code g} needs the heap path. Measured about 30x faster than libnd4j's
     * {@code conv2d_bp} at the Fashion CNN's second layer (see the module README).
     */
    static boolean conv2dBackward(Nd4jScratch s, INDArray x, INDArray w, INDArray dz, ConvGeometry g, INDArray dw,
                                  INDArray db, INDArray dx) {
        long[] window = window(g);
        if (window == null || window[8] != 0) {
            return false;         // libnd4j's im2col in SAME mode placed the padding differently (dw off)
        }
        int n = g.batch();
        long filters = w.size(0);
        long patch = g.patchSize();
        long pixels = g.outPixels();
        INDArray cols = s.array("conv2d cols", x.dataType(), n, g.channels(), g.kernelH(), g.kernelW(),
                g.outHeight(), g.outWidth());
        s.custom(s.op("im2col"), new INDArray[] {x}, cols, window, 0.0);
        INDArray cols3 = cols.reshape('c', n, patch, pixels);
        INDArray dz3 = dz.reshape('c', n, filters, pixels);
        INDArray dw2 = dw.reshape('c', filters, patch);
        for (int i = 0; i < n; i++) {
            s.gemm(false, true, 1.0, dz3.slice(i), cols3.slice(i), i == 0 ? 0.0 : 1.0, dw2);
        }
        if (db != null) {
            s.reduce((p, q, z) -> new Sum(p, z, 0, 2, 3), "sum over N, H, W", dz, null, db);
        }
        if (dx != null) {
            INDArray w2 = w.reshape('c', filters, patch);
            for (int i = 0; i < n; i++) {
                s.gemm(true, false, 1.0, w2, dz3.slice(i), 0.0, cols3.slice(i));
            }
            s.custom(s.op("col2im"), new INDArray[] {cols}, dx, new long[] {g.strideH(), g.strideW(), g.padTop(),
                g.padLeft(), g.height(), g.width(), 1, 1, 0});
        }
        return true;
    }

    static boolean maxPool2d(Nd4jScratch s, INDArray x, ConvGeometry g, INDArray y) {
        long[] window = window(g);
        if (window == null) {
            return false;
        }
        s.custom(s.op("maxpool2d"), new INDArray[] {x}, y, with(window, 0, NCHW));
        return true;
    }

    static boolean maxPool2dBackward(Nd4jScratch s, INDArray x, INDArray dy, ConvGeometry g, INDArray dx) {
        long[] window = window(g);
        if (window == null) {
            return false;
        }
        s.custom(s.op("maxpool2d_bp"), new INDArray[] {x, dy}, dx, with(window, 0, NCHW));
        return true;
    }

    static boolean avgPool2d(Nd4jScratch s, INDArray x, ConvGeometry g, INDArray y) {
        long[] window = window(g);
        if (window == null) {
            return false;
        }
        s.custom(s.op("avgpool2d"), new INDArray[] {x}, y, with(window, EXCLUDE_PADDING, NCHW));
        return true;
    }

    /** libnd4j's {@code avgpool2d_bp} reads only the shape of its input: a scratch array of the input's shape stands in. */
    static boolean avgPool2dBackward(Nd4jScratch s, INDArray dy, ConvGeometry g, INDArray dx) {
        long[] window = window(g);
        if (window == null) {
            return false;
        }
        INDArray shapeOfX = s.like("avgpool2d x", dx);
        s.custom(s.op("avgpool2d_bp"), new INDArray[] {shapeOfX, dy}, dx, with(window, EXCLUDE_PADDING, NCHW));
        return true;
    }

    /** The dimensions batch normalisation reduces over: all but the channel dimension 1. */
    private static long[] reducedDims(INDArray x) {
        long[] dims = new long[x.rank() - 1];
        dims[0] = 0;
        for (int d = 2; d < x.rank(); d++) {
            dims[d - 1] = d;
        }
        return dims;
    }

    /** libnd4j's {@code moments}: mean and biased variance over every dimension but 1. */
    static void channelMeanVariance(Nd4jScratch s, INDArray x, INDArray mean, INDArray variance) {
        s.custom(s.op("moments"), new INDArray[] {x}, new INDArray[] {mean, variance}, reducedDims(x));
    }

    /** libnd4j's {@code batchnorm} with gamma and beta over axis 1 ({@code y} may be {@code x}). */
    static void batchNorm(Nd4jScratch s, INDArray x, INDArray mean, INDArray variance, double eps, INDArray gamma,
                          INDArray beta, INDArray y) {
        s.custom(s.op("batchnorm"), new INDArray[] {x, mean, variance, gamma, beta}, y, new long[] {1, 1, 1}, eps);
    }

    /**
     * libnd4j's {@code batchnorm_bp}, which differentiates through the batch statistics (the
     * training-mode gradient). Its mean and variance gradients go to scratch, as does the input
     * gradient when {@code dx} is {@code dy}; beta's value is not used, so a zero stands in.
     */
    static void batchNormBackward(Nd4jScratch s, INDArray x, INDArray dy, INDArray mean, INDArray variance,
                                  double eps, INDArray gamma, INDArray dx, INDArray dgamma, INDArray dbeta) {
        DataType type = x.dataType();
        long c = gamma.length();
        INDArray gradI = dx == dy ? s.like("batchnorm dx", dx) : dx;
        INDArray gradMean = s.array("batchnorm dmean", type, c);
        INDArray gradVariance = s.array("batchnorm dvariance", type, c);
        INDArray beta = s.constant("batchnorm zero beta", 0.0, type, c);
        s.custom(s.op("batchnorm_bp"), new INDArray[] {x, mean, variance, gamma, beta, dy},
                new INDArray[] {gradI, gradMean, gradVariance, dgamma, dbeta}, new long[] {1, 1, 1}, eps);
        if (gradI != dx) {
            dx.assign(gradI);
        }
    }
}
