package dev.nn4j.plain.gemm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide pool that runs the parts of a large product and of the image kernels: one
 * fork-join pool of {@link #THREADS}{@code  - 1} daemon workers (the calling thread computes a
 * part too), created on first use. No threads are created per call.
 *
 * <p>No worker keeps a JVM or a class loader alive: workers are daemon threads, end after
 * {@value #KEEP_ALIVE_SECONDS} s without work (the next product starts them again), and
 * interrupting any worker (as {@code mvn exec:java} and application containers do to the threads
 * an application leaves behind) shuts its pool down: its workers finish the parts they were given
 * and end, and the next product creates a new pool.
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
    /** Seconds an idle worker waits for work before it ends. */
    static final int KEEP_ALIVE_SECONDS = 10;
    private static final AtomicReference<ForkJoinPool> POOL = new AtomicReference<>();
    private static final AtomicInteger WORKERS = new AtomicInteger();

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
        if (THREADS <= 1) {
            return null;
        }
        ForkJoinPool pool = POOL.get();
        while (pool == null || pool.isShutdown()) {
            ForkJoinPool fresh = create(THREADS - 1);
            if (POOL.compareAndSet(pool, fresh)) {
                return fresh;
            }
            fresh.shutdown();
            pool = POOL.get();
        }
        return pool;
    }

    /** Shuts {@code pool} down, once; {@link #pool()} then creates a new one. */
    private static void retire(ForkJoinPool pool) {
        if (POOL.compareAndSet(pool, null)) {
            pool.shutdown();
        }
    }

    private static ForkJoinPool create(int workers) {
        return new ForkJoinPool(workers, Worker::new, null, false, 0, workers, 1, null,
                KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** A daemon worker that retires its pool when another thread interrupts it. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(pool);
            setName("nn4j-gemm-" + WORKERS.getAndIncrement());
            setDaemon(true);
        }

        @Override
        public void interrupt() {
            super.interrupt();
            if (Thread.currentThread() != this) {
                retire(getPool());
            }
        }
    }
}
