package dev.nn4j.ejml;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.FloatGemm;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * The EJML backend's kernels. FLOAT32 matrix products (also the convolutions' im2col product)
 * run on EJML's tile kernel {@code TileMultiplication_F32} through {@link FloatTiles}; FLOAT64
 * products on {@code CommonOps_DDRM} ({@link EjmlGemm}); batches of products loop over their
 * matrices, FLOAT32 on {@link FloatTiles} at offsets, FLOAT64 on core's reference loops.
 * {@code binary} {@code ADD}, {@code SUB}, {@code MUL} and {@code DIV} of equal shapes,
 * {@code affine} with shift 0 or scale 1, the transpose of a matrix, {@code fill} and
 * {@code copy} call EJML's {@code CommonOps_FDRM} (FLOAT32) or {@code CommonOps_DDRM} (FLOAT64)
 * on the matrix views of the operands (integer tensors are plain array tensors and take
 * {@link ArrayKernels}' loops); everything EJML has no equivalent for (broadcasting, the other
 * functions, reductions, movement, activations, softmax, axpby, the fused Adam update, sums and
 * dot products accumulated in double) is inherited from {@link ArrayKernels}, which works on the
 * same arrays: an {@link EjmlTensor} is an {@link dev.nn4j.backend.array.ArrayTensor}. In the
 * 784-256-128-10 MLP step those
 * inherited kernels took about 3% of the time (JFR samples, docs/benchmarks.md), so they stay
 * on the calling thread.
 *
 * <p>A product of {@code m·n·k} multiply-adds at or above {@link #concurrentThreshold()}
 * runs on EJML's fork-join pool when that pool has more than one thread: FLOAT32 in row
 * blocks of C ({@link #partsFor}), FLOAT64 with {@code CommonOps_MT_DDRM}. Stateless and
 * thread-safe.
 */
final class EjmlKernels extends ArrayKernels {
    /**
     * Default threshold, in multiply-adds ({@code m·n·k}), from which products use
     * {@code CommonOps_MT_*}. Chosen by timing {@code CommonOps_FDRM.mult}, {@code multTransA}
     * and {@code multTransB} against their {@code _MT_} twins in a plain timing loop (EJML
     * 0.46.1, JDK 17, 2 vCPUs, one JVM per transpose case, warm-up, then the best of 7
     * alternating trials). Microseconds per call, single-threaded / concurrent:
     * <pre>
     *   m x k x n        work    a·b          aᵀ·b         a·bᵀ
     *   8 x 8 x 8         512    0.36 / 6.8   0.36 / 6.6   0.40 / 6.4
     *   32 x 32 x 32      33K    14 / 18      14 / 28      9.4 / 14
     *   64 x 64 x 64     262K    101 / 102    93 / 145     70 / 75
     *   96 x 96 x 96     885K    310 / 312    303 / 387    253 / 264
     *   128 x 128 x 128  2.1M    747 / 731    779 / 896    693 / 722
     *   32 x 784 x 128   3.2M    1116 / 1094  1185 / 801   1461 / 1459
     *   128 x 256 x 128  4.2M    1491 / 869   1565 / 1066  1662 / 1658
     *   128 x 784 x 256   26M    8417 / 5105  9246 / 4983  11696 / 6653
     *   256 x 256 x 256   17M    5842 / 5757  5780 / 3126  6425 / 6231
     * </pre>
     * Below about 10^6 the concurrent forms never won (the fork-join hand-off alone costs
     * about 6 µs); around 2·10^6 the two were even; from 3-4·10^6 upward the concurrent forms
     * ran 1.4-1.9x faster whenever the second core was free, and usually within 5% of the
     * single-threaded time (at worst 20% slower) when it was busy. The machine was shared with other work, so single
     * runs varied by up to 2x; the threshold sits where the concurrent forms stop losing.
     * FLOAT64 ({@code CommonOps_DDRM}) crossed over at the same size: even at 885K, 1.3-1.4x
     * faster at 2.1M and 1.7x at 17M for {@code aᵀ·b} and {@code a·bᵀ}. The plain
     * {@code a·b} gained least in every run (1.0-1.7x above 4M).
     *
     * <p>The FLOAT32 tile path ({@link FloatTiles}, split in row blocks) kept the threshold: in
     * one run on the loaded machine ({@code EjmlGemmTiming backend} against {@code backendP}) the
     * split lost 2x at 32³ (23 against 49 µs), won 1.4-1.6x at 64³ and 96³, and was even at
     * 128³; the batch-128 MLP has no product between 164K and 4.2M multiply-adds, so a lower
     * threshold would change nothing there.
     */
    static final long CONCURRENT_THRESHOLD = 2_000_000L;

    /** Row blocks per pool thread of a concurrent FLOAT32 product (see {@link #partsFor}). */
    static final int BLOCKS_PER_THREAD = 4;

    /** Fewest rows of C per block of a concurrent FLOAT32 product. */
    static final int MIN_BLOCK_ROWS = 16;

    /** The backend that owns the scratch tensors of convolution products. */
    private final EjmlBackend backend;

    /** Creates the kernels; one instance per backend. */
    EjmlKernels(EjmlBackend backend) {
        this.backend = backend;
    }

    /** Multiply-adds ({@code m·n·k}) from which matrix products run concurrently. */
    long concurrentThreshold() {
        return CONCURRENT_THRESHOLD;
    }

    /** Threads of EJML's fork-join pool (the processor count unless changed with {@code EjmlConcurrency.setMaxThreads}). */
    int threads() {
        return EjmlConcurrency.getMaxThreads();
    }

    /** Whether a product of {@code m·n·k} multiply-adds takes the concurrent path. */
    boolean concurrentFor(long work) {
        return work >= CONCURRENT_THRESHOLD && threads() > 1;
    }

    /**
     * Row blocks of C for a product of {@code m·n·k} multiply-adds with {@code rows} rows: 1 below
     * the threshold; above it up to {@link #BLOCKS_PER_THREAD} per pool thread, each of at least
     * {@link #MIN_BLOCK_ROWS} rows, and never fewer than the threads. More blocks than threads
     * let the pool even out a core that another process slows down.
     */
    int partsFor(long work, int rows) {
        if (!concurrentFor(work)) {
            return 1;
        }
        int threads = threads();
        return Math.max(threads, Math.min(BLOCKS_PER_THREAD * threads, rows / MIN_BLOCK_ROWS));
    }

    /** Convolutions feed im2col into EJML's products, the same ones {@link #gemm} uses. */
    @Override
    protected FloatGemm floatGemm() {
        return this::scratchGemm;
    }

    private void scratchGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                             float beta, float[] c) {
        FloatTiles.run(transA, transB, m, n, k, alpha, a, b, beta, c, partsFor((long) m * n * k, m));
    }

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c}: a matrix with EJML's products (see
     * {@link EjmlGemm}), concurrent at or above {@link #concurrentThreshold()} multiply-adds; a
     * batch as {@link ArrayKernels} loops it, each FLOAT32 matrix through {@link #gemmFloat}.
     */
    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        if (c.rank() > 2) {
            super.gemm(transA, transB, alpha, a, b, beta, c);
            return;
        }
        long work = (long) c.rows() * c.cols() * (transA ? a.rows() : a.cols());
        EjmlGemm.run(transA, transB, alpha, t(a), t(b), beta, t(c), partsFor(work, c.rows()));
    }

    /** One FLOAT32 matrix of a batch, at its offsets, on {@link FloatTiles}. */
    @Override
    protected void gemmFloat(boolean transA, boolean transB, int m, int n, int k, double alpha, float[] a, int aOffset,
                             float[] b, int bOffset, double beta, float[] c, int cOffset) {
        FloatTiles.run(transA, transB, m, n, k, (float) alpha, a, aOffset, b, bOffset, (float) beta, c, cOffset,
                partsFor((long) m * n * k, m));
    }

    /** {@code ADD}, {@code SUB}, {@code MUL} and {@code DIV} of three equal floating shapes in EJML; the rest as {@link ArrayKernels}. */
    @Override
    public void binary(Binary f, Tensor a, Tensor b, Tensor out) {
        if (!out.dtype().isFloating() || !sameShape(a, out) || !sameShape(b, out)) {
            super.binary(f, a, b, out);
            return;
        }
        boolean single = isFloat(out);
        switch (f) {
            case ADD -> {
                if (single) {
                    CommonOps_FDRM.add(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
                } else {
                    CommonOps_DDRM.add(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
                }
            }
            case SUB -> {
                if (single) {
                    CommonOps_FDRM.subtract(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
                } else {
                    CommonOps_DDRM.subtract(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
                }
            }
            case MUL -> {
                if (single) {
                    CommonOps_FDRM.elementMult(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
                } else {
                    CommonOps_DDRM.elementMult(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
                }
            }
            case DIV -> {
                if (single) {
                    CommonOps_FDRM.elementDiv(t(a).fmatrix(), t(b).fmatrix(), t(out).fmatrix());
                } else {
                    CommonOps_DDRM.elementDiv(t(a).dmatrix(), t(b).dmatrix(), t(out).dmatrix());
                }
            }
            default -> super.binary(f, a, b, out);
        }
    }

    /** Shift 0: EJML's {@code scale}; scale 1: its scalar {@code add}; otherwise as {@link ArrayKernels}. */
    @Override
    public void affine(Tensor a, double scale, double shift, Tensor out) {
        boolean single = isFloat(a);
        if (shift == 0 && single) {
            CommonOps_FDRM.scale((float) scale, t(a).fmatrix(), t(out).fmatrix());
        } else if (shift == 0) {
            CommonOps_DDRM.scale(scale, t(a).dmatrix(), t(out).dmatrix());
        } else if (scale == 1 && single) {
            CommonOps_FDRM.add(t(a).fmatrix(), (float) shift, t(out).fmatrix());
        } else if (scale == 1) {
            CommonOps_DDRM.add(t(a).dmatrix(), shift, t(out).dmatrix());
        } else {
            super.affine(a, scale, shift, out);
        }
    }

    /** A floating matrix transposed by EJML (a cache-blocked loop for large matrices); every other permutation as {@link ArrayKernels}. */
    @Override
    public void permute(Tensor a, int[] perm, Tensor out) {
        if (a.rank() != 2 || perm[0] != 1 || !a.dtype().isFloating()) {
            super.permute(a, perm, out);
        } else if (isFloat(a)) {
            CommonOps_FDRM.transpose(t(a).fmatrix(), t(out).fmatrix());
        } else {
            CommonOps_DDRM.transpose(t(a).dmatrix(), t(out).dmatrix());
        }
    }

    /** FLOAT32 and FLOAT64 in EJML; the integer dtypes (plain array tensors) as {@link ArrayKernels} does. */
    @Override
    public void fill(Tensor t, double value) {
        if (isFloat(t)) {
            CommonOps_FDRM.fill(t(t).fmatrix(), (float) value);
        } else if (t.dtype() == DType.FLOAT64) {
            CommonOps_DDRM.fill(t(t).dmatrix(), value);
        } else {
            super.fill(t, value);
        }
    }

    /** Within FLOAT32 or FLOAT64 in EJML; between dtypes, and for integers, as {@link ArrayKernels} does (casting). */
    @Override
    public void copy(Tensor src, Tensor dst) {
        DType dtype = src.dtype();
        if (dtype != dst.dtype() || !dtype.isFloating()) {
            super.copy(src, dst);
        } else if (dtype == DType.FLOAT32) {
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
