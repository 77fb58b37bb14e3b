package dev.nn4j.plain;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.plain.gemm.Sgemm;
import dev.nn4j.tensor.Tensor;

/**
 * The plain backend's kernels: core's {@link ArrayKernels}, with FLOAT32 matrix products sent
 * to the packed, register-tiled {@link Sgemm} (Vector API when the module is present).
 * FLOAT64 products keep the reference loops; they serve gradient checks, not training speed.
 */
final class PlainKernels extends ArrayKernels {

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        if (!isFloat(c)) {
            super.gemm(transA, transB, alpha, a, b, beta, c);
            return;
        }
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        Sgemm.sgemm(transA, transB, m, n, k, (float) alpha, floats(a), 0, a.cols(), floats(b), 0, b.cols(),
                (float) beta, floats(c), 0, n);
    }
}
