package dev.nn4j.plain.gemm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The process-wide pool that runs the parts of a large product and of the image kernels: one
 * fork-join pool of {@link #THREADS}{@code  - 1} daemon workers (the calling thread computes a
 * part too), created on first use and never shut down. No threads are created per call.
 *
 * <p>{@link #THREADS} is {@code availableProcessors()} unless the system property
 * {@value #PROPERTY} or the environment variable {@value #ENV} (the property wins) gives a count,
 * for example 1 in each executor of a Spark job that runs one task per core. A value that is not
 * a whole number from 1 to {@value #MAX_THREADS} stops the class from loading, with a message
 * that names the setting and the value.
 */
final class GemmPool {
    /** The system property that sets {@link #THREADS}. */
    static final String PROPERTY = "nn4j.plain.threads";
    /** The environment variable that sets {@link #THREADS} when the property is absent. */
    static final String ENV = "NN4J_PLAIN_THREADS";
    static final int MAX_THREADS = 4096;

    /** Threads a product may use: the workers plus the caller. */
    static final int THREADS = threads(System.getProperty(PROPERTY), System.getenv(ENV),
            Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = THREADS > 1 ? create(THREADS - 1) : null;

    private GemmPool() {
    }

    /** The thread count from the property's value, else the environment's, else {@code processors}. */
    static int threads(String property, String env, int processors) {
        if (property != null) {
            return parse(property, "system property " + PROPERTY);
        }
        if (env != null) {
            return parse(env, "environment variable " + ENV);
        }
        return processors;
    }

    private static int parse(String value, String source) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a whole number of threads from 1 to " + MAX_THREADS
                + ", got '" + value + "'");
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
