package dev.nn4j.benchmarks;

/**
 * One implementation's matrix product on preallocated operands: {@link #run()} computes
 * {@code C = op(A) · op(B)} into the same output every time and allocates nothing (as far
 * as the implementation allows). Holds native memory for some implementations: close it.
 */
public interface GemmCall extends AutoCloseable {

    /** Computes C in place. This is the measured call. */
    void run();

    /** A row-major copy of C, {@code m·n} floats, for checking the result. */
    float[] result();

    /** Releases the operands. */
    @Override
    void close();
}
