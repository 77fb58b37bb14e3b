package dev.nn4j.plain.gemm;

import jdk.incubator.vector.FloatVector;

/**
 * The Vector API tile for CPUs with 32 vector registers (AVX-512: 32 zmm registers of 16
 * floats): 12 rows by 2 vectors (12x32 floats on AVX-512) in 24 accumulators. The accumulators
 * start from C's tile and are stored back once per {@code kc} block: zeroing them and adding to
 * C afterwards made the method exceed C2's inlining node budget, leaving vectors boxed and the
 * kernel 8x slower. On AVX-512 12x32 measured best among 4x48, 6x32, 8x32, 8x48, 12x32 and
 * 14x32 on square and MLP shapes (Intel Xeon, AVX-512), and 6x32 reached 145 GFLOP/s in
 * {@code MicroKernelBenchmark} where this tile reached 163-170 (the Intel Xeon kind, whose FMA loop in
 * {@code benchmarks/fma-peak} reaches 220 GFLOP/s per core).
 *
 * <p>The loop's induction variable is the index into packed A (see {@link VectorTile6x2}), and C is
 * stored after the loop by stepping through its rows instead of through twelve row offsets computed
 * before it: the offsets stayed live across the loop, C2 ran out of general registers, kept the loop's
 * indices in vector registers and on the stack, and the kernel ran at 132 GFLOP/s (60% of peak) instead
 * of 163-170 (74-77%). Loading it needs
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorTile12x2 extends VectorGemm {
    /** Rows of the register tile. */
    static final int MR = 12;
    /** Vectors per tile row. */
    static final int VECTORS = 2;
    private static final int NR = VECTORS * L;

    VectorTile12x2() {
        super(MR, VECTORS, 256, 192, 2048);
    }

    @Override
    void kernel(int kc, float[] pa, int aIdx, Workspace ws, int jr, float[] c, int cIdx, int ldc,
                boolean accumulate) {
        final float[] pb = ws.packedB();
        final int bIdx = jr * kc;
        int r0 = cIdx;
        FloatVector c0_0 = start(c, r0, accumulate), c0_1 = start(c, r0 + L, accumulate);
        int r1 = cIdx + ldc;
        FloatVector c1_0 = start(c, r1, accumulate), c1_1 = start(c, r1 + L, accumulate);
        int r2 = cIdx + 2 * ldc;
        FloatVector c2_0 = start(c, r2, accumulate), c2_1 = start(c, r2 + L, accumulate);
        int r3 = cIdx + 3 * ldc;
        FloatVector c3_0 = start(c, r3, accumulate), c3_1 = start(c, r3 + L, accumulate);
        int r4 = cIdx + 4 * ldc;
        FloatVector c4_0 = start(c, r4, accumulate), c4_1 = start(c, r4 + L, accumulate);
        int r5 = cIdx + 5 * ldc;
        FloatVector c5_0 = start(c, r5, accumulate), c5_1 = start(c, r5 + L, accumulate);
        int r6 = cIdx + 6 * ldc;
        FloatVector c6_0 = start(c, r6, accumulate), c6_1 = start(c, r6 + L, accumulate);
        int r7 = cIdx + 7 * ldc;
        FloatVector c7_0 = start(c, r7, accumulate), c7_1 = start(c, r7 + L, accumulate);
        int r8 = cIdx + 8 * ldc;
        FloatVector c8_0 = start(c, r8, accumulate), c8_1 = start(c, r8 + L, accumulate);
        int r9 = cIdx + 9 * ldc;
        FloatVector c9_0 = start(c, r9, accumulate), c9_1 = start(c, r9 + L, accumulate);
        int r10 = cIdx + 10 * ldc;
        FloatVector c10_0 = start(c, r10, accumulate), c10_1 = start(c, r10 + L, accumulate);
        int r11 = cIdx + 11 * ldc;
        FloatVector c11_0 = start(c, r11, accumulate), c11_1 = start(c, r11 + L, accumulate);
        for (int ai = aIdx, bi = bIdx, end = aIdx + kc * MR; ai < end; ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, pa[ai]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, pa[ai + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, pa[ai + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, pa[ai + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, pa[ai + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, pa[ai + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, pa[ai + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, pa[ai + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, pa[ai + 8]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, pa[ai + 9]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, pa[ai + 10]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, pa[ai + 11]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
        }
        int r = cIdx;
        c0_0.intoArray(c, r);
        c0_1.intoArray(c, r + L);
        r += ldc;
        c1_0.intoArray(c, r);
        c1_1.intoArray(c, r + L);
        r += ldc;
        c2_0.intoArray(c, r);
        c2_1.intoArray(c, r + L);
        r += ldc;
        c3_0.intoArray(c, r);
        c3_1.intoArray(c, r + L);
        r += ldc;
        c4_0.intoArray(c, r);
        c4_1.intoArray(c, r + L);
        r += ldc;
        c5_0.intoArray(c, r);
        c5_1.intoArray(c, r + L);
        r += ldc;
        c6_0.intoArray(c, r);
        c6_1.intoArray(c, r + L);
        r += ldc;
        c7_0.intoArray(c, r);
        c7_1.intoArray(c, r + L);
        r += ldc;
        c8_0.intoArray(c, r);
        c8_1.intoArray(c, r + L);
        r += ldc;
        c9_0.intoArray(c, r);
        c9_1.intoArray(c, r + L);
        r += ldc;
        c10_0.intoArray(c, r);
        c10_1.intoArray(c, r + L);
        r += ldc;
        c11_0.intoArray(c, r);
        c11_1.intoArray(c, r + L);
    }
}
