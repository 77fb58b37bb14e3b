package dev.nn4j.backend.array;

/**
 * Runs the independent parts of an array kernel: on the calling thread one after the other
 * ({@link #SERIAL}, the reference), or spread over a backend's threads. A kernel splits its work
 * into parts that write disjoint outputs and whose arithmetic does not depend on which thread runs
 * them, so a kernel's result is the same bits for every thread count.
 *
 * <p>The plain backend runs parts on the threads of its matrix product; a product called from
 * inside a part then stays on that part's thread. Implementations are thread-safe; {@link #run}
 * returns once every part has finished, and a part's writes are visible to the caller then.
 */
public interface ArrayParallel {
    /** Every part on the calling thread, in order. */
    ArrayParallel SERIAL = new ArrayParallel() {
        @Override
        public int threads() {
            return 1;
        }

        @Override
        public void run(int parts, Part part) {
            for (int i = 0; i < parts; i++) {
                part.run(i);
            }
        }
    };

    /** Threads the parts may run on (the caller included), {@code >= 1}. */
    int threads();

    /**
     * Runs {@code part.run(i)} for every {@code i} in {@code [0, parts)}, in any order and on any of
     * {@link #threads()} threads, and returns when all have finished. A failure in a part is
     * rethrown (wrapped) after the other parts have finished.
     */
    void run(int parts, Part part);

    /** One part of a kernel. */
    @FunctionalInterface
    interface Part {
        /** Computes part {@code index}. */
        void run(int index);
    }
}
