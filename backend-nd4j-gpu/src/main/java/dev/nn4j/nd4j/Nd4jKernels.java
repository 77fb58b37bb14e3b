package dev.nn4j.nd4j;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.UnaryOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Kernels} as ND4J ops that write into the caller's output arrays, and, for small
 * operands, as core's {@link ArrayKernels} on the heap.
 *
 * <p><b>Small operands run on the heap.</b> Every native call costs ~2-20 us whatever the size
 * (JavaCPP and op dispatch), while Java loops do a few elements in nanoseconds. A kernel whose
 * work is below {@link Nd4jBackend#hostBelow()} runs {@link ArrayKernels} on the
 * operands' heap mirrors ({@link Nd4jTensor#hostRead()}, {@link Nd4jTensor#hostWrite()});
 * anything larger runs natively after {@link Nd4jTensor#nativeRead()} and
 * {@link Nd4jTensor#nativeWrite()}. Those calls copy a tensor between native memory and the
 * heap only when the other side wrote it last ({@link Nd4jStorage}), so a sequence of small
 * kernels (a 2-4-1 network's whole step) never touches native memory, and a small tensor
 * between large kernels (a bias) is copied once per change, not per call. The result of a
 * kernel does not depend on the path beyond float rounding. On CUDA the threshold is 0.
 *
 * <p><b>Work</b> is counted in multiply-adds: {@code m·n·k} for gemm, {@code N·F·Ho·Wo·C·kh·kw}
 * for a convolution, and for the other kernels the elements of the largest operand times the
 * heap cost per element of the function ({@link #cost}): 1 for arithmetic and ReLU, more for
 * functions that call {@code Math.exp} or {@code Math.tanh} per element, whose Java loops are
 * 10-60x slower per element than ND4J's vectorised ones.
 *
 * <p><b>Native path.</b> gemm is ND4J's {@code Mmul} (BLAS) into the preallocated C, as is
 * {@link #sumRows} (a row of ones times the matrix); element-wise kernels are single ND4J ops
 * with an explicit output. Both FLOAT32 and FLOAT64; INT32 and INT64 tensors (ND4J's INT and
 * LONG) take only {@link #fill} and {@link #copy}.
 *
 * <p><b>No allocation in steady state.</b> What ND4J would allocate per call is reused from
 * the calling thread's {@link Nd4jScratch}: scratch arrays (row maxima and sums for softmax and
 * log-softmax, derivative buffers, the ones used to sum FLOAT32 data in double, the index
 * array of {@link #argmaxRows}), the op context of custom ops, scalar and reduction op
 * objects. A new shape costs one allocation the first time it is seen, as does a tensor's
 * heap mirror the first time a heap kernel uses it.
 *
 * <p><b>Threads.</b> One instance serves every thread; each thread has its own scratch
 * ({@link ThreadLocal}), so concurrent calls on distinct tensors are safe. A model is trained
 * from one thread at a time. Scratch memory is bounded per thread
 * ({@value Nd4jScratch#MAX_ARRAYS} arrays) and freed by {@link #releaseScratch()} or, after
 * the thread ends, by the garbage collector.
 */
final class Nd4jKernels implements Kernels {
    private static final ArrayKernels HOST = new ArrayKernels();

    private final ThreadLocal<Nd4jScratch> scratch = ThreadLocal.withInitial(Nd4jScratch::new);
    private final long hostBelow;

    /** Kernels that run on the heap when their work is below {@code hostBelow} (0: never). */
    Nd4jKernels(long hostBelow) {
        this.hostBelow = hostBelow;
    }

    /** The threshold this instance was made with. */
    long hostBelow() {
        return hostBelow;
    }

    private boolean onHost(long work) {
        return work < hostBelow;
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

    /** Heap cost per element of {@code op}: {@code exp} and {@code log} as sigmoid ({@link #cost}), the rest 1. */
    static int cost(UnaryOp op) {
        return op == UnaryOp.EXP || op == UnaryOp.LOG ? 32 : 1;
    }

    /** A native kernel's input. */
    static INDArray in(Tensor t) {
        return ((Nd4jTensor) t).nativeRead();
    }

    /** A native kernel's output (also when it is read, as gemm's C). */
    static INDArray out(Tensor t) {
        return ((Nd4jTensor) t).nativeWrite();
    }

    /** A heap kernel's input. */
    private static Tensor h(Tensor t) {
        return t == null ? null : ((Nd4jTensor) t).hostRead();
    }

    /** A heap kernel's output (also when it is read). */
    private static Tensor hw(Tensor t) {
        return t == null ? null : ((Nd4jTensor) t).hostWrite();
    }

    /** The calling thread's scratch. */
    Nd4jScratch scratch() {
        return scratch.get();
    }

    /** Frees the calling thread's scratch arrays and op context now; later calls allocate afresh. */
    void releaseScratch() {
        scratch.get().release();
        scratch.remove();
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        long k = transA ? a.rows() : a.cols();
        if (onHost(k * c.size())) {
            HOST.gemm(transA, transB, alpha, h(a), h(b), beta, hw(c));
            return;
        }
        scratch().gemm(transA, transB, alpha, in(a), in(b), beta, out(c));
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        if (onHost(a.size())) {
            HOST.add(h(a), h(b), hw(out));
            return;
        }
        scratch().add(in(a), in(b), out(out));
    }

    @Override
    public void sub(Tensor a, Tensor b, Tensor out) {
        if (onHost(a.size())) {
            HOST.sub(h(a), h(b), hw(out));
            return;
        }
        scratch().sub(in(a), in(b), out(out));
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        if (onHost(a.size())) {
            HOST.mul(h(a), h(b), hw(out));
            return;
        }
        scratch().mul(in(a), in(b), out(out));
    }

    @Override
    public void div(Tensor a, Tensor b, Tensor out) {
        if (onHost(a.size())) {
            HOST.div(h(a), h(b), hw(out));
            return;
        }
        scratch().div(in(a), in(b), out(out));
    }

    @Override
    public void scale(Tensor a, double s, Tensor out) {
        if (onHost(a.size())) {
            HOST.scale(h(a), s, hw(out));
            return;
        }
        scratch().times(in(a), s, out(out));
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        if (onHost(a.size())) {
            HOST.addScalar(h(a), s, hw(out));
            return;
        }
        scratch().plus(in(a), s, out(out));
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        if (onHost(x.size())) {
            HOST.axpby(alpha, h(x), beta, hw(y));
            return;
        }
        Nd4jScratch s = scratch();
        if (x == y) {
            INDArray ya = out(y);
            s.times(ya, alpha + beta, ya);
            return;
        }
        INDArray xa = in(x);
        INDArray ya = out(y);
        if (beta != 1.0) {
            s.times(ya, beta, ya);
        }
        s.axpy(alpha, xa, ya);
    }

    /** On the heap: core's fused one-pass loop. Natively: the seven element-wise kernels of the default. */
    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize,
                           double vScale, double epsilon, Tensor scratch) {
        if (onHost(w.size())) {
            HOST.adamUpdate(hw(w), h(g), hw(m), hw(v), beta1, beta2, stepSize, vScale, epsilon, hw(scratch));
            return;
        }
        Kernels.super.adamUpdate(w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, scratch);
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        if (onHost((long) a.size() * cost(op))) {
            HOST.unary(op, h(a), hw(out));
            return;
        }
        INDArray x = in(a);
        INDArray z = out(out);
        switch (op) {
            case EXP -> Nd4j.exec(new Exp(x, z));
            case LOG -> Nd4j.exec(new Log(x, z));
            case SQRT -> Nd4j.exec(new Sqrt(x, z));
            case SQUARE -> Nd4j.exec(new Square(x, z));
            case ABS -> Nd4j.exec(new Abs(x, z));
            case NEG -> Nd4j.exec(new Negative(x, z));
            default -> throw new UnsupportedOperationException("nd4j unary: " + op + " is not implemented");
        }
    }

    @Override
    public void clamp(Tensor a, double lo, double hi, Tensor out) {
        if (onHost(a.size())) {
            HOST.clamp(h(a), lo, hi, hw(out));
            return;
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        INDArray z = out(out);
        s.scalar(ScalarMax::new, "max", x, lo, z);
        s.scalar(ScalarMin::new, "min", z, hi, z);
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor out) {
        if (onHost((long) x.size() * cost(f, false))) {
            HOST.activation(f, h(x), hw(out));
            return;
        }
        Nd4jActivations.forward(scratch(), f, in(x), out(out));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        if (onHost((long) x.size() * cost(f, true))) {
            HOST.activationBackward(f, h(x), h(y), h(dy), hw(dx));
            return;
        }
        Nd4jActivations.backward(scratch(), f, in(x), in(y), in(dy), out(dx));
    }

    @Override
    public void logSoftmax(Tensor x, Tensor out) {
        if (onHost((long) x.size() * cost(Activation.SOFTMAX, false))) {
            HOST.logSoftmax(h(x), hw(out));
            return;
        }
        Nd4jActivations.logSoftmax(scratch(), in(x), out(out));
    }

    @Override
    public void transpose(Tensor a, Tensor out) {
        if (onHost(a.size())) {
            HOST.transpose(h(a), hw(out));
            return;
        }
        INDArray x = in(a);
        out(out).assign(x.transpose());
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        if (onHost(a.size())) {
            HOST.sumRows(h(a), hw(out));
            return;
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        s.gemm(false, false, 1.0, s.constant("ones", 1.0, x.dataType(), 1, x.rows()), x, 0.0, out(out));
    }

    @Override
    public void addRowVector(Tensor a, Tensor row, Tensor out) {
        if (onHost(a.size())) {
            HOST.addRowVector(h(a), h(row), hw(out));
            return;
        }
        scratch().add(in(a), in(row), out(out));
    }

    /** On the heap: core's one pass per row; natively: the two kernels. */
    @Override
    public void addRowVectorActivation(Tensor z, Tensor bias, Activation f, Tensor y) {
        if (onHost((long) z.size() * cost(f, false))) {
            HOST.addRowVectorActivation(hw(z), h(bias), f, hw(y));
            return;
        }
        Kernels.super.addRowVectorActivation(z, bias, f, y);
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
     * Accumulated in double. Natively without copying: FLOAT32 data is reduced as a dot product
     * with a scratch array of ones into a DOUBLE result (libnd4j accumulates in the result's type).
     */
    @Override
    public double sum(Tensor a) {
        if (onHost(a.size())) {
            return HOST.sum(h(a));
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        INDArray result = s.array("sum", DataType.DOUBLE);
        if (x.dataType() == DataType.DOUBLE) {
            s.reduce((p, q, z) -> new Sum(p, z), "sumAll", x, null, result);
        } else {
            INDArray ones = s.constant("ones", 1.0, x.dataType(), x.shape());
            s.reduce(Dot::new, "dot", x, ones, result);
        }
        return result.getDouble(0);
    }

    /** Accumulated in double; natively libnd4j's dot product into a DOUBLE result. */
    @Override
    public double dot(Tensor a, Tensor b) {
        if (onHost(a.size())) {
            return HOST.dot(h(a), h(b));
        }
        Nd4jScratch s = scratch();
        INDArray result = s.array("dot", DataType.DOUBLE);
        s.reduce(Dot::new, "dot", in(a), in(b), result);
        return result.getDouble(0);
    }

    /**
     * Any dtype; natively one {@code ScalarSet}, whose scalar of the tensor's type takes the value
     * with Java's cast ({@code (int) value}, {@code (long) value}) as the heap path does.
     */
    @Override
    public void fill(Tensor t, double value) {
        if (onHost(t.size())) {
            HOST.fill(hw(t), value);
            return;
        }
        INDArray z = out(t);
        scratch().scalar(ScalarSet::new, "set", z, value, z);
    }

    /**
     * One dtype: ND4J's {@code assign} natively. Between two dtypes: on the heap for small
     * tensors, else through a Java array of the source's type (allocated for the call), so the
     * elements are converted by Java's casts ({@link dev.nn4j.backend.array.ArrayCasts}) on every path.
     */
    @Override
    public void copy(Tensor src, Tensor dst) {
        if (onHost(src.size())) {
            HOST.copy(h(src), hw(dst));
            return;
        }
        if (src.dtype() != dst.dtype()) {
            switch (src.dtype()) {
                case FLOAT32 -> dst.setAll(src.toFloatArray());
                case FLOAT64 -> dst.setAll(src.toDoubleArray());
                case INT32 -> dst.setAll(src.toIntArray());
                case INT64 -> dst.setAll(src.toLongArray());
            }
            return;
        }
        INDArray x = in(src);
        out(dst).assign(x);
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
