package dev.nn4j.plain.gemm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits one product into parts along the larger of m and n (whole register tiles per part,
 * so only the smaller operand is packed more than once) and runs them on {@link GemmPool}.
 * Parts are claimed dynamically: the calling thread computes parts as well and takes over any
 * part no worker has started, so a busy machine degrades to single-threaded speed instead of
 * waiting for a descheduled worker. A failure in any part is rethrown to the caller.
 */
final class ParallelGemm implements Runnable {
    private final GemmEngine engine;
    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;
    private final float alpha;
    private final float[] a;
    private final int aOff;
    private final int lda;
    private final float[] b;
    private final int bOff;
    private final int ldb;
    private final float beta;
    private final float[] c;
    private final int cOff;
    private final int ldc;
    private final boolean splitRows;
    private final int parts;
    private final int step;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private volatile Throwable failure;

    private ParallelGemm(GemmEngine engine, int threads, boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        this.engine = engine;
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.splitRows = m >= n;
        int tile = splitRows ? engine.mr : engine.nr;
        int tiles = ((splitRows ? m : n) + tile - 1) / tile;
        int wanted = Math.max(1, Math.min(threads, tiles));
        this.step = (tiles + wanted - 1) / wanted * tile;
        this.parts = ((splitRows ? m : n) + step - 1) / step;
        this.done = new CountDownLatch(parts);
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C} using up to {@code threads} threads; arguments validated. */
    static void multiply(GemmEngine engine, int threads, boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        ParallelGemm job = new ParallelGemm(engine, threads, transA, transB, m, n, k, alpha,
                a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int t = 1; t < job.parts; t++) {
            GemmPool.pool().execute(job);
        }
        job.run();
        boolean interrupted = false;
        while (true) {
            try {
                job.done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = job.failure;
        if (f != null) {
            throw new IllegalStateException("sgemm: a parallel part failed (m=" + m + " n=" + n + " k=" + k + ")", f);
        }
    }

    /** Computes unclaimed parts until none is left. */
    @Override
    public void run() {
        int part;
        while ((part = next.getAndIncrement()) < parts) {
            try {
                compute(part);
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.countDown();
            }
        }
    }

    private void compute(int part) {
        int lo = part * step;
        int hi = Math.min((splitRows ? m : n), lo + step);
        int size = hi - lo;
        if (splitRows) {
            int cStart = cOff + lo * ldc;
            DirectGemm.scale(size, n, beta, c, cStart, ldc);
            engine.multiply(transA, transB, size, n, k, alpha,
                    a, aOff + (transA ? lo : lo * lda), lda, b, bOff, ldb, c, cStart, ldc);
        } else {
            int cStart = cOff + lo;
            DirectGemm.scale(m, size, beta, c, cStart, ldc);
            engine.multiply(transA, transB, m, size, k, alpha,
                    a, aOff, lda, b, bOff + (transB ? lo * ldb : lo), ldb, c, cStart, ldc);
        }
    }
}
