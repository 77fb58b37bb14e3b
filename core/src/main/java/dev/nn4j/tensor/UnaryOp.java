package dev.nn4j.tensor;

/** Element-wise functions without parameters, used by losses and optimizers through {@link Kernels#unary}. */
public enum UnaryOp {
    /** {@code e^x}. */
    EXP,
    /** Natural logarithm; callers clamp inputs away from 0 first. */
    LOG,
    /** Square root; callers keep inputs non-negative. */
    SQRT,
    /** {@code x * x}. */
    SQUARE,
    /** {@code |x|}. */
    ABS,
    /** {@code -x}. */
    NEG
}
