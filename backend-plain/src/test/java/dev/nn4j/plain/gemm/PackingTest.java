package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Packed A against the layout {@link Packing#packA} documents, element by element: panel {@code ir / mr}
 * holds {@code alpha * op(A)(i0 + ir + i, p0 + p)} at {@code ir * kc + p * mr + i}, zero past the last
 * row, nothing written past the panels. Covers {@link Packing}'s unrolled six-row groups (mr 6 and 12),
 * eight-row groups (mr 8, 16 and 32, the widths of transposed B's panels) and generic loops (mr 4 and 5,
 * edge panels), packed B in both orientations, and every engine's own {@link GemmEngine#packA} (the
 * Vector API tiles copy transposed A with vectors), for both orientations of A, offsets inside a
 * larger matrix, kc = 1 and blocks ending at the last stored value.
 */
class PackingTest {
    private interface Packer {
        void pack(boolean transA, float alpha, float[] a, int aOff, int lda, int m, int i0, int p0, int mc, int kc,
                  float[] dst);
    }

    private static final int ROWS_A = 41;
    private static final int COLS_A = 37;
    /**
     * {i0, p0, mc, kc}; a block outside op(A) in one orientation is skipped there. The last two end at A's last
     * stored value when A is transposed, so a load past op(A)'s rows reads past the array and throws.
     */
    private static final int[][] BLOCKS = {{0, 0, 24, 19}, {5, 3, 31, 17}, {2, 7, 13, 1}, {0, 0, 36, 30},
        {11, 4, 26, 33}, {13, 39, 24, 2}, {1, 35, 36, 6}};

    @Test
    void packingLoopsFollowThePanelLayout() {
        for (int mr : new int[] {4, 5, 6, 8, 12, 16, 32}) {
            checkAll("Packing mr=" + mr, mr, (t, al, a, ao, lda, m, i0, p0, mc, kc, dst)
                -> Packing.packA(t, al, a, ao, lda, i0, p0, mc, kc, mr, dst));
        }
    }

    /** Panel {@code jr / nr} holds {@code op(B)(p0 + p, j0 + jr + j)} at {@code jr * kc + p * nr + j}, zero past the last column. */
    @Test
    void packedBFollowsThePanelLayoutInBothOrientations() {
        Random r = new Random(11);
        int rows = 45;
        int cols = 39;
        float[] b = new float[2 + rows * cols];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
        }
        for (int nr : new int[] {8, 16, 32}) {
            for (boolean transB : new boolean[] {false, true}) {
                // op(B) is k x n: stored k x n (ldb = n), or n x k (ldb = k), at offset 2.
                int k = transB ? cols : rows;
                int n = transB ? rows : cols;
                int ldb = transB ? k : n;
                for (int[] block : new int[][] {{0, 0, k, n}, {3, 5, 17, 33}, {k - 1, n - 9, 1, 9}}) {
                    int p0 = block[0];
                    int j0 = block[1];
                    int kc = block[2];
                    int nc = block[3];
                    int panels = (nc + nr - 1) / nr;
                    float[] dst = new float[panels * nr * kc + 3];
                    Arrays.fill(dst, Float.NaN);
                    Packing.packB(transB, b, 2, ldb, p0, j0, kc, nc, nr, dst);
                    String where = "packB nr=" + nr + " transB=" + transB + " block " + p0 + "," + j0 + " " + kc + "x" + nc;
                    for (int jr = 0; jr < panels * nr; jr += nr) {
                        for (int p = 0; p < kc; p++) {
                            for (int j = 0; j < nr; j++) {
                                int row = p0 + p;
                                int col = j0 + jr + j;
                                float expected = jr + j < nc ? (transB ? b[2 + col * ldb + row] : b[2 + row * ldb + col]) : 0f;
                                assertEquals(expected, dst[jr * kc + p * nr + j], 0f, where + " at p " + p + ", column " + (jr + j));
                            }
                        }
                    }
                    for (int i = panels * nr * kc; i < dst.length; i++) {
                        assertEquals(Float.NaN, dst[i], where + ": wrote past the panels at " + i);
                    }
                }
            }
        }
    }

    @Test
    void everyEnginePacksTheSameLayout() {
        List<GemmEngine> engines = new ArrayList<>(GemmEnginesTest.vectorTiles());
        engines.add(new ScalarGemm());
        for (GemmEngine e : engines) {
            checkAll(e.name(), e.mr, e::packA);
        }
    }

    private static void checkAll(String who, int mr, Packer packer) {
        Random r = new Random(7);
        float[] a = new float[3 + ROWS_A * COLS_A];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (boolean transA : new boolean[] {false, true}) {
            for (int[] block : BLOCKS) {
                check(who, packer, a, transA, mr, block[0], block[1], block[2], block[3]);
            }
        }
    }

    private static void check(String who, Packer packer, float[] a, boolean transA, int mr,
                              int i0, int p0, int mc, int kc) {
        // op(A) is m x k; stored A is m x k (lda = k) or k x m (lda = m), at offset 3.
        int m = transA ? COLS_A : ROWS_A;
        int k = transA ? ROWS_A : COLS_A;
        int lda = transA ? m : k;
        if (i0 + mc > m || p0 + kc > k) {
            return;
        }
        float alpha = 1.5f;
        int panels = (mc + mr - 1) / mr;
        float[] dst = new float[panels * mr * kc + 5];
        Arrays.fill(dst, Float.NaN);
        packer.pack(transA, alpha, a, 3, lda, m, i0, p0, mc, kc, dst);
        String where = who + " transA=" + transA + " block " + i0 + "," + p0 + " " + mc + "x" + kc;
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
