package dev.nn4j.plain.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API engines: a register tile of {@code mr} rows by a few vectors of the JVM's
 * preferred species, updated with one fused multiply-add per accumulator and packed column of
 * A. Subclasses are the tiles ({@link VectorTile12x2} for 32 registers, {@link VectorTile6x2}
 * for 16); {@link #forThisCpu()} picks one from the vector width and the register count that
 * goes with it.
 *
 * <p>Loading this class throws {@link NoClassDefFoundError} unless the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; {@link Engines} loads it only after checking.
 */
abstract class VectorGemm extends GemmEngine {
    /** The species every tile uses: a compile-time constant for C2, or the kernels stay boxed. */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int L = S.length();

    /** Tile {@code mr x (vectors * L)} with the given cache blocks. */
    VectorGemm(int mr, int vectors, int kcMax, int mcMax, int ncMax) {
        super(mr, vectors * L, kcMax, mcMax, ncMax);
    }

    /** As above, with wide blocks of {@code wideRows} rows (see {@link GemmEngine}). */
    VectorGemm(int mr, int vectors, int kcMax, int mcMax, int ncMax, int wideRows) {
        super(mr, vectors * L, kcMax, mcMax, ncMax, wideRows);
    }

    /**
     * The tile for this CPU. x86 CPUs with 512-bit vectors (AVX-512) have 32 vector registers,
     * those with 256-bit vectors (AVX2) or less have 16; 64-bit ARM has 32 whatever the width.
     * 32 registers take the 12x2 tile (24 accumulators), 16 take 6x2 (12 accumulators).
     */
    static VectorGemm forThisCpu() {
        return vectorRegisters() >= 32 ? new VectorTile12x2() : new VectorTile6x2();
    }

    /** Vector registers the JIT can use, judged from the architecture and the preferred width. */
    static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "");
        return S.vectorBitSize() >= 512 || arch.equals("aarch64") ? 32 : 16;
    }

    /** A tile's starting accumulator: {@code L} floats of C at {@code i}, or zeros when C is only written. */
    static FloatVector start(float[] c, int i, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(S, c, i) : FloatVector.zero(S);
    }

    @Override
    String name() {
        return "vector-" + S.vectorBitSize() + " " + mr + "x" + nr;
    }

    /** Below 8x8x8, or thinner than 4 in m or n, direct loops are faster. */
    @Override
    boolean prefersDirect(int m, int n, int k) {
        return (long) m * n * k <= 8 * 8 * 8 || m < 4 || n < 4;
    }

    /**
     * Transposed A is copied with vectors: each {@code p} of a full panel is {@code mr} neighbouring values of
     * one stored row. With {@code mr >= L} the copies tile the {@code mr} values exactly (the last one
     * overlapping the one before); with {@code mr < L} (6 rows on AVX2, 12 on AVX-512) each copy also writes
     * the start of the next {@code p}'s slot, which the next copy overwrites, so the panel's last {@code p}
     * is copied value by value. Everything else goes to {@link Packing#packA}.
     */
    @Override
    void packA(boolean transA, float alpha, float[] a, int aOff, int lda, int i0, int p0, int mc, int kc, float[] dst) {
        if (!transA) {
            Packing.packA(false, alpha, a, aOff, lda, i0, p0, mc, kc, mr, dst);
            return;
        }
        int full = mc - mc % mr;
        for (int ir = 0; ir < full; ir += mr) {
            int src = aOff + p0 * lda + i0 + ir;
            int d = ir * kc;
            if (mr >= L) {
                for (int p = 0; p < kc; p++, src += lda, d += mr) {
                    for (int o = 0; o + L <= mr; o += L) {
                        FloatVector.fromArray(S, a, src + o).mul(alpha).intoArray(dst, d + o);
                    }
                    if (mr % L != 0) {
                        FloatVector.fromArray(S, a, src + mr - L).mul(alpha).intoArray(dst, d + mr - L);
                    }
                }
            } else {
                for (int p = 0; p < kc - 1; p++, src += lda, d += mr) {
                    FloatVector.fromArray(S, a, src).mul(alpha).intoArray(dst, d);
                }
                for (int i = 0; i < mr; i++) {
                    dst[d + i] = alpha * a[src + i];
                }
            }
        }
        if (full < mc) {
            Packing.packA(true, alpha, a, aOff, lda, i0 + full, p0, mc - full, kc, mr, dst, full * kc);
        }
    }

    @Override
    void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, Workspace ws) {
        Packing.packB(transB, b, bOff, ldb, p0, j0, kc, nc, nr, ws.packB(roundUp(nc, nr) * kc));
    }
}
