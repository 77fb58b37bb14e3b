package dev.nn4j.tensor;

import java.util.Locale;

/**
 * Renders tensors for {@link Tensor#toString()}: every value when small (nested brackets, one
 * level per dimension, as NumPy prints), a summary when large. Integer dtypes print as integers.
 */
final class TensorFormat {
    static final int FULL_LIMIT = 100;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("Tensor ").append(t.dtype()).append(' ').append(t.shape())
                .append(" on ").append(t.backend().name());
        String[] text = numbers(t);
        if (t.size() <= FULL_LIMIT) {
            sb.append('\n');
            if (t.rank() == 0) {
                sb.append(text[0]);
            } else {
                nested(sb, t.shape(), 0, 0, text);
            }
        } else {
            sb.append(" [");
            for (int i = 0; i < EDGE; i++) {
                sb.append(text[i]).append(", ");
            }
            sb.append("...");
            for (int i = EDGE; i < text.length; i++) {
                sb.append(", ").append(text[i]);
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /**
     * The elements as text: all of them for a small tensor, else the first and the last
     * {@link #EDGE}.
     */
    private static String[] numbers(Tensor t) {
        int n = t.size();
        boolean all = n <= FULL_LIMIT;
        String[] text = new String[all ? n : 2 * EDGE];
        if (t.dtype().isFloating()) {
            double[] v = t.toDoubleArray();
            for (int i = 0; i < text.length; i++) {
                text[i] = number(v[all || i < EDGE ? i : n - 2 * EDGE + i]);
            }
        } else {
            long[] v = t.toLongArray();
            for (int i = 0; i < text.length; i++) {
                text[i] = Long.toString(v[all || i < EDGE ? i : n - 2 * EDGE + i]);
            }
        }
        return text;
    }

    /**
     * Dimension {@code dim} of the block starting at flat index {@code offset} in brackets: the
     * last dimension's values separated by {@code ", "}, blocks of the others by line breaks (one
     * more blank line per level above the rows) and indented by their depth.
     */
    private static void nested(StringBuilder sb, Shape s, int dim, int offset, String[] text) {
        int last = s.rank() - 1;
        int stride = 1;
        for (int d = dim + 1; d <= last; d++) {
            stride *= s.dim(d);
        }
        sb.append('[');
        for (int i = 0; i < s.dim(dim); i++) {
            if (i > 0 && dim == last) {
                sb.append(", ");
            } else if (i > 0) {
                sb.append("\n".repeat(last - dim)).append(" ".repeat(dim + 1));
            }
            if (dim == last) {
                sb.append(text[offset + i]);
            } else {
                nested(sb, s, dim + 1, offset + i * stride, text);
            }
        }
        sb.append(']');
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
