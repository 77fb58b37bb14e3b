package dev.nn4j.plain.gemm;

/**
 * Copies blocks of {@code op(A)} and {@code op(B)} into the contiguous panel layouts the
 * micro-kernels stream through; this is where transposes are absorbed, so no transposed
 * matrix is ever materialised.
 *
 * <p>A block of {@code op(A)} ({@code mc x kc}) becomes {@code ceil(mc / mr)} panels of
 * {@code mr} rows, each stored column by column ({@code kc} groups of {@code mr} values).
 * A block of {@code op(B)} ({@code kc x nc}) becomes {@code ceil(nc / nr)} panels of
 * {@code nr} columns, each stored row by row ({@code kc} groups of {@code nr} values).
 * Panels at the edge are padded with zeros so kernels always run full tiles.
 */
final class Packing {
    private Packing() {
    }

    /**
     * Packs {@code alpha * op(A)[i0 : i0+mc, p0 : p0+kc]} into {@code dst[0 : ceil(mc/mr)*mr*kc]}.
     * {@code A} is row-major at {@code a[aOff]} with leading dimension {@code lda}.
     */
    static void packA(boolean transA, float alpha, float[] a, int aOff, int lda,
                      int i0, int p0, int mc, int kc, int mr, float[] dst) {
        packA(transA, alpha, a, aOff, lda, i0, p0, mc, kc, mr, dst, 0);
    }

