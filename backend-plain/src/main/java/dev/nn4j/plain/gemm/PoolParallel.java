package dev.nn4j.plain.gemm;

import dev.nn4j.backend.array.ArrayParallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the parts of core's array kernels (convolution chunks, pooling planes, batch-norm
 * channels, activation ranges) on the threads of the matrix product's pool ({@link GemmPool}):
 * the calling thread and the pool's workers claim parts dynamically, so a descheduled worker
 * costs at most the part it holds, and the caller never waits for a part nobody has started.
 *
 * <p>A product called from inside a part stays on that part's thread ({@link #insidePart()}):
 * the parts already keep every processor busy. Jobs and their pool tasks are kept per calling
 * thread and reused; the caller's {@link ArrayParallel.Part} is
 * the only per-call object ({@link ParallelGemm} passes a reused one). Thread-safe.
 */
public final class PoolParallel implements ArrayParallel {
    /** The instance; the pool is process-wide. */
    public static final PoolParallel INSTANCE = new PoolParallel();

    private static final ThreadLocal<List<Job>> JOBS = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private PoolParallel() {
    }

    @Override
    public int threads() {
        return GemmPool.pool() == null ? 1 : GemmPool.THREADS;
    }

    /** True on a thread that is computing a part; products there use that thread only. */
    public static boolean insidePart() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void run(int parts, Part part) {
        if (parts <= 1 || GemmPool.pool() == null || insidePart()) {
            int[] depth = DEPTH.get();
            depth[0]++;
            try {
                for (int i = 0; i < parts; i++) {
                    part.run(i);
                }
            } finally {
                depth[0]--;
            }
            return;
        }
        Job job = idleJob();
        job.start(parts, part);
        try {
            job.runWithHelpers(Math.min(parts, GemmPool.THREADS) - 1);
        } finally {
            job.part = null;   // do not keep the caller's arrays reachable
        }
    }

    private static Job idleJob() {
        List<Job> jobs = JOBS.get();
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).idle()) {
                return jobs.get(i);
            }
        }
        Job job = new Job();
        jobs.add(job);
        return job;
    }

    /** One call's parts; reused by its calling thread once every task it submitted has finished. */
    private static final class Job implements Runnable {
        private Part part;
        private int parts;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining = new AtomicInteger();
        private final List<Helper> helpers = new ArrayList<>();
        private volatile Thread waiter;
        private volatile Throwable failure;

        boolean idle() {
            for (int i = 0; i < helpers.size(); i++) {
                if (!helpers.get(i).isDone()) {
                    return false;
                }
            }
            return true;
        }

        void start(int parts, Part part) {
            this.part = part;
            this.parts = parts;
            next.set(0);
            remaining.set(parts);
            failure = null;
            waiter = Thread.currentThread();
        }

        void runWithHelpers(int helpersWanted) {
            for (int t = 0; t < helpersWanted; t++) {
                if (helpers.size() <= t) {
                    helpers.add(new Helper(this));
                }
                Helper h = helpers.get(t);
                h.reinitialize();
                try {
                    GemmPool.pool().execute(h);
                } catch (RejectedExecutionException e) {
                    h.quietlyComplete();   // the pool was just shut down: this thread computes the parts
                }
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
                throw new IllegalStateException("a part run on the plain backend's threads failed: " + f, f);
            }
        }

        /** Computes unclaimed parts until none is left; whoever finishes the last part wakes the caller. */
        @Override
        public void run() {
            int[] depth = DEPTH.get();
            depth[0]++;
            try {
                int i;
                while ((i = next.getAndIncrement()) < parts) {
                    try {
                        part.run(i);
                    } catch (Throwable t) {
                        failure = t;
                    } finally {
                        if (remaining.decrementAndGet() == 0 && Thread.currentThread() != waiter) {
                            LockSupport.unpark(waiter);
                        }
                    }
                }
            } finally {
                depth[0]--;
            }
        }
    }

    /** A reusable pool task that works on its job's parts. */
    private static final class Helper extends ForkJoinTask<Void> {
        private static final long serialVersionUID = 1L;
        private final transient Job job;

        Helper(Job job) {
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
