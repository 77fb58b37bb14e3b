package dev.nn4j.plain.gemm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits one product into parts along the larger of m and n (whole register tiles per part,
 * so only the smaller operand is packed more than once) and runs them on {@link GemmPool}.
 * Parts are claimed dynamically: the calling thread computes parts as well and takes over any
 * part no worker has started, so a busy machine degrades to single-threaded speed instead of
 * waiting for a descheduled worker. A failure in any part is rethrown to the caller.
 *
 * <p>Allocation-free in steady state: each calling thread keeps its jobs (this class) and their
 * pool tasks and reuses them. A job is reused only once every task it submitted has finished,
 * so a worker that starts late never sees the arguments of a later product; while a late task
 * is still queued, the caller takes another job (created once, the first time this happens).
 */
final class ParallelGemm implements Runnable {
    /** The calling thread's jobs; one suffices unless a worker was descheduled. */
    private static final ThreadLocal<List<ParallelGemm>> JOBS = ThreadLocal.withInitial(ArrayList::new);

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
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger remaining = new AtomicInteger();
    private final List<Helper> helpers = new ArrayList<>();
    private volatile Thread waiter;
    private volatile Throwable failure;

    private ParallelGemm() {
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C} using up to {@code threads} threads; arguments validated. */
    static void multiply(GemmEngine engine, int threads, boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        ParallelGemm job = idleJob();
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
            job.runWithHelpers();
        } finally {
            job.a = null;   // do not keep the caller's arrays reachable
            job.b = null;
            job.c = null;
        }
    }

    /** A job of this thread whose submitted tasks have all finished, or a new one. */
    private static ParallelGemm idleJob() {
        List<ParallelGemm> jobs = JOBS.get();
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).idle()) {
                return jobs.get(i);
            }
        }
        ParallelGemm job = new ParallelGemm();
        jobs.add(job);
        return job;
    }

    private boolean idle() {
        for (int i = 0; i < helpers.size(); i++) {
            if (!helpers.get(i).isDone()) {
                return false;
            }
        }
        return true;
    }

    private void split(int threads) {
        splitRows = m >= n;
        int tile = splitRows ? engine.mr : engine.nr;
        int tiles = ((splitRows ? m : n) + tile - 1) / tile;
        int wanted = Math.max(1, Math.min(threads, tiles));
        step = (tiles + wanted - 1) / wanted * tile;
        parts = ((splitRows ? m : n) + step - 1) / step;
        next.set(0);
        remaining.set(parts);
        failure = null;
        waiter = Thread.currentThread();
    }

    /** Submits one pool task per part beyond the first, computes parts itself, waits for the rest. */
    private void runWithHelpers() {
        for (int t = 1; t < parts; t++) {
            if (helpers.size() < t) {
                helpers.add(new Helper(this));
            }
            Helper h = helpers.get(t - 1);
            h.reinitialize();
            GemmPool.pool().execute(h);
        }
        run();
        boolean interrupted = false;
        while (remaining.get() > 0) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("sgemm: a parallel part failed (m=" + m + " n=" + n + " k=" + k + ")", f);
        }
    }

    /** Computes unclaimed parts until none is left; whoever finishes the last part wakes the caller. */
    @Override
    public void run() {
        int part;
        while ((part = next.getAndIncrement()) < parts) {
            try {
                compute(part);
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (remaining.decrementAndGet() == 0 && Thread.currentThread() != waiter) {
                    LockSupport.unpark(waiter);
                }
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

    /** A reusable pool task that works on its job's parts. */
    private static final class Helper extends ForkJoinTask<Void> {
        private static final long serialVersionUID = 1L;
        private final transient ParallelGemm job;

        Helper(ParallelGemm job) {
            this.job = job;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) {
        }

        @Override
        protected boolean exec() {
            job.run();
            return true;
        }
    }
}
