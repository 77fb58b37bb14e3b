package dev.nn4j.ejml;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * {@code C = alpha * op(A) * op(B) + beta * C} with EJML's {@code CommonOps_*DRM} products,
 * single-threaded or with the concurrent {@code CommonOps_MT_*DRM} variants.
 *
 * <p>EJML has {@code C = alpha * op(A) * op(B)} ({@code mult*}, overwrites C) and
 * {@code C += alpha * op(A) * op(B)} ({@code multAdd*}). So {@code beta == 0} uses the
 * overwriting form, which never reads C (a NaN left in C disappears, as the contract
 * requires); any other beta scales C in place by beta first (skipped for 1) and then
 * accumulates. A transposed A maps to {@code multTransA}/{@code multAddTransA}. A transposed
 * B is first copied into a per-thread scratch matrix with EJML's blocked {@code transpose}:
 * EJML's {@code *TransB} products take a dot product per element of C and ran at 3-5 GFLOP/s,
 * against 6-12 for {@code mult}/{@code multTransA} on the same shapes (docs/benchmarks.md),
 * while the copy costs {@code k·n} moves against {@code m·n·k} multiply-adds. The scratch is
 * one matrix per thread and dtype, grown to the largest B seen and kept for the thread's life
 * (0.8 MB for the 784-256-128-10 MLP).
 * EJML writes C through the shared array and never reallocates it, because the shapes
 * were validated by {@link dev.nn4j.tensor.Ops} and C already has {@code rows x cols}
 * elements.
 */
final class EjmlGemm {
    private EjmlGemm() {
    }

    /** One FLOAT32 product form. */
    @FunctionalInterface
    private interface FProduct {
        void run(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);
    }

    /** One FLOAT64 product form. */
    @FunctionalInterface
    private interface DProduct {
        void run(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);
    }

    // Indexed by transA ? 1 : 0; B always enters untransposed.
    private static final FProduct[] F_SET = {CommonOps_FDRM::mult, CommonOps_FDRM::multTransA};
    private static final FProduct[] F_ADD = {CommonOps_FDRM::multAdd, CommonOps_FDRM::multAddTransA};
    private static final FProduct[] F_MT_SET = {CommonOps_MT_FDRM::mult, CommonOps_MT_FDRM::multTransA};
    private static final FProduct[] F_MT_ADD = {CommonOps_MT_FDRM::multAdd, CommonOps_MT_FDRM::multAddTransA};

    private static final DProduct[] D_SET = {CommonOps_DDRM::mult, CommonOps_DDRM::multTransA};
    private static final DProduct[] D_ADD = {CommonOps_DDRM::multAdd, CommonOps_DDRM::multAddTransA};
    private static final DProduct[] D_MT_SET = {CommonOps_MT_DDRM::mult, CommonOps_MT_DDRM::multTransA};
    private static final DProduct[] D_MT_ADD = {CommonOps_MT_DDRM::multAdd, CommonOps_MT_DDRM::multAddTransA};

    private static final ThreadLocal<FMatrixRMaj> F_TRANSPOSED = ThreadLocal.withInitial(() -> new FMatrixRMaj(1, 1));
    private static final ThreadLocal<DMatrixRMaj> D_TRANSPOSED = ThreadLocal.withInitial(() -> new DMatrixRMaj(1, 1));

    /**
     * Runs the product; {@code concurrent} picks the {@code CommonOps_MT_*} forms. Operands
     * are validated (same dtype, matching shapes, {@code c} distinct from {@code a} and {@code b}).
     */
    static void run(boolean transA, boolean transB, double alpha, EjmlTensor a, EjmlTensor b, double beta,
                    EjmlTensor c, boolean concurrent) {
        int form = transA ? 1 : 0;
        boolean accumulate = beta != 0;
        if (a.isFloat()) {
            FMatrixRMaj cm = c.fmatrix();
            if (accumulate && beta != 1) {
                CommonOps_FDRM.scale((float) beta, cm);
            }
            FMatrixRMaj bm = transB ? transposed(b.fmatrix()) : b.fmatrix();
            FProduct[] forms = concurrent ? (accumulate ? F_MT_ADD : F_MT_SET) : (accumulate ? F_ADD : F_SET);
            forms[form].run((float) alpha, a.fmatrix(), bm, cm);
        } else {
            DMatrixRMaj cm = c.dmatrix();
            if (accumulate && beta != 1) {
                CommonOps_DDRM.scale(beta, cm);
            }
            DMatrixRMaj bm = transB ? transposed(b.dmatrix()) : b.dmatrix();
            DProduct[] forms = concurrent ? (accumulate ? D_MT_ADD : D_MT_SET) : (accumulate ? D_ADD : D_SET);
            forms[form].run(alpha, a.dmatrix(), bm, cm);
        }
    }

    /** {@code bᵀ} in this thread's FLOAT32 scratch (valid until the thread's next transposed product). */
    private static FMatrixRMaj transposed(FMatrixRMaj b) {
        FMatrixRMaj bt = F_TRANSPOSED.get();
        bt.reshape(b.numCols, b.numRows);
        CommonOps_FDRM.transpose(b, bt);
        return bt;
    }

    /** {@code bᵀ} in this thread's FLOAT64 scratch (valid until the thread's next transposed product). */
    private static DMatrixRMaj transposed(DMatrixRMaj b) {
        DMatrixRMaj bt = D_TRANSPOSED.get();
        bt.reshape(b.numCols, b.numRows);
        CommonOps_DDRM.transpose(b, bt);
        return bt;
    }
}
