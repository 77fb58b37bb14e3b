package dev.nn4j.backend.array;

import java.util.Arrays;

/**
 * Matrix products over row-major arrays: {@code C[m x n] = alpha · op(A) · op(B) + beta · C}
 * with {@code k} the shared dimension. No transpose is materialised: op(A)'s element
 * {@code (i, p)} is read at {@code a[i·aRow + p·aCol]}, i.e. strides {@code (k, 1)} for A
 * stored {@code [m x k]} and {@code (1, m)} for A stored {@code [k x m]} and transposed.
 *
 * <p>FLOAT32 (training) has two loop nests, both with a unit-stride inner loop:
 * <ul>
 *   <li>op(B) = B ({@code [k x n]}): i-k-j, adding {@code alpha·op(A)[i][p]} times row p of B
 *       to row i of C. Row i of C stays in cache while B streams; op(A) is read once per
 *       (i, p), outside the inner loop, so a transposed A costs only a strided scalar read.</li>
 *   <li>op(B) = Bᵀ (B stored {@code [n x k]}): {@code C[i][j]} is the dot product of op(A)'s
 *       row i with row j of B, accumulated in float as BLAS does.</li>
 * </ul>
 * FLOAT64 exists for gradient checks and uses one general i-k-j nest for all four cases
 * (strided inner loop when B is transposed).
 *
 * <p>C is first cleared ({@code beta == 0}, so old NaN vanish) or scaled by beta, then the
 * products are accumulated into it; with {@code alpha == 0} A and B are not read. Each form
 * also takes offsets, so that a batched product runs on slices of one array. Cost
 * {@code 2·m·n·k} flops, no allocation.
 */
final class ArrayGemm {
    private ArrayGemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, float[] a, float[] b, double beta, float[] c) {
        gemm(transA, transB, m, n, k, alpha, a, 0, b, 0, beta, c, 0);
    }

    /** As above on matrices starting at {@code aOff}, {@code bOff} and {@code cOff} of their arrays (a batch's slices). */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, float[] a, int aOff, float[] b, int bOff, double beta, float[] c, int cOff) {
        if (beta == 0) {
            Arrays.fill(c, cOff, cOff + m * n, 0f);
        } else if (beta != 1) {
            FloatLoops.scale(c, cOff, (float) beta, m * n);
        }
        if (alpha == 0) {
            return;
        }
        int aRow = transA ? 1 : k;
        int aCol = transA ? m : 1;
        if (transB) {
            rowDots(m, n, k, (float) alpha, a, aOff, aRow, aCol, b, bOff, c, cOff);
        } else {
            rowUpdates(m, n, k, (float) alpha, a, aOff, aRow, aCol, b, bOff, c, cOff);
        }
    }

    /** {@code C += alpha · op(A) · B}, i-k-j order. */
    private static void rowUpdates(int m, int n, int k, float alpha, float[] a, int aOff, int aRow, int aCol,
                                   float[] b, int bOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int cStart = cOff + i * n;
            int aStart = aOff + i * aRow;
            for (int p = 0; p < k; p++) {
                float s = alpha * a[aStart + p * aCol];
                int bStart = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[cStart + j] += s * b[bStart + j];
                }
            }
        }
    }

    /** {@code C += alpha · op(A) · Bᵀ} with B stored {@code [n x k]}: row dot products. */
    private static void rowDots(int m, int n, int k, float alpha, float[] a, int aOff, int aRow, int aCol,
                                float[] b, int bOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int cStart = cOff + i * n;
            int aStart = aOff + i * aRow;
            for (int j = 0; j < n; j++) {
                int bStart = bOff + j * k;
                float dot = 0f;
                for (int p = 0, ap = aStart; p < k; p++, ap += aCol) {
                    dot += a[ap] * b[bStart + p];
                }
                c[cStart + j] += alpha * dot;
            }
        }
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, double[] b, double beta, double[] c) {
        gemm(transA, transB, m, n, k, alpha, a, 0, b, 0, beta, c, 0);
    }

    /** As above on matrices starting at {@code aOff}, {@code bOff} and {@code cOff} of their arrays (a batch's slices). */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        if (beta == 0) {
            Arrays.fill(c, cOff, cOff + m * n, 0.0);
        } else if (beta != 1) {
            DoubleLoops.scale(c, cOff, beta, m * n);
        }
        if (alpha == 0) {
            return;
        }
        int aRow = transA ? 1 : k;
        int aCol = transA ? m : 1;
        int bRow = transB ? 1 : n;
        int bCol = transB ? k : 1;
        for (int i = 0; i < m; i++) {
            int cStart = cOff + i * n;
            for (int p = 0; p < k; p++) {
                double s = alpha * a[aOff + i * aRow + p * aCol];
                int bStart = bOff + p * bRow;
                for (int j = 0; j < n; j++) {
                    c[cStart + j] += s * b[bStart + j * bCol];
                }
            }
        }
    }
}
