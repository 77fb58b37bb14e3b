package dev.nn4j.benchmarks;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * Reference line: EJML's {@code CommonOps_FDRM} product (or {@code CommonOps_MT_FDRM}, which
 * uses all cores) into a preallocated C, with no nn4j code in between.
 */
final class RawEjmlGemm implements GemmCall {
    private final FMatrixRMaj a;
    private final FMatrixRMaj b;
    private final FMatrixRMaj c;
    private final Runnable product;

    RawEjmlGemm(GemmShape shape, float[] aData, float[] bData, boolean concurrent) {
        this.a = new FMatrixRMaj(shape.aRows(), shape.aCols(), true, aData);
        this.b = new FMatrixRMaj(shape.bRows(), shape.bCols(), true, bData);
        this.c = new FMatrixRMaj(shape.m(), shape.n());
        if (shape.transA() && shape.transB()) {
            product = concurrent ? () -> CommonOps_MT_FDRM.multTransAB(a, b, c) : () -> CommonOps_FDRM.multTransAB(a, b, c);
        } else if (shape.transA()) {
            product = concurrent ? () -> CommonOps_MT_FDRM.multTransA(a, b, c) : () -> CommonOps_FDRM.multTransA(a, b, c);
        } else if (shape.transB()) {
            product = concurrent ? () -> CommonOps_MT_FDRM.multTransB(a, b, c) : () -> CommonOps_FDRM.multTransB(a, b, c);
        } else {
            product = concurrent ? () -> CommonOps_MT_FDRM.mult(a, b, c) : () -> CommonOps_FDRM.mult(a, b, c);
        }
    }

    @Override
    public void run() {
        product.run();
    }

    @Override
    public float[] result() {
        return c.data.clone();
    }

    @Override
    public void close() {
        // Heap arrays only: nothing to release.
    }
}
