package dev.nn4j.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a demo must reach to count as learned: a measured number against a threshold. The
 * verdict line always names both, so a failed run (exit code 1) says by how much it missed.
 *
 * @param what      the measured quantity, e.g. "held-out MSE"
 * @param threshold the limit
 * @param atMost    true when the measurement must be at most the threshold (an error), false
 *                  when it must be at least the threshold (an accuracy, a step count)
 */
record Goal(String what, double threshold, boolean atMost) {

    /** A goal that the measurement must not exceed. */
    static Goal atMost(String what, double threshold) {
        return new Goal(what, threshold, true);
    }

    /** A goal that the measurement must reach. */
    static Goal atLeast(String what, double threshold) {
        return new Goal(what, threshold, false);
    }

    /** True when {@code measured} meets the goal (NaN never does). */
    boolean met(double measured) {
        return atMost ? measured <= threshold : measured >= threshold;
    }

    /** Prints the verdict line to {@code out} and returns the exit code: 0 when met, 1 otherwise. */
    int report(double measured, PrintStream out) {
        boolean ok = met(measured);
        out.printf(Locale.ROOT, "%s: %s %s %s threshold %s%n", ok ? "Learned" : "NOT learned", what, format(measured),
                ok ? (atMost ? "<=" : ">=") : (atMost ? "is above the" : "is below the"), format(threshold));
        return ok ? 0 : 1;
    }

    private static String format(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") ? s : new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
    }
}
