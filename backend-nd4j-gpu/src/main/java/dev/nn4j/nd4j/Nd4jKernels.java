package dev.nn4j.nd4j;

import dev.nn4j.backend.ConvGeometry;
import dev.nn4j.backend.Kernels;
import dev.nn4j.backend.UnaryOp;
import dev.nn4j.nn.Activation;
import dev.nn4j.tensor.Tensor;
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
 * {@link Kernels} as ND4J ops that write into the caller's output arrays: gemm is ND4J's
 * {@code Mmul} (BLAS) into the preallocated C, as is {@link #sumRows} (a row of ones times the
 * matrix); element-wise kernels are single ND4J ops with an explicit output. Both FLOAT32 and
 * FLOAT64.
 *
 * <p><b>No allocation in steady state.</b> What ND4J would allocate per call is reused from
 * the calling thread's {@link Nd4jScratch}: scratch arrays (row maxima and sums for softmax and
 * log-softmax, derivative buffers, the ones used to sum FLOAT32 data in double, the index
 * array of {@link #argmaxRows}), the op context of custom ops, scalar and reduction op
 * objects. A new shape costs one allocation the first time it is seen. Nothing is copied
 * between Java and native memory except the result of {@link #argmaxRows}, {@link #sum} and
 * {@link #dot}.
 *
 * <p><b>Threads.</b> One instance serves every thread; each thread has its own scratch
 * ({@link ThreadLocal}), so concurrent calls on distinct tensors are safe. A model is trained
 * from one thread at a time. Scratch memory is bounded per thread
 * ({@value Nd4jScratch#MAX_ARRAYS} arrays) and freed by {@link #releaseScratch()} or, after
 * the thread ends, by the garbage collector.
 *
 * <p>Every call is at least one JNI crossing (~2-20 us), whatever the size.
 */
final class Nd4jKernels implements Kernels {
    private final ThreadLocal<Nd4jScratch> scratch = ThreadLocal.withInitial(Nd4jScratch::new);

    static INDArray arr(Tensor t) {
        return ((Nd4jTensor) t).array();
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
        scratch().gemm(transA, transB, alpha, arr(a), arr(b), beta, arr(c));
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        scratch().add(arr(a), arr(b), arr(out));
    }

    @Override
    public void sub(Tensor a, Tensor b, Tensor out) {
        scratch().sub(arr(a), arr(b), arr(out));
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        scratch().mul(arr(a), arr(b), arr(out));
    }

    @Override
    public void div(Tensor a, Tensor b, Tensor out) {
        scratch().div(arr(a), arr(b), arr(out));
    }

    @Override
    public void scale(Tensor a, double s, Tensor out) {
        scratch().times(arr(a), s, arr(out));
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        scratch().plus(arr(a), s, arr(out));
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        Nd4jScratch s = scratch();
        INDArray ya = arr(y);
        if (x == y) {
            s.times(ya, alpha + beta, ya);
            return;
        }
        if (beta != 1.0) {
            s.times(ya, beta, ya);
        }
        s.axpy(alpha, arr(x), ya);
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        INDArray x = arr(a);
        INDArray z = arr(out);
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
        Nd4jScratch s = scratch();
        INDArray z = arr(out);
        s.scalar(ScalarMax::new, "max", arr(a), lo, z);
        s.scalar(ScalarMin::new, "min", z, hi, z);
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor out) {
        Nd4jActivations.forward(scratch(), f, arr(x), arr(out));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Nd4jActivations.backward(scratch(), f, arr(x), arr(y), arr(dy), arr(dx));
    }

    @Override
    public void logSoftmax(Tensor x, Tensor out) {
        Nd4jActivations.logSoftmax(scratch(), arr(x), arr(out));
    }

    @Override
    public void transpose(Tensor a, Tensor out) {
        arr(out).assign(arr(a).transpose());
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        Nd4jScratch s = scratch();
        INDArray x = arr(a);
        s.gemm(false, false, 1.0, s.constant("ones", 1.0, x.dataType(), 1, x.rows()), x, 0.0, arr(out));
    }

    @Override
    public void addRowVector(Tensor a, Tensor row, Tensor out) {
        scratch().add(arr(a), arr(row), arr(out));
    }

    @Override
    public void argmaxRows(Tensor a, int[] out) {
        Nd4jScratch s = scratch();
        INDArray x = arr(a);
        INDArray idx = s.array("argmax", DataType.LONG, x.rows());
        s.custom(new ArgMax(), new INDArray[] {x}, idx, new long[] {1});
        long[] v = idx.toLongVector();
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) v[i];
        }
    }

    /**
     * Accumulated in double without copying: FLOAT32 data is reduced as a dot product with a
     * scratch array of ones into a DOUBLE result (libnd4j accumulates in the result's type).
     */
    @Override
    public double sum(Tensor a) {
        Nd4jScratch s = scratch();
        INDArray x = arr(a);
        INDArray result = s.array("sum", DataType.DOUBLE);
        if (x.dataType() == DataType.DOUBLE) {
            s.reduce((p, q, z) -> new Sum(p, z), "sumAll", x, null, result);
        } else {
            INDArray ones = s.constant("ones", 1.0, x.dataType(), x.shape());
            s.reduce(Dot::new, "dot", x, ones, result);
        }
        return result.getDouble(0);
    }

    /** Accumulated in double without copying: libnd4j's dot product into a DOUBLE result. */
    @Override
    public double dot(Tensor a, Tensor b) {
        Nd4jScratch s = scratch();
        INDArray result = s.array("dot", DataType.DOUBLE);
        s.reduce(Dot::new, "dot", arr(a), arr(b), result);
        return result.getDouble(0);
    }

    @Override
    public void fill(Tensor t, double value) {
        INDArray z = arr(t);
        scratch().scalar(ScalarSet::new, "set", z, value, z);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        arr(dst).assign(arr(src));
    }

    // ---- images and batch normalisation: on the heap for now (see Nd4jHostImages) ----

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z, Tensor y) {
        Nd4jHostImages.conv2d(x, w, bias, g, f, z, y);
    }

    @Override
    public void conv2dBackward(Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw, Tensor db, Tensor dx) {
        Nd4jHostImages.conv2dBackward(x, w, dz, g, dw, db, dx);
    }

    @Override
    public void maxPool2d(Tensor x, ConvGeometry g, Tensor y) {
        Nd4jHostImages.maxPool2d(x, g, y);
    }

    @Override
    public void maxPool2dBackward(Tensor x, Tensor dy, ConvGeometry g, Tensor dx) {
        Nd4jHostImages.maxPool2dBackward(x, dy, g, dx);
    }

    @Override
    public void avgPool2d(Tensor x, ConvGeometry g, Tensor y) {
        Nd4jHostImages.avgPool2d(x, g, y);
    }

    @Override
    public void avgPool2dBackward(Tensor dy, ConvGeometry g, Tensor dx) {
        Nd4jHostImages.avgPool2dBackward(dy, g, dx);
    }

    @Override
    public void channelMeanVariance(Tensor x, int channels, Tensor mean, Tensor variance) {
        Nd4jHostImages.channelMeanVariance(x, channels, mean, variance);
    }

    @Override
    public void batchNorm(Tensor x, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma, Tensor beta,
                          Tensor y) {
        Nd4jHostImages.batchNorm(x, channels, mean, variance, eps, gamma, beta, y);
    }

    @Override
    public void batchNormBackward(Tensor x, Tensor dy, int channels, Tensor mean, Tensor variance, double eps,
                                  Tensor gamma, Tensor dx, Tensor dgamma, Tensor dbeta) {
        Nd4jHostImages.batchNormBackward(x, dy, channels, mean, variance, eps, gamma, dx, dgamma, dbeta);
    }
}
