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

    private static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e7) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
