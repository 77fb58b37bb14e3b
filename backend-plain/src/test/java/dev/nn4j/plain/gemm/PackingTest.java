package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Packing#packA} against the layout it documents, element by element: panel {@code ir / mr}
 * holds {@code alpha * op(A)(i0 + ir + i, p0 + p)} at {@code ir * kc + p * mr + i}, zero past the
 * last row. Covers the unrolled six-row groups (mr 6 and 12), the generic loops (mr 4 and 5, edge
 * panels), both orientations of A and offsets inside a larger matrix.
 */
class PackingTest {
    @Test
    void packedAFollowsThePanelLayout() {
        Random r = new Random(7);
        int rowsA = 41;
        int colsA = 37;
        float[] a = new float[3 + rowsA * colsA];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (boolean transA : new boolean[] {false, true}) {
            for (int mr : new int[] {4, 5, 6, 12}) {
                for (int[] block : new int[][] {{0, 0, 24, 19}, {5, 3, 31, 17}, {2, 7, 13, 1}, {0, 0, 36, 30}}) {
                    check(a, transA, mr, block[0], block[1], block[2], block[3], rowsA, colsA);
                }
            }
        }
    }

    private static void check(float[] a, boolean transA, int mr, int i0, int p0, int mc, int kc, int rowsA, int colsA) {
        // op(A) is m x k; stored A is m x k (lda = k) or k x m (lda = m), at offset 3.
        int m = transA ? colsA : rowsA;
        int k = transA ? rowsA : colsA;
        int lda = transA ? m : k;
        float alpha = 1.5f;
        int panels = (mc + mr - 1) / mr;
        float[] dst = new float[panels * mr * kc + 5];
        java.util.Arrays.fill(dst, Float.NaN);
        Packing.packA(transA, alpha, a, 3, lda, i0, p0, mc, kc, mr, dst);
        String where = "transA=" + transA + " mr=" + mr + " block " + i0 + "," + p0 + " " + mc + "x" + kc;
        for (int ir = 0; ir < panels * mr; ir += mr) {
            for (int p = 0; p < kc; p++) {
                for (int i = 0; i < mr; i++) {
                    int row = i0 + ir + i;
                    int col = p0 + p;
                    float expected = ir + i < mc
                            ? alpha * (transA ? a[3 + col * lda + row] : a[3 + row * lda + col]) : 0f;
                    assertEquals(expected, dst[ir * kc + p * mr + i], 0f, where + " at row " + (ir + i) + ", p " + p);
                }
            }
        }
        for (int i = panels * mr * kc; i < dst.length; i++) {
            assertEquals(Float.NaN, dst[i], where + ": wrote past the panels at " + i);
        }
    }
}
