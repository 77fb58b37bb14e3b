package dev.nn4j.plain.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API engine: a 12x2-vector register tile (12x32 floats with 512-bit vectors) kept in
 * 24 vector registers, updated with one fused multiply-add per register and packed column of A.
 * The accumulators start from C's tile and are stored back once per {@code kc} block: zeroing
 * them and adding to C afterwards made the method exceed C2's inlining node budget, leaving
 * vectors boxed and the kernel 8x slower. 12x32 measured best among 4x48, 6x32, 8x32, 8x48,
 * 12x32 and 14x32 on square and MLP shapes.
 * Loading this class throws {@link NoClassDefFoundError} unless the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; {@link Sgemm} loads it only after checking.
 */
final class VectorGemm extends GemmEngine {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 12;

    VectorGemm() {
        super(MR, 2 * L, 256, 16 * MR, 2048);
    }

    @Override
    String name() {
        return "vector-" + S.vectorBitSize() + " " + MR + "x" + nr;
    }

    /** Below 8x8x8, or thinner than 4 in m or n, direct loops are faster. */
    @Override
    boolean prefersDirect(int m, int n, int k) {
        return (long) m * n * k <= 8 * 8 * 8 || m < 4 || n < 4;
    }

    @Override
    void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, Workspace ws) {
        Packing.packB(transB, b, bOff, ldb, p0, j0, kc, nc, nr, ws.packB(roundUp(nc, nr) * kc));
    }

    @Override
    void kernel(int kc, float[] pa, int aIdx, Workspace ws, int jr, float[] c, int cIdx, int ldc) {
        final int nrStep = nr;
        final float[] pb = ws.packedB();
        final int bIdx = jr * kc;
        int r0 = cIdx;
        FloatVector c00 = FloatVector.fromArray(S, c, r0), c01 = FloatVector.fromArray(S, c, r0 + L);
        int r1 = cIdx + ldc;
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + L);
        int r2 = cIdx + 2 * ldc;
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + L);
        int r3 = cIdx + 3 * ldc;
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + L);
        int r4 = cIdx + 4 * ldc;
        FloatVector c40 = FloatVector.fromArray(S, c, r4), c41 = FloatVector.fromArray(S, c, r4 + L);
        int r5 = cIdx + 5 * ldc;
        FloatVector c50 = FloatVector.fromArray(S, c, r5), c51 = FloatVector.fromArray(S, c, r5 + L);
        int r6 = cIdx + 6 * ldc;
        FloatVector c60 = FloatVector.fromArray(S, c, r6), c61 = FloatVector.fromArray(S, c, r6 + L);
        int r7 = cIdx + 7 * ldc;
        FloatVector c70 = FloatVector.fromArray(S, c, r7), c71 = FloatVector.fromArray(S, c, r7 + L);
        int r8 = cIdx + 8 * ldc;
        FloatVector c80 = FloatVector.fromArray(S, c, r8), c81 = FloatVector.fromArray(S, c, r8 + L);
        int r9 = cIdx + 9 * ldc;
        FloatVector c90 = FloatVector.fromArray(S, c, r9), c91 = FloatVector.fromArray(S, c, r9 + L);
        int r10 = cIdx + 10 * ldc;
        FloatVector c100 = FloatVector.fromArray(S, c, r10), c101 = FloatVector.fromArray(S, c, r10 + L);
        int r11 = cIdx + 11 * ldc;
        FloatVector c110 = FloatVector.fromArray(S, c, r11), c111 = FloatVector.fromArray(S, c, r11 + L);
        for (int p = 0, ai = aIdx, bi = bIdx; p < kc; p++, ai += MR, bi += nrStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, pa[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(S, pa[ai + 8]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(S, pa[ai + 9]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(S, pa[ai + 10]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, pa[ai + 11]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
        c80.intoArray(c, r8);
        c81.intoArray(c, r8 + L);
        c90.intoArray(c, r9);
        c91.intoArray(c, r9 + L);
        c100.intoArray(c, r10);
        c101.intoArray(c, r10 + L);
        c110.intoArray(c, r11);
        c111.intoArray(c, r11 + L);
    }
}
