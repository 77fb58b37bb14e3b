package dev.nn4j.tensor;

import java.util.Locale;

/** Renders tensors for {@link Tensor#toString()}: every value when small, a summary when large. */
final class TensorFormat {
    static final int FULL_LIMIT = 100;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("Tensor ").append(t.dtype()).append(' ').append(t.shape())
                .append(" on ").append(t.backend().name());
        double[] v = t.toDoubleArray();
        Shape s = t.shape();
        int cols = s.dim(s.rank() - 1);
        if (v.length <= FULL_LIMIT) {
            sb.append('\n');
            for (int i = 0; i < v.length; i += cols) {
                sb.append(i == 0 ? "[" : " ");
                sb.append('[');
                for (int j = 0; j < cols; j++) {
                    if (j > 0) {
                        sb.append(", ");
                    }
                    sb.append(number(v[i + j]));
                }
                sb.append(']');
                sb.append(i + cols >= v.length ? "]" : "\n");
            }
        } else {
            sb.append(" [");
            for (int i = 0; i < EDGE; i++) {
                sb.append(number(v[i])).append(", ");
            }
            sb.append("..., ");
            for (int i = v.length - EDGE; i < v.length; i++) {
                sb.append(number(v[i])).append(i < v.length - 1 ? ", " : "]");
            }
        }
        return sb.toString();
    }

    /** Whole numbers as {@code 3.0}, others with up to 6 significant digits, trailing zeros dropped. */
    static String number(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e7) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        double ax = Math.abs(x);
        if (ax >= 1e-4 && ax < 1e7) {
            String s = new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
            return s.indexOf('.') < 0 ? s + ".0" : s;
        }
        String s = String.format(Locale.ROOT, "%.5e", x);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", ".0");
        return mantissa + s.substring(e);
    }
}