    /** As {@link #packA(boolean, float, float[], int, int, int, int, int, int, int, float[])}, into {@code dst[dOff:]}. */
    static void packA(boolean transA, float alpha, float[] a, int aOff, int lda,
                      int i0, int p0, int mc, int kc, int mr, float[] dst, int dOff) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = dOff + ir * kc;
            if (rows == mr && mr % GROUP == 0) {
                for (int g = 0; g < mr; g += GROUP) {
                    if (transA) {
                        packGroupTransposed(alpha, a, aOff + p0 * lda + i0 + ir + g, lda, kc, mr, dst, base + g);
                    } else {
                        packGroup(alpha, a, aOff + (i0 + ir + g) * lda + p0, lda, kc, mr, dst, base + g);
                    }
                }
            } else if (!transA && rows == mr && mr % WIDE_GROUP == 0) {
                for (int g = 0; g < mr; g += WIDE_GROUP) {
                    packGroup8(alpha, a, aOff + (i0 + ir + g) * lda + p0, lda, kc, mr, dst, base + g);
                }
            } else if (transA) {
                // op(A)(i, p) = a[p * lda + i]: each p contributes rows contiguous values.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int d = base + p * mr;
                    for (int i = 0; i < rows; i++) {
                        dst[d + i] = alpha * a[src + i];
                    }
                    for (int i = rows; i < mr; i++) {
                        dst[d + i] = 0f;
                    }
                }
            } else {
                // op(A)(i, p) = a[i * lda + p]: read each row contiguously, write with stride mr.
                for (int i = 0; i < rows; i++) {
                    int src = aOff + (i0 + ir + i) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * mr + i] = alpha * a[src + p];
                    }
                }
                for (int i = rows; i < mr; i++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * mr + i] = 0f;
                    }
                }
            }
        }
    }

    /** Rows packed together by the unrolled loops: 6, the AVX2 tile's height, and half the AVX-512 tile's. */
    private static final int GROUP = 6;
    /** Rows packed together for panels of a multiple of 8 (transposed B's panels are 8, 16 or 32 wide). */
    private static final int WIDE_GROUP = 8;

    /**
     * Six rows {@code a[src + i*lda + p]} ({@code i < 6, p < kc}) to {@code dst[d + p*mr + i]}: one pass over
     * the six rows side by side, each step writing six neighbouring values (measured 1.25-1.3x faster than a row
     * at a time with stride-mr stores; the transposed form below, 2.1x faster than a loop per value).
     */
    private static void packGroup(float alpha, float[] a, int src, int lda, int kc, int mr, float[] dst, int d) {
        int s1 = src + lda;
        int s2 = s1 + lda;
        int s3 = s2 + lda;
        int s4 = s3 + lda;
        int s5 = s4 + lda;
        for (int p = 0; p < kc; p++, d += mr) {
            dst[d] = alpha * a[src + p];
            dst[d + 1] = alpha * a[s1 + p];
            dst[d + 2] = alpha * a[s2 + p];
            dst[d + 3] = alpha * a[s3 + p];
            dst[d + 4] = alpha * a[s4 + p];
            dst[d + 5] = alpha * a[s5 + p];
        }
    }

    /** As {@link #packGroup}, eight rows. */
    private static void packGroup8(float alpha, float[] a, int src, int lda, int kc, int mr, float[] dst, int d) {
        int s1 = src + lda;
        int s2 = s1 + lda;
        int s3 = s2 + lda;
        int s4 = s3 + lda;
        int s5 = s4 + lda;
        int s6 = s5 + lda;
        int s7 = s6 + lda;
        for (int p = 0; p < kc; p++, d += mr) {
            dst[d] = alpha * a[src + p];
            dst[d + 1] = alpha * a[s1 + p];
            dst[d + 2] = alpha * a[s2 + p];
            dst[d + 3] = alpha * a[s3 + p];
            dst[d + 4] = alpha * a[s4 + p];
            dst[d + 5] = alpha * a[s5 + p];
            dst[d + 6] = alpha * a[s6 + p];
            dst[d + 7] = alpha * a[s7 + p];
        }
    }

    /** Six neighbouring columns {@code a[src + p*lda + i]} ({@code i < 6, p < kc}) to {@code dst[d + p*mr + i]}. */
    private static void packGroupTransposed(float alpha, float[] a, int src, int lda, int kc, int mr,
                                            float[] dst, int d) {
        for (int p = 0; p < kc; p++, src += lda, d += mr) {
            dst[d] = alpha * a[src];
            dst[d + 1] = alpha * a[src + 1];
            dst[d + 2] = alpha * a[src + 2];
            dst[d + 3] = alpha * a[src + 3];
            dst[d + 4] = alpha * a[src + 4];
            dst[d + 5] = alpha * a[src + 5];
        }
    }

    /**
     * Packs {@code op(B)[p0 : p0+kc, j0 : j0+nc]} into {@code dst[0 : ceil(nc/nr)*nr*kc]}.
     * {@code B} is row-major at {@code b[bOff]} with leading dimension {@code ldb}. Transposed B's panels
     * are the layout of non-transposed A's with rows and columns exchanged ({@code op(B)(p, j) = b[j*ldb + p]}
     * to {@code dst[jr*kc + p*nr + j]}), so they are packed by {@link #packA}'s loops, eight stored rows side
     * by side.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb,
                      int p0, int j0, int kc, int nc, int nr, float[] dst) {
        if (transB) {
            packA(false, 1f, b, bOff, ldb, j0, p0, nc, kc, nr, dst, 0);
            return;
        }
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = jr * kc;
            // op(B)(p, j) = b[p * ldb + j]: each p contributes cols contiguous values.
            for (int p = 0; p < kc; p++) {
                int d = base + p * nr;
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0 + jr, dst, d, cols);
                for (int j = cols; j < nr; j++) {
                    dst[d + j] = 0f;
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p0 : p0+kc, j0 : j0+nc]} into separate row arrays of {@code nr} floats:
     * row {@code (jr / nr) * kc + p} holds {@code op(B)(p0 + p, j0 + jr : j0 + jr + nr)}, zero-padded.
     * Zero-based loops over separate rows are the form the JIT auto-vectorises.
     */
    static void packBRows(boolean transB, float[] b, int bOff, int ldb,
                          int p0, int j0, int kc, int nc, int nr, float[][] dst) {
        for (int jr = 0, panel = 0; jr < nc; jr += nr, panel += kc) {
            int cols = Math.min(nr, nc - jr);
            for (int p = 0; p < kc; p++) {
                float[] row = dst[panel + p];
                if (transB) {
                    int src = bOff + (j0 + jr) * ldb + p0 + p;
                    for (int j = 0; j < cols; j++) {
                        row[j] = b[src + j * ldb];
                    }
                } else {
                    System.arraycopy(b, bOff + (p0 + p) * ldb + j0 + jr, row, 0, cols);
                }
                java.util.Arrays.fill(row, cols, nr, 0f);
            }
        }
    }
}
