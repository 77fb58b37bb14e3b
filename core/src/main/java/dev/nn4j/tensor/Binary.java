package dev.nn4j.tensor;

/**
 * Element-wise functions of two operands: {@link Primitives#binary}, with broadcasting.
 * Comparisons write 1 where they hold and 0 elsewhere, in the output's dtype. {@link #ADD},
 * {@link #SUB}, {@link #MUL}, {@link #MAX}, {@link #MIN} and the comparisons also take INT32 and
 * INT64 operands (wrapping on overflow, as Java's arithmetic does); {@link #DIV} and {@link #POW}
 * are floating only.
 */
public enum Binary {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a · b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code a^b} ({@link Math#pow}). */
    POW,
    /** The larger; NaN if either is NaN. */
    MAX,
    /** The smaller; NaN if either is NaN. */
    MIN,
    /** 1 where {@code a == b}. */
    EQUAL,
    /** 1 where {@code a < b}. */
    LESS,
    /** 1 where {@code a > b}. */
    GREATER
}
