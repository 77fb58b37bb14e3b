package dev.nn4j.plain.gemm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The process-wide pool that runs the parts of a large product: one fork-join pool of
 * {@code availableProcessors() - 1} daemon workers (the calling thread computes a part too),
 * created on first use and never shut down. No threads are created per call.
 */
final class GemmPool {
    /** Threads a product may use: the workers plus the caller. */
    static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final ForkJoinPool POOL = THREADS > 1 ? create(THREADS - 1) : null;

    private GemmPool() {
    }

    /** The shared pool, or null on a single-processor machine. */
    static ForkJoinPool pool() {
        return POOL;
    }

    private static ForkJoinPool create(int workers) {
        return new ForkJoinPool(workers, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("nn4j-gemm-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }
}
