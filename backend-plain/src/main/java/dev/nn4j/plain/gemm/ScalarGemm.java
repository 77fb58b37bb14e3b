package dev.nn4j.plain.gemm;

import java.util.Arrays;

/**
 * The plain-Java engine, used when the Vector API module is absent: a {@value #MR}-row by
 * {@value #NR}-column tile accumulated in four separate row arrays, with op(B) packed into
 * separate rows of {@value #NR} floats. Every inner loop runs from index 0 over whole row arrays,
 * the form C2 auto-vectorises: measured on JDK 17, the same four-row update reading B at an offset
 * in one flat array stayed scalar (3-5 GFLOP/s) and over zero-based rows it vectorised (15-27);
 * rows of 32 left the vectorised loop body unused, 128 and 256 were equally fast.
 */
final class ScalarGemm extends GemmEngine {
    /** Rows of the tile. */
    static final int MR = 4;
    /** Columns of the tile: long rows, so the vectorised loop body runs many times per call. */
    static final int NR = 128;

    ScalarGemm() {
        super(MR, NR, 256, 32 * MR, 2048);
    }

    @Override
    String name() {
        return "scalar " + MR + "x" + NR;
    }

    /** Below 32x32x32, or with fewer than 64 columns (the tile is 128 wide), direct loops are faster. */
    @Override
    boolean prefersDirect(int m, int n, int k) {
        return (long) m * n * k <= 32L * 32 * 32 || n < NR / 2 || m < MR;
    }

    @Override
    void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, Workspace ws) {
        Packing.packBRows(transB, b, bOff, ldb, p0, j0, kc, nc, NR, ws.packBRows(roundUp(nc, NR) / NR * kc, NR));
    }

    @Override
    void kernel(int kc, float[] pa, int aIdx, Workspace ws, int jr, float[] c, int cIdx, int ldc,
                boolean accumulate) {
        float[][] rows = ws.packedBRows();
        float[][] acc = ws.accumulators(MR, NR);
        float[] t0 = acc[0];
        float[] t1 = acc[1];
        float[] t2 = acc[2];
        float[] t3 = acc[3];
        for (float[] t : acc) {
            Arrays.fill(t, 0f);
        }
        int first = jr / NR * kc;
        for (int p = 0, ai = aIdx; p < kc; p++, ai += MR) {
            float a0 = pa[ai];
            float a1 = pa[ai + 1];
            float a2 = pa[ai + 2];
            float a3 = pa[ai + 3];
            float[] b = rows[first + p];
            for (int j = 0; j < NR; j++) {
                float bj = b[j];
                t0[j] += a0 * bj;
                t1[j] += a1 * bj;
                t2[j] += a2 * bj;
                t3[j] += a3 * bj;
            }
        }
        for (int i = 0; i < MR; i++) {
            float[] t = acc[i];
            int ci = cIdx + i * ldc;
            if (accumulate) {
                for (int j = 0; j < NR; j++) {
                    c[ci + j] += t[j];
                }
            } else {
                System.arraycopy(t, 0, c, ci, NR);
            }
        }
    }
}
