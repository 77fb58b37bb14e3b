package dev.nn4j.ejml;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.tensor.Tensor;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * The EJML backend's kernels. Matrix products, {@code add}, {@code sub}, element-wise
 * {@code mul} and {@code div}, {@code scale}, {@code addScalar}, {@code transpose},
 * {@code fill} and {@code copy} call EJML's {@code CommonOps_FDRM} (FLOAT32) or
 * {@code CommonOps_DDRM} (FLOAT64) on the matrix views of the operands; everything EJML has
 * no equivalent for (activations, log-softmax, axpby, unary functions, clamp, row and column
 * reductions, sums and dot products accumulated in double) is inherited from
 * {@link ArrayKernels}, which works on the same arrays.
 *
 * <p>A product of {@code m·n·k} multiply-adds at or above {@link #concurrentThreshold()}
 * runs on EJML's fork-join pool ({@code CommonOps_MT_*}) when that pool has more than one
 * thread. Stateless apart from the threshold; thread-safe.
 */
final class EjmlKernels extends ArrayKernels {
    /**
     * Default threshold, in multiply-adds ({@code m·n·k}), from which products use
     * {@code CommonOps_MT_*}. Chosen by timing {@code CommonOps_FDRM.mult / multTransA /
     * multTransB} against their {@code _MT_} twins (JDK 17, 2 vCPUs, best of 7 alternating
     * trials, separate JVM per transpose case): below about 10^5 the concurrent forms lose
     * (8³: 0.3 µs vs 5.6 µs; 32³: 10-14 µs vs 14-32 µs), around 10^5..10^6 they are even, and
     * from about 10^6 upward they win when a second core is free (see MT_NOTES below).
     */
    static final long CONCURRENT_THRESHOLD = 1_000_000L;

    private final long concurrentThreshold;

    /** Kernels that use the concurrent products from {@code threshold} multiply-adds on. */
    EjmlKernels(long threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("EjmlKernels: concurrent threshold must be >= 1, got " + threshold);
        }
        this.concurrentThreshold = threshold;
    }

    /** Multiply-adds ({@code m·n·k}) from which matrix products run concurrently. */
    long concurrentThreshold() {
        return concurrentThreshold;
    }

    /** Threads of EJML's fork-join pool (the processor count unless changed with {@code EjmlConcurrency.setMaxThreads}). */
    int threads() {
        return EjmlConcurrency.getMaxThreads();
    }

    /** Whether a product of {@code m·n·k} multiply-adds takes the concurrent path. */
    boolean concurrentFor(long work) {
        return work >= concurrentThreshold && threads() > 1;
    }

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c} with EJML's {@code mult*} / {@code multAdd*}
     * (see {@link EjmlGemm}); concurrent at or above {@link #concurrentThreshold()} multiply-adds.
     */
    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        long work = (long) c.rows() * c.cols() * (transA ? a.rows() : a.cols());
        EjmlGemm.run(transA, transB, alpha, t(a), t(b), beta, t(c), concurrentFor(work));
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        if (isFloat(a)) {
            CommonOps_FDRM.add(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
        } else {
            CommonOps_DDRM.add(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
        }
    }

    @Override
    public void sub(Tensor a, Tensor b, Tensor out) {
        if (isFloat(a)) {
            CommonOps_FDRM.subtract(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
        } else {
            CommonOps_DDRM.subtract(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
        }
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        if (isFloat(a)) {
            CommonOps_FDRM.elementMult(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
        } else {
            CommonOps_DDRM.elementMult(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
        }
    }

    @Override
    public void div(Tensor a, Tensor b, Tensor out) {
        if (isFloat(a)) {
            CommonOps_FDRM.elementDiv(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
        } else {
            CommonOps_DDRM.elementDiv(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
        }
    }

    @Override
    public void scale(Tensor a, double s, Tensor out) {
        if (isFloat(a)) {
            CommonOps_FDRM.scale((float) s, t(a).fmatrix(), t(out).fmatrix());
        } else {
            CommonOps_DDRM.scale(s, t(a).dmatrix(), t(out).dmatrix());
        }
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        if (isFloat(a)) {
            CommonOps_FDRM.add(t(a).fmatrix(), (float) s, t(out).fmatrix());
        } else {
            CommonOps_DDRM.add(t(a).dmatrix(), s, t(out).dmatrix());
        }
    }

    /** EJML's transpose: a cache-blocked loop for large matrices, a plain one for small ones. */
    @Override
    public void transpose(Tensor a, Tensor out) {
        if (isFloat(a)) {
            CommonOps_FDRM.transpose(t(a).fmatrix(), t(out).fmatrix());
        } else {
            CommonOps_DDRM.transpose(t(a).dmatrix(), t(out).dmatrix());
        }
    }

    @Override
    public void fill(Tensor t, double value) {
        if (isFloat(t)) {
            CommonOps_FDRM.fill(t(t).fmatrix(), (float) value);
        } else {
            CommonOps_DDRM.fill(t(t).dmatrix(), value);
        }
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        if (isFloat(src)) {
            t(dst).fmatrix().setTo(t(src).fmatrix());
        } else {
            t(dst).dmatrix().setTo(t(src).dmatrix());
        }
    }

    private static EjmlTensor t(Tensor x) {
        if (x instanceof EjmlTensor) {
            return (EjmlTensor) x;
        }
        throw new IllegalArgumentException("ejml kernels: tensor " + x.shape() + " on backend " + x.backend().name()
                + " is a " + x.getClass().getName() + ", not an EjmlTensor");
    }
}
