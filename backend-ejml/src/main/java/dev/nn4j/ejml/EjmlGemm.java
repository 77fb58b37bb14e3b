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
 * accumulates. The four transpose combinations map to {@code mult}, {@code multTransA},
 * {@code multTransB} and {@code multTransAB}, so no transpose is materialised.
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

    // Indexed by (transA ? 2 : 0) | (transB ? 1 : 0).
    private static final FProduct[] F_SET = {
        CommonOps_FDRM::mult, CommonOps_FDRM::multTransB, CommonOps_FDRM::multTransA, CommonOps_FDRM::multTransAB};
    private static final FProduct[] F_ADD = {
        CommonOps_FDRM::multAdd, CommonOps_FDRM::multAddTransB, CommonOps_FDRM::multAddTransA, CommonOps_FDRM::multAddTransAB};
    private static final FProduct[] F_MT_SET = {
        CommonOps_MT_FDRM::mult, CommonOps_MT_FDRM::multTransB, CommonOps_MT_FDRM::multTransA, CommonOps_MT_FDRM::multTransAB};
    private static final FProduct[] F_MT_ADD = {
        CommonOps_MT_FDRM::multAdd, CommonOps_MT_FDRM::multAddTransB, CommonOps_MT_FDRM::multAddTransA,
        CommonOps_MT_FDRM::multAddTransAB};

    private static final DProduct[] D_SET = {
        CommonOps_DDRM::mult, CommonOps_DDRM::multTransB, CommonOps_DDRM::multTransA, CommonOps_DDRM::multTransAB};
    private static final DProduct[] D_ADD = {
        CommonOps_DDRM::multAdd, CommonOps_DDRM::multAddTransB, CommonOps_DDRM::multAddTransA, CommonOps_DDRM::multAddTransAB};
    private static final DProduct[] D_MT_SET = {
        CommonOps_MT_DDRM::mult, CommonOps_MT_DDRM::multTransB, CommonOps_MT_DDRM::multTransA, CommonOps_MT_DDRM::multTransAB};
    private static final DProduct[] D_MT_ADD = {
        CommonOps_MT_DDRM::multAdd, CommonOps_MT_DDRM::multAddTransB, CommonOps_MT_DDRM::multAddTransA,
        CommonOps_MT_DDRM::multAddTransAB};

    /**
     * Runs the product; {@code concurrent} picks the {@code CommonOps_MT_*} forms. Operands
     * are validated (same dtype, matching shapes, {@code c} distinct from {@code a} and {@code b}).
     */
    static void run(boolean transA, boolean transB, double alpha, EjmlTensor a, EjmlTensor b, double beta,
                    EjmlTensor c, boolean concurrent) {
        int form = (transA ? 2 : 0) | (transB ? 1 : 0);
        boolean accumulate = beta != 0;
        if (a.isFloat()) {
            FMatrixRMaj cm = c.fmatrix();
            if (accumulate && beta != 1) {
                CommonOps_FDRM.scale((float) beta, cm);
            }
            FProduct[] forms = concurrent ? (accumulate ? F_MT_ADD : F_MT_SET) : (accumulate ? F_ADD : F_SET);
            forms[form].run((float) alpha, a.fmatrix(), b.fmatrix(), cm);
        } else {
            DMatrixRMaj cm = c.dmatrix();
            if (accumulate && beta != 1) {
                CommonOps_DDRM.scale(beta, cm);
            }
            DProduct[] forms = concurrent ? (accumulate ? D_MT_ADD : D_MT_SET) : (accumulate ? D_ADD : D_SET);
            forms[form].run(alpha, a.dmatrix(), b.dmatrix(), cm);
        }
    }
}
