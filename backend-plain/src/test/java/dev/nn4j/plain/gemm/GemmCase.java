package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One random gemm problem with its independent answer: operands are stored in arrays with a
 * leading offset and row padding filled with a sentinel, C starts as NaN when beta is 0, and
 * {@link #check} compares C with a naive double-precision triple loop and verifies that no
 * element outside C's {@code m x n} window changed.
 */
final class GemmCase {
    static final float SENTINEL = -777f;

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    final int aOff;
    final int lda;
    final int bOff;
    final int ldb;
    final int cOff;
    final int ldc;
    final float[] a;
    final float[] b;
    final float[] c;
    private final float[] c0;

    GemmCase(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, boolean padded, long seed) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        Random r = new Random(seed);
        int pad = padded ? 3 : 0;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        aOff = padded ? 5 : 0;
        bOff = padded ? 2 : 0;
        cOff = padded ? 7 : 0;
        lda = Math.max(1, aCols + pad);
        ldb = Math.max(1, bCols + pad);
        ldc = Math.max(1, n + pad);
        a = matrix(r, aOff, aRows, aCols, lda, false);
        b = matrix(r, bOff, bRows, bCols, ldb, false);
        c = matrix(r, cOff, m, n, ldc, beta == 0f);
        c0 = c.clone();
    }

    private static float[] matrix(Random r, int off, int rows, int cols, int ld, boolean nan) {
        float[] x = new float[off + rows * ld + 4];
        java.util.Arrays.fill(x, SENTINEL);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[off + i * ld + j] = nan ? Float.NaN : r.nextFloat() * 2f - 1f;
            }
        }
        return x;
    }

    double opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    double opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** Puts C back to its starting values, so the same case can run again. */
    void reset() {
        System.arraycopy(c0, 0, c, 0, c.length);
    }

    /** Asserts C = alpha op(A) op(B) + beta C0 within 1e-4 relative to the size of the terms, and nothing else changed. */
    void check(String what) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    sum += opA(i, p) * opB(p, j);
                    magnitude += Math.abs(opA(i, p) * opB(p, j));
                }
                double old = beta == 0f ? 0 : c0[cOff + i * ldc + j];
                double expected = alpha * sum + beta * old;
                double scale = Math.abs(alpha) * magnitude + Math.abs(beta * old) + 1e-30;
                double got = c[cOff + i * ldc + j];
                String at = "C(" + i + "," + j + ")";
                assertTrue(Math.abs(got - expected) <= 1e-4 * scale,
                        () -> what + " " + this + ": " + at + " = " + got + ", expected " + expected);
            }
        }
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                assertEquals(c0[idx], c[idx], what + " " + this + ": wrote outside C at index " + idx);
            }
        }
    }

    @Override
    public String toString() {
        return (transA ? "Aᵀ" : "A") + "·" + (transB ? "Bᵀ" : "B") + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " offsets=" + aOff + "/" + bOff + "/" + cOff
                + " ld=" + lda + "/" + ldb + "/" + ldc;
    }

    /** Every transpose combination, three alpha/beta pairs and padded or tight storage for each m x n x k. */
    static List<GemmCase> all(int[][] shapes) {
        float[][] alphaBeta = {{1f, 0f}, {0.5f, 2f}, {-1.5f, 1f}};
        List<GemmCase> cases = new ArrayList<>();
        long seed = 1;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (float[] ab : alphaBeta) {
                    cases.add(new GemmCase((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1], seed % 2 == 0, seed));
                    seed++;
                }
            }
        }
        return cases;
    }
}
