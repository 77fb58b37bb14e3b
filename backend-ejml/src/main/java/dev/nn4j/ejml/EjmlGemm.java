package dev.nn4j.ejml;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * {@code C = alpha * op(A) * op(B) + beta * C} on EJML, for both dtypes.
 *
 * <p>FLOAT32 runs on EJML's tile kernel through {@link FloatTiles} (row blocks of C over
 * EJML's pool when {@code parts > 1}). FLOAT64 runs on {@code CommonOps_DDRM}'s products,
 * single-threaded or with the concurrent {@code CommonOps_MT_DDRM} variants when
 * {@code parts > 1}: {@code mult*} (overwrites C) when {@code beta == 0}, so a NaN left in C
 * disappears; otherwise C is scaled in place by beta (skipped for 1) and {@code multAdd*}
 * accumulates. A transposed A maps to {@code multTransA}/{@code multAddTransA}; a transposed B
 * is first copied into a per-thread scratch matrix with EJML's blocked {@code transpose}
 * (EJML's {@code *TransB} products take a dot product per element of C and ran 1.5-3x
 * slower). The FLOAT64 path serves reference and gradient-check work, where speed matters
 * less; every speed target is FLOAT32.
 *
 * <p>EJML writes C through the shared array and never reallocates it, because the shapes
 * were validated by {@link dev.nn4j.tensor.Ops} and C already has {@code rows x cols}
 * elements.
 */
final class EjmlGemm {
    private EjmlGemm() {
    }

    /** One FLOAT64 product form. */
    @FunctionalInterface
    private interface DProduct {
        void run(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);
    }

    // Indexed by transA ? 1 : 0; B always enters untransposed.
    private static final DProduct[] D_SET = {CommonOps_DDRM::mult, CommonOps_DDRM::multTransA};
    private static final DProduct[] D_ADD = {CommonOps_DDRM::multAdd, CommonOps_DDRM::multAddTransA};
    private static final DProduct[] D_MT_SET = {CommonOps_MT_DDRM::mult, CommonOps_MT_DDRM::multTransA};
    private static final DProduct[] D_MT_ADD = {CommonOps_MT_DDRM::multAdd, CommonOps_MT_DDRM::multAddTransA};

    private static final ThreadLocal<DMatrixRMaj> D_TRANSPOSED = ThreadLocal.withInitial(() -> new DMatrixRMaj(1, 1));

    /**
     * Runs the product on {@code parts} threads of EJML's pool (1: the calling thread only).
     * Operands are validated (same dtype, matching shapes, {@code c} distinct from {@code a}
     * and {@code b}).
     */
    static void run(boolean transA, boolean transB, double alpha, EjmlTensor a, EjmlTensor b, double beta,
                    EjmlTensor c, int parts) {
        if (a.isFloat()) {
            FMatrixRMaj am = a.fmatrix();
            FMatrixRMaj cm = c.fmatrix();
            FloatTiles.run(transA, transB, cm.numRows, cm.numCols, transA ? am.numRows : am.numCols, (float) alpha,
                    am.data, b.fmatrix().data, (float) beta, cm.data, parts);
            return;
        }
        boolean accumulate = beta != 0;
        DMatrixRMaj cm = c.dmatrix();
        if (accumulate && beta != 1) {
            CommonOps_DDRM.scale(beta, cm);
        }
        DMatrixRMaj bm = transB ? transposed(b.dmatrix()) : b.dmatrix();
        DProduct[] forms = parts > 1 ? (accumulate ? D_MT_ADD : D_MT_SET) : (accumulate ? D_ADD : D_SET);
        forms[transA ? 1 : 0].run(alpha, a.dmatrix(), bm, cm);
    }

    /** {@code bᵀ} in this thread's FLOAT64 scratch (valid until the thread's next transposed product). */
    private static DMatrixRMaj transposed(DMatrixRMaj b) {
        DMatrixRMaj bt = D_TRANSPOSED.get();
        bt.reshape(b.numCols, b.numRows);
        CommonOps_DDRM.transpose(b, bt);
        return bt;
    }
}
