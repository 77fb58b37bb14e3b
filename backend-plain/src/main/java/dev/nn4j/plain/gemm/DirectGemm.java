package dev.nn4j.plain.gemm;

/**
 * Plain loops for products too small or too thin to pay for packing (tiny layers, single
 * samples, matrix-vector shapes): no packing, no allocation. Rows of C accumulate rows of
 * op(B) when B is not transposed; otherwise each element is a contiguous dot product.
 */
final class DirectGemm {
    private DirectGemm() {
    }

    /** {@code C = beta * C}; with {@code beta == 0} C is zeroed whatever it held (even NaN). */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C}; sizes are positive and validated. */
    static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        // Step between consecutive p in one row of op(A), and between consecutive rows i.
        int aStepP = transA ? lda : 1;
        int aStepI = transA ? 1 : lda;
        if (transB) {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * aStepI;
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p * aStepP] * b[bj + p];
                    }
                    c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
                }
            }
            return;
        }
        scale(m, n, beta, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aStepI;
            int ci = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                float aip = alpha * a[ai + p * aStepP];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
