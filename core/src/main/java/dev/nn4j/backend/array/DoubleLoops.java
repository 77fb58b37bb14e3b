package dev.nn4j.backend.array;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Unary;

/**
 * The FLOAT64 loops behind {@link ArrayPrimitives} and {@link ArrayKernels}, over row-major {@code double[]}; the same
 * contracts as {@link FloatLoops}. FLOAT64 serves gradient checks, so functions that
 * FLOAT32 specialises per case (unary ops) are evaluated here from one scalar definition.
 */
final class DoubleLoops {
    private DoubleLoops() {
    }

    /** {@code out = f(a, b)} for 0.1's four functions ({@code ADD, SUB, MUL, DIV}); false for the others. */
    static boolean binary(Binary f, double[] a, double[] b, double[] out, int n) {
        switch (f) {
            case ADD -> add(a, b, out, n);
            case SUB -> sub(a, b, out, n);
            case MUL -> mul(a, b, out, n);
            case DIV -> div(a, b, out, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    static void add(double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    static void sub(double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] - b[i];
        }
    }

    static void mul(double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    static void div(double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] / b[i];
        }
    }

    static void scale(double[] a, double s, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = s * a[i];
        }
    }

    /** {@code x[off .. off+n) *= s}, in place (gemm's beta). */
    static void scale(double[] x, int off, double s, int n) {
        for (int i = off; i < off + n; i++) {
            x[i] = s * x[i];
        }
    }

    static void affine(double[] a, double s, double t, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = s * a[i] + t;
        }
    }

    static void addScalar(double[] a, double s, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + s;
        }
    }

    static void axpby(double alpha, double[] x, double beta, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = alpha * x[i] + beta * y[i];
        }
    }

    static void clamp(double[] a, double lo, double hi, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(Math.max(a[i], lo), hi);
        }
    }

    static void unary(Unary op, double[] a, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = ArrayFunctions.apply(op, a[i]);
        }
    }

    static void transpose(double[] a, int m, int n, double[] out) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[j * m + i] = a[i * n + j];
            }
        }
    }

    static void sumRows(double[] a, int m, int n, double[] out) {
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0, at = j; i < m; i++, at += n) {
                s += a[at];
            }
            out[j] = s;
        }
    }

    /** {@link FloatLoops#binaryRows} in double. */
    static boolean binaryRows(Binary f, double[] a, double[] b, double[] out, int m, int n, boolean perRow) {
        if (f != Binary.ADD && f != Binary.SUB && f != Binary.MUL && f != Binary.DIV) {
            return false;
        }
        for (int i = 0; i < m; i++) {
            int start = i * n;
            for (int j = 0; j < n; j++) {
                double x = a[start + j];
                double y = perRow ? b[i] : b[j];
                out[start + j] = switch (f) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    default -> x / y;
                };
            }
        }
        return true;
    }

    static void addRowVector(double[] a, double[] row, int m, int n, double[] out) {
        for (int i = 0, at = 0; i < m; i++) {
            for (int j = 0; j < n; j++, at++) {
                out[at] = a[at] + row[j];
            }
        }
    }

    static void argmaxRows(double[] a, int m, int n, int[] out) {
        for (int i = 0; i < m; i++) {
            int best = 0;
            for (int j = 1; j < n; j++) {
                if (a[i * n + j] > a[i * n + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
    }

    static double sum(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    static double dot(double[] a, double[] b, int n) {
        return dotRange(a, b, 0, n);
    }

    static double dotRange(double[] a, double[] b, int start, int n) {
        double s = 0;
        for (int i = start; i < start + n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Adam over the first {@code n} values, as {@code FloatLoops.adam} but in double. */
    static void adam(double[] w, double[] g, double[] m, double[] v, double beta1, double beta2, double stepSize,
                     double vScale, double epsilon, int n) {
        double r = Math.sqrt(vScale);
        double step = stepSize / r;
        double eps = epsilon / r;
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            double mi = (1 - beta1) * gi + beta1 * m[i];
            double vi = (1 - beta2) * (gi * gi) + beta2 * v[i];
            m[i] = mi;
            v[i] = vi;
            w[i] -= step * (mi / (Math.sqrt(vi) + eps));
        }
    }
}
