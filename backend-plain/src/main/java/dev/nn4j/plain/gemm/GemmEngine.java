package dev.nn4j.plain.gemm;

/**
 * The cache-blocked matrix product {@code C = alpha * op(A) * op(B) + beta * C} on one thread:
 * op(B) is packed in {@code kc x nc} blocks, op(A) in {@code mc x kc} blocks (kept in L2), and a
 * subclass's register-tiled micro-kernel multiplies one {@code mr x kc} panel of A by one
 * {@code kc x nr} panel of B into an {@code mr x nr} tile of C.
 *
 * <p>Arguments are trusted: {@link Sgemm} validates them and splits work between threads.
 * Packing buffers live in a per-thread workspace that grows to the largest block seen and is
 * then reused, so the steady state allocates nothing. Instances are immutable and thread-safe.
 */
abstract class GemmEngine {
    final int mr;
    final int nr;
    private final int kcMax;
    private final int mcMax;
    private final int ncMax;
    private final int wideRows;
    /** Wide blocks cover k up to this many standard blocks. */
    static final int WIDE_K_BLOCKS = 4;
    /** Fewer rows than this keep the standard blocks: B would stream from L2 once per few rows. */
    static final int WIDE_MIN_ROWS = 256;
    private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);

    /** Tile {@code mr x nr}; blocks of at most {@code mcMax x kcMax} (A) and {@code kcMax x ncMax} (B); no wide blocks. */
    GemmEngine(int mr, int nr, int kcMax, int mcMax, int ncMax) {
        this(mr, nr, kcMax, mcMax, ncMax, 0);
    }

    /**
     * As the five-argument constructor, plus wide blocks of {@code wideRows} rows of A (0: none): a
     * product with {@code kcMax < k <= WIDE_K_BLOCKS * kcMax} and at least {@value #WIDE_MIN_ROWS} rows
     * takes all of k in one block, so each tile of C is written once and never read back, with A blocks
     * of {@code wideRows} rows to keep them in L2 while B's panels (now up to 4x longer) stream from L2,
     * and blocks of B narrowed so that they hold no more than a standard one ({@code kcMax x ncMax}).
     */
    GemmEngine(int mr, int nr, int kcMax, int mcMax, int ncMax, int wideRows) {
        this.mr = mr;
        this.nr = nr;
        this.kcMax = kcMax;
        this.mcMax = mcMax - mcMax % mr;
        this.ncMax = ncMax - ncMax % nr;
        this.wideRows = wideRows - wideRows % mr;
    }

    /** A short name for reports, such as {@code "vector-512 12x32"}. */
    abstract String name();

    /**
     * Whether the direct loops of {@link DirectGemm} beat this engine on {@code m x n x k}
     * (measured crossover: tiny products, and shapes much thinner than a tile).
     */
    abstract boolean prefersDirect(int m, int n, int k);

    /**
     * Packs {@code op(B)[p0 : p0+kc, j0 : j0+nc]} into the workspace, in whatever panel layout
     * this engine's {@link #kernel} reads.
     */
    abstract void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, Workspace ws);

    /**
     * {@code c[cIdx + i*ldc + j] += sum_p pa[aIdx + p*mr + i] * B(p, jr + j)} for the full
     * {@code mr x nr} tile and {@code p < kc}, where B is the block last packed by {@link #packB}
     * and {@code jr} is a multiple of {@code nr}; with {@code accumulate} false, {@code =} instead
     * of {@code +=}: the tile of C is written without being read.
     */
    abstract void kernel(int kc, float[] pa, int aIdx, Workspace ws, int jr, float[] c, int cIdx, int ldc,
                         boolean accumulate);

    /**
     * Packs {@code alpha * op(A)[i0 : i0+mc, p0 : p0+kc]} of the {@code m}-row op(A) in the layout of
     * {@link Packing#packA}, reading nothing outside op(A); engines with faster copies for some layouts
     * override it.
     */
    void packA(boolean transA, float alpha, float[] a, int aOff, int lda, int m, int i0, int p0, int mc, int kc,
               float[] dst) {
        Packing.packA(transA, alpha, a, aOff, lda, i0, p0, mc, kc, mr, dst);
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} for row-major operands at the given offsets;
     * m, n, k > 0. With {@code beta == 0} the first block of k writes C without reading it (C's old
     * values, NaN included, are ignored, as BLAS does), which saves a pass that clears C and a pass
     * that reads it: most of the memory traffic on C when k fits in one block.
     */
    final void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        if (beta != 0f) {
            DirectGemm.scale(m, n, beta, c, cOff, ldc);
        }
        Workspace ws = workspace.get();
        boolean wide = wideRows > 0 && k > kcMax && k <= WIDE_K_BLOCKS * kcMax && m >= WIDE_MIN_ROWS;
        int kcStep = wide ? k : balanced(k, kcMax, 1);
        int mcStep = balanced(m, wide ? wideRows : mcMax, mr);
        // A wide block of B keeps the standard block's footprint (kcMax x ncMax floats) by taking fewer columns.
        int ncStep = balanced(n, wide ? roundUp(ncMax * kcMax / kcStep, nr) : ncMax, nr);
        float[] pa = ws.packA(roundUp(Math.min(m, mcStep), mr) * kcStep);
        float[] tile = ws.tile(mr * nr);
        for (int jc = 0; jc < n; jc += ncStep) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                packB(transB, b, bOff, ldb, pc, jc, kc, nc, ws);
                for (int ic = 0; ic < m; ic += mcStep) {
                    int mc = Math.min(mcStep, m - ic);
                    packA(transA, alpha, a, aOff, lda, m, ic, pc, mc, kc, pa);
                    block(mc, nc, kc, pa, ws, c, cOff + ic * ldc + jc, ldc, tile, pc > 0 || beta != 0f);
                }
            }
        }
    }

    /**
     * The block size for a dimension of {@code size} split into as few blocks of at most {@code max} as possible,
     * made equal (rounded up to a multiple of {@code unit}, never above {@code max}): k = 784 with kc up to 256
     * gives four blocks of 196 instead of three of 256 and one of 16, whose short kernels mostly load and store C.
     */
    static int balanced(int size, int max, int unit) {
        int blocks = (size + max - 1) / max;
        return Math.min(max, roundUp((size + blocks - 1) / blocks, unit));
    }

    /** Multiplies a packed {@code mc x kc} block of A by a packed {@code kc x nc} block of B into C. */
    private void block(int mc, int nc, int kc, float[] pa, Workspace ws,
                       float[] c, int cOff, int ldc, float[] tile, boolean accumulate) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int cIdx = cOff + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kernel(kc, pa, ir * kc, ws, jr, c, cIdx, ldc, accumulate);
                } else {
                    kernel(kc, pa, ir * kc, ws, jr, tile, 0, nr, false);
                    for (int i = 0; i < rows; i++) {
                        int ci = cIdx + i * ldc;
                        int ti = i * nr;
                        if (accumulate) {
                            for (int j = 0; j < cols; j++) {
                                c[ci + j] += tile[ti + j];
                            }
                        } else {
                            System.arraycopy(tile, ti, c, ci, cols);
                        }
                    }
                }
            }
        }
    }

    static int roundUp(int x, int step) {
        return (x + step - 1) / step * step;
    }
}
