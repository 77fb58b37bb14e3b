package dev.nn4j.tensor;

/**
 * Reductions along axes: {@link Primitives#reduce}. The output has the input's rank, with size 1
 * along the reduced axes. {@link #SUM} accumulates in double and writes the operand's dtype;
 * {@link #MAX} and {@link #MIN} return NaN for a slice holding NaN. {@link #ARGMAX} and
 * {@link #ARGMIN} reduce exactly one axis and write the position along it (the first on ties)
 * into an INT32 or INT64 output.
 */
public enum Reduce {
    /** Sum. */
    SUM,
    /** Largest value. */
    MAX,
    /** Smallest value. */
    MIN,
    /** Position of the largest value along the one reduced axis. */
    ARGMAX,
    /** Position of the smallest value along the one reduced axis. */
    ARGMIN
}
