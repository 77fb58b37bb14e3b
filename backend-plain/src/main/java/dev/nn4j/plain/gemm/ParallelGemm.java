package dev.nn4j.plain.gemm;

import dev.nn4j.backend.array.ArrayParallel;

/**
 * Splits one product into parts along the larger of m and n (whole register tiles per part,
 * so only the smaller operand is packed more than once) and runs them as the parts of a
 * {@link PoolParallel} call: the calling thread computes parts as well and takes over any part
 * no worker has started, so a busy machine degrades to single-threaded speed instead of
 * waiting for a descheduled worker. A failure in any part is rethrown to the caller.
 *
 * <p>Allocation-free in steady state: each calling thread keeps one job (this class, the part
 * that {@link PoolParallel} runs) and reuses it; {@link PoolParallel} reuses its own tasks. A
 * product called inside a part runs on that part's thread and never reaches this class, so a
 * thread's job is never in use twice at once.
 */
final class ParallelGemm implements ArrayParallel.Part {
    /** The calling thread's job. */
    private static final ThreadLocal<ParallelGemm> JOB = ThreadLocal.withInitial(ParallelGemm::new);

    private GemmEngine engine;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float alpha;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float beta;
    private float[] c;
    private int cOff;
    private int ldc;
    private boolean splitRows;
    private int parts;
    private int step;

    private ParallelGemm() {
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C} using up to {@code threads} threads; arguments validated. */
    static void multiply(GemmEngine engine, int threads, boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        ParallelGemm job = JOB.get();
        job.engine = engine;
        job.transA = transA;
        job.transB = transB;
        job.m = m;
        job.n = n;
        job.k = k;
        job.alpha = alpha;
        job.a = a;
        job.aOff = aOff;
        job.lda = lda;
        job.b = b;
        job.bOff = bOff;
        job.ldb = ldb;
        job.beta = beta;
        job.c = c;
        job.cOff = cOff;
        job.ldc = ldc;
        job.split(threads);
        try {
            PoolParallel.INSTANCE.run(job.parts, job);
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("sgemm: a part of the product failed (m=" + m + " n=" + n + " k=" + k + ")",
                    e);
        } finally {
            job.a = null;   // do not keep the caller's arrays reachable
            job.b = null;
            job.c = null;
        }
    }

    private void split(int threads) {
        splitRows = m >= n;
        int tile = splitRows ? engine.mr : engine.nr;
        int tiles = ((splitRows ? m : n) + tile - 1) / tile;
        int wanted = Math.max(1, Math.min(threads, tiles));
        step = (tiles + wanted - 1) / wanted * tile;
        parts = ((splitRows ? m : n) + step - 1) / step;
    }

    @Override
    public void run(int part) {
        compute(part);
    }

    private void compute(int part) {
        int lo = part * step;
        int hi = Math.min((splitRows ? m : n), lo + step);
        int size = hi - lo;
        if (splitRows) {
            int cStart = cOff + lo * ldc;
            engine.multiply(transA, transB, size, n, k, alpha,
                    a, aOff + (transA ? lo : lo * lda), lda, b, bOff, ldb, beta, c, cStart, ldc);
        } else {
            int cStart = cOff + lo;
            engine.multiply(transA, transB, m, size, k, alpha,
                    a, aOff, lda, b, bOff + (transB ? lo * ldb : lo), ldb, beta, c, cStart, ldc);
        }
    }
}
