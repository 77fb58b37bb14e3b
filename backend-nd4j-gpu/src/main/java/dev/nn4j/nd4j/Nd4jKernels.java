package dev.nn4j.nd4j;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused {@link Kernels} of the ND4J backend, on top of its {@link Nd4jPrimitives}: each one
 * pass, or a few native ops in one call, where the primitives would make several native calls
 * of 2-40 µs fixed cost each. Like the primitives, a kernel whose work is below
 * {@link Nd4jBackend#hostBelow()} runs core's {@code ArrayKernels} on the heap mirrors.
 *
 * <p><b>Native path.</b> Activations and their derivatives, softmax along any axis and the
 * dense layer's bias with activation are ND4J ops composed in {@link Nd4jActivations}; the
 * images and batch normalisation are libnd4j's own ops ({@link Nd4jImages}), with the heap path
 * {@link Nd4jHostImages} for paddings libnd4j cannot express; {@code argmaxRows} is libnd4j's
 * {@code argmax}; Adam is the seven element-wise ops of its definition.
 *
 * <p><b>Work</b> is counted in multiply-adds: {@code N·F·Ho·Wo·C·kh·kw} for a convolution, and
 * for the other kernels the elements of the largest operand times the heap cost per element of
 * the function ({@link #cost}): 1 for arithmetic and ReLU, more for functions that call
 * {@code Math.exp} or {@code Math.tanh} per element, whose Java loops are 10-60x slower per
 * element than ND4J's vectorised ones.
 *
 * <p><b>No allocation in steady state.</b> What ND4J would allocate per call is reused from
 * the calling thread's {@link Nd4jScratch}: scratch arrays (row maxima and sums for softmax,
 * derivative buffers, the ones used to sum FLOAT32 data in double, the index array of
 * {@link #argmaxRows}), the op contexts of custom ops, scalar and reduction op objects. A new
 * shape costs one allocation the first time it is seen, as does a tensor's heap mirror the
 * first time a heap kernel uses it.
 *
 * <p><b>Threads.</b> One instance serves every thread; each thread has its own scratch
 * ({@link ThreadLocal}), so concurrent calls on distinct tensors are safe. A model is trained
 * from one thread at a time. Scratch memory is bounded per thread
 * ({@value Nd4jScratch#MAX_ARRAYS} arrays) and freed by {@link #releaseScratch()} or, after
 * the thread ends, by the garbage collector.
 */
final class Nd4jKernels extends Nd4jPrimitives implements Kernels {

    /** Kernels that run on the heap when their work is below {@code hostBelow} (0: never). */
    Nd4jKernels(long hostBelow) {
        super(hostBelow);
    }

    /**
     * Heap cost per element of {@code f} (its derivative when {@code backward}) in multiply-adds,
     * set so that the crossover against ND4J falls at {@link Nd4jBackend#hostBelow()} elements
     * divided by it (measured with {@code Nd4jHostThresholdMeasurement}, AMD EPYC Zen 3): sigmoid,
     * ELU and GELU forward cross over at ~256-512 elements (32), tanh at ~64 (256), GELU's
     * derivative at ~2k (8), softmax and log-softmax at ~4-8k (2); ReLU, leaky ReLU and the
     * derivatives that reuse {@code y} stay faster on the heap to beyond 16k (1).
     */
    static int cost(Activation f, boolean backward) {
        return switch (f.kind()) {
            case IDENTITY, RELU, LEAKY_RELU -> 1;
            case SIGMOID -> backward ? 1 : 32;
            case TANH -> backward ? 1 : 256;
            case ELU -> 32;
            case GELU -> backward ? 8 : 32;
            case SOFTMAX -> 2;
        };
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        if (onHost((long) x.size() * cost(f, false))) {
            HOST.activation(f, h(x), hw(y));
            return;
        }
        Nd4jActivations.forward(scratch(), f, in(x), out(y));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        if (onHost((long) x.size() * cost(f, true))) {
            HOST.activationBackward(f, h(x), h(y), h(dy), hw(dx));
            return;
        }
        Nd4jActivations.backward(scratch(), f, in(x), in(y), in(dy), out(dx));
    }

    /** Natively: the last axis as rows (0.1's log-softmax), another axis with reductions along it. */
    @Override
    public void softmax(Tensor x, int axis, boolean log, Tensor y) {
        if (onHost((long) x.size() * cost(Activation.SOFTMAX, false))) {
            HOST.softmax(h(x), axis, log, hw(y));
            return;
        }
        Nd4jActivations.softmax(scratch(), in(x), axis, log, out(y));
    }

    /**
     * On the heap: core's one pass per row. Otherwise the two calls, each taking its own path:
     * the add weighs its elements 1 and the activation by its cost, so a sigmoid layer of 1,000
     * elements adds on the heap and applies the sigmoid natively, as nn4j 0.1 did.
     */
    @Override
    public void biasActivation(Tensor z, Tensor bias, Activation f, Tensor y) {
        if (onHost((long) z.size() * cost(f, false))) {
            HOST.biasActivation(hw(z), h(bias), f, hw(y));
            return;
        }
        binary(Binary.ADD, z, bias, z);
        activation(f, z, y);
    }

    @Override
    public void argmaxRows(Tensor a, int[] out) {
        if (onHost(a.size())) {
            HOST.argmaxRows(h(a), out);
            return;
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        INDArray idx = s.array("argmax", DataType.LONG, x.rows());
        s.custom(new ArgMax(), new INDArray[] {x}, idx, new long[] {1});
        long[] v = idx.toLongVector();
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) v[i];
        }
    }

    /**
     * On the heap: core's fused one-pass loop. Natively: seven element-wise ops,
     * {@code m = β1·m + (1−β1)·g}, {@code s = g²}, {@code v = β2·v + (1−β2)·s},
     * {@code s = sqrt(v) + ε/r}, {@code s = m / s}, {@code w += −stepSize/r · s} with {@code r = sqrt(vScale)}.
     */
    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize,
                           double vScale, double epsilon, Tensor scratch) {
        if (onHost(w.size())) {
            HOST.adamUpdate(hw(w), h(g), hw(m), hw(v), beta1, beta2, stepSize, vScale, epsilon, hw(scratch));
            return;
        }
        Nd4jScratch s = scratch();
        INDArray ga = in(g);
        INDArray ma = out(m);
        INDArray va = out(v);
        INDArray ta = out(scratch);
        INDArray wa = out(w);
        axpbyNative(s, 1 - beta1, ga, beta1, ma);
        s.mul(ga, ga, ta);
        axpbyNative(s, 1 - beta2, ta, beta2, va);
        double r = Math.sqrt(vScale);
        Nd4j.exec(new Sqrt(va, ta));
        s.plus(ta, epsilon / r, ta);           // (sqrt(vScale·v) + ε) / r
        s.div(ma, ta, ta);
        axpbyNative(s, -stepSize / r, ta, 1, wa);
    }

    /** {@code y = alpha·x + beta·y} on native arrays ({@code x} is not {@code y}), as {@link #axpby} does it. */
    private static void axpbyNative(Nd4jScratch s, double alpha, INDArray x, double beta, INDArray y) {
        if (beta != 1.0) {
            s.times(y, beta, y);
        }
        s.axpy(alpha, x, y);
    }

    // ---- images and batch normalisation: libnd4j's ops (Nd4jImages), the heap for small ones and for paddings
    // libnd4j cannot express (Nd4jHostImages) ----

    private static INDArray inOrNull(Tensor t) {
        return t == null ? null : in(t);
    }

    private static INDArray outOrNull(Tensor t) {
        return t == null ? null : out(t);
    }

    /** Multiply-adds of a convolution over {@code g} with {@code filters} filters. */
    private static long convWork(ConvGeometry g, Tensor w) {
        return (long) g.batch() * g.outPixels() * g.patchSize() * w.shape().dim(0);
    }

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z, Tensor y) {
        if (onHost(Math.max(convWork(g, w), x.size()))) {
            HOST.conv2d(h(x), h(w), h(bias), g, f, hw(z), hw(y));
            return;
        }
        if (!Nd4jImages.conv2d(scratch(), in(x), in(w), inOrNull(bias), g, f, out(z), out(y))) {
            Nd4jHostImages.conv2d(x, w, bias, g, f, z, y);
        }
    }

    @Override
    public void conv2dBackward(Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw, Tensor db, Tensor dx) {
        if (onHost(Math.max(convWork(g, w), x.size()))) {
            HOST.conv2dBackward(h(x), h(w), h(dz), g, hw(dw), hw(db), hw(dx));
            return;
        }
        if (!Nd4jImages.conv2dBackward(scratch(), in(x), in(w), in(dz), g, out(dw), outOrNull(db), outOrNull(dx))) {
            Nd4jHostImages.conv2dBackward(x, w, dz, g, dw, db, dx);
        }
    }

    @Override
    public void maxPool2d(Tensor x, ConvGeometry g, Tensor y) {
        if (onHost(x.size())) {
            HOST.maxPool2d(h(x), g, hw(y));
            return;
        }
        if (!Nd4jImages.maxPool2d(scratch(), in(x), g, out(y))) {
            Nd4jHostImages.maxPool2d(x, g, y);
        }
    }

    @Override
    public void maxPool2dBackward(Tensor x, Tensor dy, ConvGeometry g, Tensor dx) {
        if (onHost(x.size())) {
            HOST.maxPool2dBackward(h(x), h(dy), g, hw(dx));
            return;
        }
        if (!Nd4jImages.maxPool2dBackward(scratch(), in(x), in(dy), g, out(dx))) {
            Nd4jHostImages.maxPool2dBackward(x, dy, g, dx);
        }
    }

    @Override
    public void avgPool2d(Tensor x, ConvGeometry g, Tensor y) {
        if (onHost(x.size())) {
            HOST.avgPool2d(h(x), g, hw(y));
            return;
        }
        if (!Nd4jImages.avgPool2d(scratch(), in(x), g, out(y))) {
            Nd4jHostImages.avgPool2d(x, g, y);
        }
    }

    @Override
    public void avgPool2dBackward(Tensor dy, ConvGeometry g, Tensor dx) {
        if (onHost(dx.size())) {
            HOST.avgPool2dBackward(h(dy), g, hw(dx));
            return;
        }
        if (!Nd4jImages.avgPool2dBackward(scratch(), in(dy), g, out(dx))) {
            Nd4jHostImages.avgPool2dBackward(dy, g, dx);
        }
    }

    @Override
    public void channelMeanVariance(Tensor x, int channels, Tensor mean, Tensor variance) {
        if (onHost(x.size())) {
            HOST.channelMeanVariance(h(x), channels, hw(mean), hw(variance));
            return;
        }
        Nd4jImages.channelMeanVariance(scratch(), in(x), out(mean), out(variance));
    }

    @Override
    public void batchNorm(Tensor x, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma, Tensor beta,
                          Tensor y) {
        if (onHost(x.size())) {
            HOST.batchNorm(h(x), channels, h(mean), h(variance), eps, h(gamma), h(beta), hw(y));
            return;
        }
        Nd4jImages.batchNorm(scratch(), in(x), in(mean), in(variance), eps, in(gamma), in(beta), out(y));
    }

    @Override
    public void batchNormBackward(Tensor x, Tensor dy, int channels, Tensor mean, Tensor variance, double eps,
                                  Tensor gamma, Tensor dx, Tensor dgamma, Tensor dbeta) {
        if (onHost(x.size())) {
            HOST.batchNormBackward(h(x), h(dy), channels, h(mean), h(variance), eps, h(gamma), hw(dx), hw(dgamma),
                    hw(dbeta));
            return;
        }
        if (x.dtype() == DType.FLOAT64) {
            // libnd4j's batchnorm_bp is off by up to ~3e-9 relative in DOUBLE; gradient checks need the exact one
            Nd4jHostImages.batchNormBackward(x, dy, channels, mean, variance, eps, gamma, dx, dgamma, dbeta);
            return;
        }
        Nd4jImages.batchNormBackward(scratch(), in(x), in(dy), in(mean), in(variance), eps, in(gamma), out(dx),
                out(dgamma), out(dbeta));
    }
}
