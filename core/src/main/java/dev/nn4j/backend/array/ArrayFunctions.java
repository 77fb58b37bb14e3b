package dev.nn4j.backend.array;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Unary;

/**
 * The scalar definitions of {@link Unary} and {@link Binary} the array loops evaluate: in
 * double for the floating dtypes (a FLOAT32 result is the double result rounded once, which
 * for {@code + - * /} and {@code sqrt} is the float operation's own result), in long for the
 * integer dtypes (an INT32 result is the long result's low 32 bits, which is Java's wrapping
 * int arithmetic). Stateless; allocates nothing.
 */
public final class ArrayFunctions {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

    private ArrayFunctions() {
    }

    /** {@code f(x)} in double. */
    public static double apply(Unary f, double x) {
        switch (f) {
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SQRT: return Math.sqrt(x);
            case RSQRT: return 1 / Math.sqrt(x);
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SQUARE: return x * x;
            case RECIPROCAL: return 1 / x;
            case TANH: return Math.tanh(x);
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-x));
            case RELU: return Math.max(x, 0.0);
            case ERF: return erf(x);
            case SIGN: return Math.signum(x);
            default: throw new IllegalArgumentException("unary: no definition of " + f);
        }
    }

    /** {@code f(x)} for the functions defined on integers ({@code NEG, ABS, SQUARE, SIGN}), wrapping on overflow. */
    public static long apply(Unary f, long x) {
        switch (f) {
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SQUARE: return x * x;
            case SIGN: return Long.signum(x);
            default: throw new IllegalArgumentException("unary: " + f + " is not defined on integers");
        }
    }

    /** {@code f(x, y)} in double; comparisons give 1 or 0. */
    public static double apply(Binary f, double x, double y) {
        switch (f) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case POW: return Math.pow(x, y);
            case MAX: return Math.max(x, y);
            case MIN: return Math.min(x, y);
            case EQUAL: return x == y ? 1 : 0;
            case LESS: return x < y ? 1 : 0;
            case GREATER: return x > y ? 1 : 0;
            default: throw new IllegalArgumentException("binary: no definition of " + f);
        }
    }

    /** {@code f(x, y)} for the functions defined on integers (all but {@code DIV} and {@code POW}), wrapping on overflow. */
    public static long apply(Binary f, long x, long y) {
        switch (f) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case MAX: return Math.max(x, y);
            case MIN: return Math.min(x, y);
            case EQUAL: return x == y ? 1 : 0;
            case LESS: return x < y ? 1 : 0;
            case GREATER: return x > y ? 1 : 0;
            default: throw new IllegalArgumentException("binary: " + f + " is not defined on integers");
        }
    }

    /**
     * The error function {@code erf(x) = 2/√π ∫₀ˣ e^{-t²} dt}, within about 2e-15 relative:
     * below 2.5 the series {@code 2x/√π · e^{-x²} · Σ (2x²)ⁿ / (1·3·…·(2n+1))} (positive terms,
     * so no cancellation; at most about 40), from 2.5 to 6 {@code 1 − erfc(x)} with erfc from its
     * continued fraction (40 terms), beyond 6 exactly ±1 (erfc(6) is below half an ulp of 1).
     * Odd; NaN for NaN.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            double x2 = ax * ax;
            double term = 1;
            double sum = 1;
            for (int n = 1; n < 100; n++) {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) {
                    break;
                }
            }
            r = TWO_OVER_SQRT_PI * ax * Math.exp(-x2) * sum;
        } else if (ax < 6) {
            // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))), evaluated from the tail
            double t = ax;
            for (int k = 40; k >= 1; k--) {
                t = ax + 0.5 * k / t;
            }
            r = 1 - Math.exp(-ax * ax) * ONE_OVER_SQRT_PI / t;
        } else {
            r = 1;
        }
        return Math.copySign(r, x);
    }

    /**
     * {@link #erf} to float precision, about 20 times faster: within 2e-7 absolute (2.5 units in
     * the last place of a float near 1) and 1e-7 relative below 0.5, where the Maclaurin series
     * is summed to its {@code x^15} term (truncation below 2e-11) without branches; from 0.5, Abramowitz and Stegun's 7.1.26,
     * {@code 1 − (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^{−x²}} with {@code t = 1/(1 + 0.3275911·x)}
     * (absolute error below 1.5e-7). For FLOAT32 tensors (GELU's exact form); FLOAT64 uses
     * {@link #erf}.
     */
    public static double erfFloat(double x) {
        double ax = Math.abs(x);
        if (ax < 0.5) {                                    // Σ (−1)ⁿ x^{2n+1} / (n!·(2n+1)), n ≤ 7, in Horner form
            double x2 = x * x;
            double p = -1.0 / 75600;
            p = p * x2 + 1.0 / 9360;
            p = p * x2 - 1.0 / 1320;
            p = p * x2 + 1.0 / 216;
            p = p * x2 - 1.0 / 42;
            p = p * x2 + 1.0 / 10;
            p = p * x2 - 1.0 / 3;
            p = p * x2 + 1;
            return TWO_OVER_SQRT_PI * x * p;
        }
        if (!(ax < 6)) {
            return Double.isNaN(x) ? x : Math.copySign(1, x);
        }
        double t = 1 / (1 + 0.3275911 * ax);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return Math.copySign(1 - poly * Math.exp(-ax * ax), x);
    }
}
