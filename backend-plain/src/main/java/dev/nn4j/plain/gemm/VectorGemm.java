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
    /** The species every tile uses ({@link VectorWidth}): a compile-time constant for C2, or the kernels stay boxed. */
    static final VectorSpecies<Float> S = VectorWidth.FLOAT;
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

    /** The system property that forces the tile's rows: {@code 12} or {@code 6}, for measuring tiles. */
    static final String TILE_ROWS_PROPERTY = "nn4j.plain.tileRows";

    /**
     * The tile for this CPU. x86 CPUs with 512-bit vectors (AVX-512) have 32 vector registers,
     * those with 256-bit vectors (AVX2) or less have 16; 64-bit ARM has 32 whatever the width.
     * 32 registers take the 12x2 tile (24 accumulators), 16 take 6x2 (12 accumulators), unless
     * {@value #TILE_ROWS_PROPERTY} names the rows.
     */
    static VectorGemm forThisCpu() {
        String rows = System.getProperty(TILE_ROWS_PROPERTY, "");
        switch (rows) {
            case "":
                return vectorRegisters() >= 32 ? new VectorTile12x2() : new VectorTile6x2();
            case "12":
                return new VectorTile12x2();
            case "6":
                return new VectorTile6x2();
            default:
                throw new IllegalStateException(TILE_ROWS_PROPERTY + "=" + rows + ": the tile has 12 or 6 rows;"
                        + " unset it to let the vector registers decide");
        }
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
     * Transposed A is copied with vectors of the tile's species: each {@code p} of a full panel is {@code mr}
     * neighbouring values of one stored row. With {@code mr >= L} the copies tile the {@code mr} values exactly
     * (the last one overlapping the one before). With {@code mr < L} (12 rows on 512-bit vectors, 6 on 256 or
     * 512) each copy of {@code L} values also writes the start of the following slots, which the following
     * copies overwrite; so only the {@code p} whose copy ends inside the panel use vectors and the last one or
     * two are copied value by value, and a panel whose {@code L}-value loads would reach past the last of
     * A's {@code m} rows goes to {@link Packing#packA} whole. Every load then stays inside the operand and
     * every store inside the panel. Narrower species for the short rows would avoid the spill, but a second
     * species in the product's hot code polluted the shared Vector API profiles, and C2 then left the
     * register tile's vectors boxed (200 MB allocated per MLP step, Intel Xeon, AVX-512).
     */
    @Override
    void packA(boolean transA, float alpha, float[] a, int aOff, int lda, int m, int i0, int p0, int mc, int kc,
               float[] dst) {
        int vec = 0;
        if (transA) {
            int full = mc - mc % mr;
            // Panels whose loads of L values stay inside A's m rows: ir + max(mr, L) <= m - i0.
            vec = Math.min(full, Math.max(0, (m - i0 - Math.max(mr, L)) / mr + 1) * mr);
        }
        // With mr < L, the copy at p ends at p*mr + L, inside the panel for p < vp.
        int vp = mr >= L ? kc : Math.max(0, kc - (L + mr - 1) / mr + 1);
        for (int ir = 0; ir < vec; ir += mr) {
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
                int p = 0;
                for (; p < vp; p++, src += lda, d += mr) {
                    FloatVector.fromArray(S, a, src).mul(alpha).intoArray(dst, d);
                }
                for (; p < kc; p++, src += lda, d += mr) {
                    for (int i = 0; i < mr; i++) {
                        dst[d + i] = alpha * a[src + i];
                    }
                }
            }
        }
        if (vec < mc) {
            Packing.packA(transA, alpha, a, aOff, lda, i0 + vec, p0, mc - vec, kc, mr, dst, vec * kc);
        }
    }

    @Override
    void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, Workspace ws) {
        Packing.packB(transB, b, bOff, ldb, p0, j0, kc, nc, nr, ws.packB(roundUp(nc, nr) * kc));
    }
}
