package dev.nn4j.tensor;

/**
 * Reductions along axes: {@link Primitives#reduce}, of FLOAT32 or FLOAT64 operands. The output
 * has the input's rank, with size 1 along the reduced axes. {@link #SUM} accumulates in double
 * and writes the operand's dtype (one exception keeps nn4j 0.1's training bit for bit: the
 * array backends sum a FLOAT32 matrix's columns, {@code [m x n]} into {@code [1 x n]}, row by
 * row in float, as 0.1's {@code sumRows} did); {@link #MAX} and {@link #MIN} return NaN for a
 * slice holding NaN. {@link #ARGMAX} and {@link #ARGMIN} reduce one axis and write the
 * position along it into an INT32 or INT64 output: the first position of the largest
 * (smallest) value, a NaN counting as beyond every number (the first NaN wins, as in NumPy), so
 * that the value at the position is what {@link #MAX} ({@link #MIN}) returns.
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
