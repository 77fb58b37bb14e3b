package dev.nn4j.plain;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayParallel;
import dev.nn4j.backend.array.FloatGemm;
import dev.nn4j.plain.gemm.PoolParallel;
import dev.nn4j.plain.gemm.Sgemm;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * The plain backend's kernels: core's {@link ArrayKernels}, with FLOAT32 matrix products (every
 * matrix of a batch, and the convolutions' im2col products) sent to the packed, register-tiled
 * {@link Sgemm} (Vector API when the module is present), FLOAT32 {@code binary(MUL)} and
 * {@code unary(ERF)} of equal shapes, {@code axpby} and {@code adamUpdate} on {@link VectorLoops}
 * when the module is present,
 * and the parts of the image kernels on the product's threads ({@link PoolParallel}). FLOAT64
 * products keep the reference loops; they serve gradient checks, not training speed.
 */
final class PlainKernels extends ArrayKernels {
    /** Whether {@link VectorLoops} can be used (module {@code jdk.incubator.vector} present). */
    private static final boolean VECTOR_LOOPS = vectorModulePresent();

    /**
     * Arrays shorter than this take core's scalar loops. A vector loop that runs rarely on short
     * arrays (the batch-norm running statistics, a bias's Adam update) stays in the JIT's first
     * tier for thousands of steps, and there every vector is a heap object: 12 KB per Fashion CNN
     * step for its first ~2,000 steps, measured. The scalar loop costs well under a microsecond here.
     */
    static final int VECTOR_MIN = 256;

    private static boolean vectorModulePresent() {
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** FLOAT32 {@code MUL} of three equal shapes on {@link VectorLoops}; everything else as {@link ArrayKernels}. */
    @Override
    public void binary(Binary f, Tensor a, Tensor b, Tensor out) {
        if (VECTOR_LOOPS && f == Binary.MUL && isFloat(out) && out.size() >= VECTOR_MIN && sameShape(a, out)
                && sameShape(b, out)) {
            VectorLoops.mul(floats(a), floats(b), floats(out), out.size());
        } else {
            super.binary(f, a, b, out);
        }
    }

    /** FLOAT32 {@code ERF} of equal shapes (the exact GELU's) on {@link VectorLoops}; everything else as {@link ArrayKernels}. */
    @Override
    public void unary(Unary f, Tensor a, Tensor out) {
        if (VECTOR_LOOPS && f == Unary.ERF && isFloat(out) && out.size() >= VECTOR_MIN && sameShape(a, out)) {
            VectorLoops.erf(floats(a), floats(out), out.size());
        } else {
            super.unary(f, a, out);
        }
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        if (VECTOR_LOOPS && isFloat(x) && x.size() >= VECTOR_MIN) {
            VectorLoops.axpby((float) alpha, floats(x), (float) beta, floats(y), x.size());
        } else {
            super.axpby(alpha, x, beta, y);
        }
    }

    @Override
    protected void adamRange(float[] w, float[] g, float[] m, float[] v, double beta1, double beta2, double stepSize,
                             double vScale, double epsilon, int from, int to) {
        int done = VECTOR_LOOPS && to - from >= VECTOR_MIN ? VectorLoops.adam(w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, from, to) : from;
        super.adamRange(w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, done, to);   // the tail, or all
    }

    /**
     * Convolution chunks, pooling planes, batch-norm channels and large activations run as parts
     * on the matrix product's threads.
     */
    @Override
    protected ArrayParallel parallel() {
        return PoolParallel.INSTANCE;
    }

    /** Convolutions feed im2col into the packed engine (threads included for large products outside a part). */
    @Override
    protected FloatGemm floatGemm() {
        return PlainKernels::scratchGemm;
    }

    private static void scratchGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
                                    float[] b, float beta, float[] c) {
        Sgemm.sgemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
    }

    /** Every FLOAT32 product (a matrix, or one matrix of a batch at its offsets) on {@link Sgemm}. */
    @Override
    protected void gemmFloat(boolean transA, boolean transB, int m, int n, int k, double alpha, float[] a, int aOffset,
                             float[] b, int bOffset, double beta, float[] c, int cOffset) {
        Sgemm.sgemm(transA, transB, m, n, k, (float) alpha, a, aOffset, transA ? m : k, b, bOffset, transB ? k : n,
                (float) beta, c, cOffset, n);
    }
}
