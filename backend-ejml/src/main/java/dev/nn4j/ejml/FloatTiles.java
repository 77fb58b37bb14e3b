package dev.nn4j.ejml;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.block.TileMultiplication_F32;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * FLOAT32 {@code c = alpha · op(a) · op(b) + beta · c} on row-major arrays, with EJML's tile
 * kernel {@code TileMultiplication_F32.tileMultSet/tileMultPlus} (the inner loop of EJML's
 * block-matrix products: four rows of B per pass over a row of C, strides and offsets into
 * plain arrays). {@code a} is {@code m x k} ({@code k x m} when transposed), {@code b} is
 * {@code k x n} ({@code n x k} when transposed), {@code c} is {@code m x n}; the arrays may be
 * longer than that.
 *
 * <p>How EJML is called, per case (timings in docs/benchmarks.md, issue-9 targets):
 * <ul>
 *   <li>{@code A·B}: the tile kernel over {@link #kBlock(int)} rows of B at a time, so the
 *       block of B that every row of C runs over stays in the core's L2 cache (784x256 is
 *       800 KB; 64 rows of it are 64 KB).</li>
 *   <li>{@code Aᵀ·B}: A is first copied with EJML's {@code CommonOps_FDRM.transpose}
 *       ({@code CommonOps_MT_FDRM.transpose} when the product is split) into a scratch matrix
 *       of the calling thread, then the {@code A·B} path runs. EJML's own {@code Aᵀ·B} forms
 *       ({@code multTransA_reorder}, {@code tileMultSetTransA}) ran 1.2-1.4x slower on the
 *       MLP's shapes; the copy costs {@code k·m} moves against {@code m·n·k} multiply-adds.</li>
 *   <li>{@code A·Bᵀ} from depth {@link #DOT_MIN_K}: EJML's row dot products
 *       ({@code tileMultSetTransB}: a row of A against four rows of B, all contiguous), no copy;
 *       below that depth B is copied transposed like A above.</li>
 *   <li>Products up to {@link #SMALL_WORK} multiply-adds: one tile call on the operands as
 *       stored, without scratch, k-blocks or split.</li>
 *   <li>With {@code parts > 1}, C is split into {@code parts} blocks of whole rows that run
 *       on EJML's fork-join pool ({@code EjmlConcurrency.loopFor}); each block reads all of
 *       B and writes only its rows of C, so the result is the same bits for every split.</li>
 * </ul>
 * {@code beta == 0} never reads C (the first k-block overwrites it, so a NaN left in C
 * disappears); any other beta scales C by beta first (skipped for 1) and every block adds.
 * The scratch matrices (one for A, one for B, per thread) grow to the largest operand seen and
 * are kept for the thread's life (0.4 MB for the 784-256-128-10 MLP at batch 128). Stateless
 * apart from that scratch; thread-safe.
 */
final class FloatTiles {
    /**
     * Bytes of B one k-block may span: 64 KB, an eighth of Zen 3's 512 KB L2 and a quarter of a
     * 256 KB one. At 128x784 by 784x256, blocks of 64 rows (64 KB) ran 8.1-8.3 ms against
     * 8.6-12 ms for 128 and 256 rows and 9.4-9.6 ms for the whole of B ({@code EjmlGemmTiming},
     * CPU time of the calling thread on the loaded machine).
     */
    private static final int BLOCK_BYTES = 64 * 1024;

    /**
     * From this depth, {@code A·Bᵀ} runs EJML's dot-product kernel ({@code tileMultSetTransB}: a row
     * of A against four rows of B, both contiguous) instead of transposing B: 1.1-1.4 ms against
     * 1.6-2.2 ms for 128x128 by 128x256; below it the dot products are too short (k = 10,
     * 128x10 by 10x128: 88-112 µs against 62-64 µs with the transposed copy).
     */
    static final int DOT_MIN_K = 32;

    /**
     * Up to this many multiply-adds ({@code m·n·k}, 16³) a product is one call of EJML's tile kernel
     * for the operands as they are stored ({@code tileMultSet}, {@code tileMultSetTransA/B}),
     * as in the Toy facade's XOR step: there the scratch look-up, the copy and the k-block loop
     * would be a large part of the call. Both operands transposed always take the copying path.
     */
    static final long SMALL_WORK = 4096;

    private static final ThreadLocal<FMatrixRMaj[]> SCRATCH =
            ThreadLocal.withInitial(() -> new FMatrixRMaj[] {new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1)});

    private FloatTiles() {
    }

    /**
     * Rows of B per tile call for C rows of {@code n} floats: {@code BLOCK_BYTES / (4 n)} rounded
     * down to a multiple of 4 (the kernel's unrolling), at least 4 and at most 256.
     */
    static int kBlock(int n) {
        int rows = BLOCK_BYTES / (Float.BYTES * Math.max(1, n));
        return Math.max(4, Math.min(256, rows & ~3));
    }

    /** Runs the product (shapes already validated); {@code parts} row blocks of C, 1 for the calling thread only. */
    static void run(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                    float beta, float[] c, int parts) {
        run(transA, transB, m, n, k, alpha, a, 0, b, 0, beta, c, 0, parts);
    }

    /**
     * As above on matrices starting at {@code aOff}, {@code bOff} and {@code cOff} of their
     * arrays (one matrix of a batch); an operand that must be copied transposed is copied from
     * its offset into the scratch.
     */
    static void run(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, float[] b,
                    int bOff, float beta, float[] c, int cOff, int parts) {
        if (m == 0 || n == 0) {
            return;
        }
        if (beta != 0 && beta != 1) {
            for (int i = cOff, end = cOff + m * n; i < end; i++) {
                c[i] *= beta;
            }
        }
        if (k == 0) {
            if (beta == 0) {
                java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
            }
            return;
        }
        if ((long) m * n * k <= SMALL_WORK && !(transA && transB)) {
            small(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta == 0, c, cOff);
            return;
        }
        boolean dotB = transB && k >= DOT_MIN_K;
        FMatrixRMaj[] scratch = transA || (transB && !dotB) ? SCRATCH.get() : null;
        int blocks = Math.min(parts, m);
        float[] an = transA ? transposed(a, aOff, k, m, scratch[0], blocks > 1) : a;
        float[] bn = transB && !dotB ? transposed(b, bOff, n, k, scratch[1], blocks > 1) : b;
        int ao = transA ? 0 : aOff;
        int bo = transB && !dotB ? 0 : bOff;
        boolean overwrite = beta == 0;
        if (blocks <= 1) {
            rows(dotB, an, ao, bn, bo, c, cOff, 0, m, n, k, alpha, overwrite);
        } else {
            EjmlConcurrency.loopFor(0, blocks, p -> rows(dotB, an, ao, bn, bo, c, cOff, (int) ((long) m * p / blocks),
                    (int) ((long) m * (p + 1) / blocks), n, k, alpha, overwrite));
        }
    }

    /** One call of EJML's tile kernel for the operands as stored: no scratch, no k-blocks, no split. */
    private static void small(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int ao,
                              float[] b, int bo, boolean overwrite, float[] c, int co) {
        if (transA) {
            if (overwrite) {
                TileMultiplication_F32.tileMultSetTransA(alpha, a, b, c, k, m, n, m, n, n, ao, bo, co);
            } else {
                TileMultiplication_F32.tileMultPlusTransA(alpha, a, b, c, k, m, n, m, n, n, ao, bo, co);
            }
        } else if (transB) {
            if (overwrite) {
                TileMultiplication_F32.tileMultSetTransB(alpha, a, b, c, m, k, n, k, k, n, ao, bo, co);
            } else {
                TileMultiplication_F32.tileMultPlusTransB(alpha, a, b, c, m, k, n, k, k, n, ao, bo, co);
            }
        } else if (overwrite) {
            TileMultiplication_F32.tileMultSet(alpha, a, b, c, m, k, n, k, n, n, ao, bo, co);
        } else {
            TileMultiplication_F32.tileMultPlus(alpha, a, b, c, m, k, n, k, n, n, ao, bo, co);
        }
    }

    /**
     * {@code src} ({@code rows x cols} from {@code offset}) transposed into {@code into}, on
     * EJML's pool when {@code concurrent}; returns its array. EJML's matrices start at index 0,
     * so a matrix at another offset (within a batch) is transposed by a plain loop.
     */
    private static float[] transposed(float[] src, int offset, int rows, int cols, FMatrixRMaj into,
                                      boolean concurrent) {
        into.reshape(cols, rows);
        if (offset != 0) {
            float[] t = into.data;
            for (int i = 0; i < rows; i++) {
                for (int j = 0, at = offset + i * cols; j < cols; j++, at++) {
                    t[j * rows + i] = src[at];
                }
            }
            return t;
        }
        FMatrixRMaj from = FMatrixRMaj.wrap(rows, cols, src);
        if (concurrent) {
            CommonOps_MT_FDRM.transpose(from, into);
        } else {
            CommonOps_FDRM.transpose(from, into);
        }
        return into.data;
    }

    /**
     * Rows {@code [r0, r1)} of {@code c = alpha·a·b (+ c)} with row-major {@code a} ({@code m x k})
     * and {@code b} ({@code k x n}), or {@code b} ({@code n x k}) through the dot-product kernel
     * when {@code dotB}.
     */
    private static void rows(boolean dotB, float[] a, int ao, float[] b, int bo, float[] c, int co, int r0, int r1,
                             int n, int k, float alpha, boolean overwrite) {
        int height = r1 - r0;
        if (dotB) {
            dotRows(a, ao, b, bo, c, co, r0, height, n, k, alpha, overwrite);
            return;
        }
        int step = kBlock(n);
        for (int k0 = 0; k0 < k; k0 += step) {
            int width = Math.min(step, k - k0);
            int offsetA = ao + r0 * k + k0;
            int offsetB = bo + k0 * n;
            int offsetC = co + r0 * n;
            if (overwrite && k0 == 0) {
                if (alpha == 1) {
                    TileMultiplication_F32.tileMultSet(a, b, c, height, width, n, k, n, n, offsetA, offsetB, offsetC);
                } else {
                    TileMultiplication_F32.tileMultSet(alpha, a, b, c, height, width, n, k, n, n, offsetA, offsetB, offsetC);
                }
            } else if (alpha == 1) {
                TileMultiplication_F32.tileMultPlus(a, b, c, height, width, n, k, n, n, offsetA, offsetB, offsetC);
            } else {
                TileMultiplication_F32.tileMultPlus(alpha, a, b, c, height, width, n, k, n, n, offsetA, offsetB, offsetC);
            }
        }
    }

    /** {@code height} rows of {@code c = alpha·a·bᵀ (+ c)} from row {@code r0}, {@code b} stored {@code n x k}: dot products of contiguous rows. */
    private static void dotRows(float[] a, int ao, float[] b, int bo, float[] c, int co, int r0, int height, int n,
                                int k, float alpha, boolean overwrite) {
        int offsetA = ao + r0 * k;
        int offsetC = co + r0 * n;
        if (overwrite) {
            if (alpha == 1) {
                TileMultiplication_F32.tileMultSetTransB(a, b, c, height, k, n, k, k, n, offsetA, bo, offsetC);
            } else {
                TileMultiplication_F32.tileMultSetTransB(alpha, a, b, c, height, k, n, k, k, n, offsetA, bo, offsetC);
            }
        } else if (alpha == 1) {
            TileMultiplication_F32.tileMultPlusTransB(a, b, c, height, k, n, k, k, n, offsetA, bo, offsetC);
        } else {
            TileMultiplication_F32.tileMultPlusTransB(alpha, a, b, c, height, k, n, k, k, n, offsetA, bo, offsetC);
        }
    }
}
