package dev.nn4j.benchmarks.report;

import java.util.Locale;

/** Number formatting for the report's table cells: times with a fitting unit, rates, ratios. */
final class Cells {
    private Cells() {
    }

    private static final String[] UNITS = {"s", "ms", "µs", "ns"};
    private static final double[] SCALE = {1, 1e3, 1e6, 1e9};

    /** {@code 12.3 µs ± 0.4}, in ns, µs, ms or s; "± n/a" when the error is not known. */
    static String time(JmhRun r) {
        double s = r.seconds();
        double err = r.errorSeconds();
        int u = unit(s);
        String e = Double.isFinite(err) ? sig(err * SCALE[u]) : "n/a";
        return sig(s * SCALE[u]) + " " + UNITS[u] + " ± " + e;
    }

    /** {@code 12.3 µs}, in ns, µs, ms or s. */
    static String seconds(double s) {
        int u = unit(s);
        return sig(s * SCALE[u]) + " " + UNITS[u];
    }

    private static int unit(double s) {
        return s >= 1 ? 0 : s >= 1e-3 ? 1 : s >= 1e-6 ? 2 : 3;
    }

    /** A rate with three significant digits and thousands separators, e.g. {@code 12,300}. */
    static String rate(double perSecond) {
        if (perSecond >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", round3(perSecond));
        }
        return sig(perSecond);
    }

    /** A ratio such as {@code 0.42×}. */
    static String ratio(double r) {
        return sig(r) + "×";
    }

    /** Three significant digits, without exponent notation. */
    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static double round3(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)) - 2);
        return Math.round(v / mag) * mag;
    }
}
