package dev.nn4j.plain.gemm;

import jdk.incubator.vector.FloatVector;

/**
 * The Vector API tile for CPUs with 16 vector registers (AVX2: 16 ymm registers of 8 floats):
 * 6 rows by 2 vectors (6x16 floats on AVX2) held in 12 accumulators, plus 2 registers for the
 * row of packed B and one for the broadcast element of A; the shape of BLIS's and OpenBLAS's
 * Haswell/Zen sgemm kernels. On AMD EPYC Zen 3 it measured 60-74 GFLOP/s single-threaded at
 * 1024³ against 35-39 for the 12x2 tile, which spills accumulators with 16 registers; 4x3
 * (12 accumulators, 3 B vectors) measured 34 GFLOP/s, and unrolling k by 2 made C2 spill
 * (24-33 GFLOP/s).
 *
 * <p>The loop's induction variable is the index into packed A: with a separate counter C2
 * recomputed both indices from it every iteration and kept A's range checks in the loop
 * (48 instructions per 12 FMAs instead of 31). Padding packed A to 8 values per k, so that
 * B's index became a multiple of A's and B's two remaining range checks left the loop too,
 * made C2 hoist the broadcasts and spill three accumulators to the stack: slower. C is stored after the
 * loop by stepping through its rows, as in {@link VectorTile12x2}, so no row offset is live across the
 * loop (on 256-bit vectors of an Intel Xeon: 44.6-47.1 µs per {@code MicroKernelBenchmark} operation
 * against 47.5-48.3 before, within noise).
 *
 * <p>Blocks are BLIS's for Zen (kc 256, mc 144, nc 4080), plus wide blocks of 24 rows for k up to
 * 1024 (see {@link GemmEngine}): single-threaded, interleaved with the standard blocks in one JVM,
 * they measured 1.07-1.17x at 1024³ and 1.25-1.32x at the convolution shapes 12544x64x288 and
 * 3136x128x576, and 0.86x at 128x256x784 (hence at least 256 rows). Loading this
 * class needs
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorTile6x2 extends VectorGemm {
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Vectors per tile row. */
    static final int VECTORS = 2;
    private static final int NR = VECTORS * L;

    VectorTile6x2() {
        this(256, 144, 4080, 24);
    }

    /** Other blocks, for tests that cross block boundaries with small matrices. */
    VectorTile6x2(int kcMax, int mcMax, int ncMax, int wideRows) {
        super(MR, VECTORS, kcMax, mcMax, ncMax, wideRows);
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
    }
}
