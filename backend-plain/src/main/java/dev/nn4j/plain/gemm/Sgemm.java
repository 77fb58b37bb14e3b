package dev.nn4j.plain.gemm;

/**
 * Single-precision general matrix multiply for row-major {@code float[]} storage:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or
 * {@code Xᵀ}. op(A) is {@code m x k}, op(B) is {@code k x n} and C is {@code m x n}; element
 * {@code (i, j)} of a matrix X stored at offset {@code xOff} with leading dimension
 * {@code ldx} is {@code x[xOff + i * ldx + j]}, so sub-matrices are addressed in place.
 * Transposes are absorbed by packing and never materialised.
 *
 * <p>Cost and strategy: tiny products (below about 8x8x8 with the Vector API, 32x32x32 without)
 * and thin ones (m or n below 4) run as direct loops without packing or allocation; a 2x4 by
 * 4x1 product takes tens of nanoseconds. Larger ones use a cache-blocked, register-tiled engine: the Vector API one ({@code jdk.incubator.vector}, when
 * the JVM runs with {@code --add-modules jdk.incubator.vector}) or a plain-Java one. Products of
 * more than {@value #PARALLEL_MIN_WORK} multiply-adds are split between the threads of a shared
 * pool of daemon threads (one per processor, the caller included), except inside a part of a
 * {@link PoolParallel} kernel, where the parts already use the threads. Packing buffers are kept per
 * thread and reused, and so are the split's job and pool tasks, so repeated calls allocate
 * nothing, threaded or not.
 *
 * <p>With {@code beta == 0} the previous content of C is ignored, even NaN; with
 * {@code alpha == 0} or {@code k == 0}, A and B are not read. C must not overlap A or B.
 * Thread-safe: concurrent calls with disjoint outputs are allowed. The first product of at
 * least 128³ multiply-adds on the scalar engine logs a warning naming the JVM flag
 * ({@link ScalarEngineWarning}).
 */
public final class Sgemm {
    /** Smallest {@code m * n * k} that is split between threads. */
    static final long PARALLEL_MIN_WORK = 128L * 128 * 128;

    private static final GemmEngine ENGINE = Engines.select();
    private static final ScalarEngineWarning SCALAR_WARNING =
            new ScalarEngineWarning(ENGINE, System.getProperty(Engines.PROPERTY, ""));

    private Sgemm() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with the best engine and all processors.
     *
     * @param transA use {@code Aᵀ}: A is stored {@code k x m} instead of {@code m x k}
     * @param transB use {@code Bᵀ}: B is stored {@code n x k} instead of {@code k x n}
     * @throws IllegalArgumentException for negative sizes, a leading dimension smaller than the
     *     stored row length, or an operand that does not fit its array
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        SCALAR_WARNING.check(m, n, k);
        sgemm(ENGINE, PoolParallel.insidePart() ? 1 : GemmPool.THREADS,
                transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * Threads a large product (and an image kernel split into parts) may use: the caller plus
     * the pool's workers. {@code availableProcessors()} unless {@code -Dnn4j.plain.threads=N} or
     * {@code NN4J_PLAIN_THREADS=N} sets it.
     */
    public static int threads() {
        return GemmPool.THREADS;
    }

    /** A description of the engine in use, such as {@code "vector-256 6x16"}, {@code "vector-512 12x32"} or {@code "scalar 4x128"}. */
    public static String engineName() {
        return ENGINE.name();
    }

    /** The public operation with a chosen engine and thread budget (1 = calling thread only). */
    static void sgemm(GemmEngine engine, int threads, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            DirectGemm.scale(m, n, beta, c, cOff, ldc);
        } else if (engine.prefersDirect(m, n, k)) {
            DirectGemm.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (transposedFitsTiles(engine, m, n)) {
            transposed(engine, (long) m * n * k >= PARALLEL_MIN_WORK ? threads : 1, transA, transB, m, n, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            packed(engine, (long) m * n * k >= PARALLEL_MIN_WORK ? threads : 1, transA, transB, m, n, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * Whether {@code Cᵀ} ({@code n x m}) fills the engine's {@code mr x nr} tiles at least twice as well as C:
     * a product with few columns and many rows, such as a convolution's weight gradient with a 3x3 single-channel
     * kernel ({@code 32 x 9} from k = 25088: 28% of a 12x32 tile's columns, 75% of its rows transposed).
     */
    static boolean transposedFitsTiles(GemmEngine engine, int m, int n) {
        return fill(n, engine.mr) * fill(m, engine.nr) >= 2 * fill(m, engine.mr) * fill(n, engine.nr);
    }

    /** The fraction of {@code ceil(size / tile)} tiles that {@code size} fills. */
    private static double fill(int size, int tile) {
        return (double) size / ((size + tile - 1) / tile * tile);
    }

    /** Per-thread scratch for {@link #transposed}'s {@code Cᵀ}; grows to the largest seen. */
    private static final ThreadLocal<float[][]> TRANSPOSED_C = ThreadLocal.withInitial(() -> new float[1][0]);

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} computed as {@code Cᵀ = op(B)ᵀ * op(A)ᵀ} into a per-thread
     * scratch, then added to C transposed. Each element is the same sum in the same order as the direct
     * product's (the kernels accumulate along k per element, in the same blocks), so with {@code alpha == 1}
     * and {@code beta == 0} the bits are the same.
     */
    private static void transposed(GemmEngine engine, int threads, boolean transA, boolean transB, int m, int n,
                                   int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc) {
        float[][] holder = TRANSPOSED_C.get();
        if (holder[0].length < m * n) {
            holder[0] = new float[m * n];
        }
        float[] t = holder[0];
        packed(engine, threads, !transB, !transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, 0f, t, 0, m);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0f ? t[j * m + i] : beta * c[ci + j] + t[j * m + i];
            }
        }
    }

    /**
     * The packed engine path for validated, non-empty arguments whatever their size: split
     * between threads when {@code threads > 1}, on the calling thread otherwise.
     */
    static void packed(GemmEngine engine, int threads, boolean transA, boolean transB, int m, int n, int k,
                       float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc) {
        if (threads > 1 && GemmPool.pool() != null) {
            ParallelGemm.multiply(engine, threads, transA, transB, m, n, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            engine.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }
}
