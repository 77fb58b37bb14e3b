package dev.nn4j.tensor;

/**
 * Element-wise functions without parameters: {@link Primitives#unary}. FLOAT32 and FLOAT64;
 * {@link #NEG}, {@link #ABS}, {@link #SQUARE} and {@link #SIGN} also on INT32 and INT64
 * (wrapping on overflow, as Java's arithmetic does: {@code |Integer.MIN_VALUE|} is itself).
 * Outside a function's domain the result is IEEE's ({@code log(-1)} is NaN, {@code log(0)} is
 * -∞): callers that must not produce them clamp first.
 */
public enum Unary {
    /** {@code e^x}. */
    EXP,
    /** Natural logarithm. */
    LOG,
    /** Square root. */
    SQRT,
    /** {@code 1/sqrt(x)}. */
    RSQRT,
    /** {@code -x}. */
    NEG,
    /** {@code |x|}. */
    ABS,
    /** {@code x·x}; FLOAT32 may flush a subnormal result to zero, as {@link Binary#MUL} does. */
    SQUARE,
    /** {@code 1/x}. */
    RECIPROCAL,
    /** Hyperbolic tangent. */
    TANH,
    /** {@code 1/(1+e^-x)}. */
    SIGMOID,
    /** {@code max(x, 0)}. */
    RELU,
    /** The error function {@code erf(x)} (GELU's exact form uses it). */
    ERF,
    /** −1, 0 or 1 (0 for ±0, NaN for NaN). */
    SIGN
}
