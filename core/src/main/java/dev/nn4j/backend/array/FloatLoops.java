package dev.nn4j.backend.array;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Unary;

/**
 * The FLOAT32 loops behind {@link ArrayPrimitives} and {@link ArrayKernels}, over row-major {@code float[]} with explicit
 * lengths ({@code n} elements, or {@code m x n} matrices). Output arrays may be input arrays
 * for the element-wise loops. Loops are kept simple (offsets hoisted into locals) so that the
 * JIT can unroll them; nothing is allocated.
 */
final class FloatLoops {
    private FloatLoops() {
    }

    /** {@code out = f(a, b)} for 0.1's four functions ({@code ADD, SUB, MUL, DIV}); false for the others, which this class has no loop for. */
    static boolean binary(Binary f, float[] a, float[] b, float[] out, int n) {
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

    static void add(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    static void sub(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] - b[i];
        }
    }

    /** {@code out = a ⊙ b}, subnormal results flushed to zero (see {@link dev.nn4j.tensor.Kernels}). */
    static void mul(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            float r = a[i] * b[i];
            out[i] = Math.abs(r) < Float.MIN_NORMAL ? 0f : r;
        }
    }

    static void div(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] / b[i];
        }
    }

    static void scale(float[] a, float s, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = s * a[i];
        }
    }

    /** {@code x[off .. off+n) *= s}, in place (gemm's beta). */
    static void scale(float[] x, int off, float s, int n) {
        for (int i = off; i < off + n; i++) {
            x[i] = s * x[i];
        }
    }

    /** {@code out = s·a + t}, computed in double and rounded once. */
    static void affine(float[] a, float s, float t, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((double) s * a[i] + t);
        }
    }

    static void addScalar(float[] a, float s, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + s;
        }
    }

    /** {@code y = alpha·x + beta·y}, subnormal results flushed to zero (see {@link dev.nn4j.tensor.Kernels}). */
    static void axpby(float alpha, float[] x, float beta, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            float r = alpha * x[i] + beta * y[i];
            y[i] = Math.abs(r) < Float.MIN_NORMAL ? 0f : r;
        }
    }

    /** {@code out = min(max(a, lo), hi)}; NaN stays NaN. */
    static void clamp(float[] a, float lo, float hi, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(Math.max(a[i], lo), hi);
        }
    }

    /**
     * One loop per function of 0.1 ({@code EXP, LOG, SQRT, SQUARE, ABS, NEG}; transcendental
     * ones evaluated in double and rounded), the others through {@link ArrayFunctions}.
     */
    static void unary(Unary op, float[] a, float[] out, int n) {
        switch (op) {
            case ERF:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ArrayFunctions.erfFloat(a[i]);
                }
                break;
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.exp(a[i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.log(a[i]);
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.sqrt(a[i]);
                }
                break;
            case SQUARE:
                mul(a, a, out, n);
                break;
            case ABS:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.abs(a[i]);
                }
                break;
            case NEG:
                scale(a, -1f, out, n);
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ArrayFunctions.apply(op, a[i]);
                }
        }
    }

    /** {@code out [n x m] = aᵀ} for {@code a [m x n]}; reads rows of a, writes columns of out. */
    static void transpose(float[] a, int m, int n, float[] out) {
        for (int i = 0; i < m; i++) {
            int aStart = i * n;
            for (int j = 0, o = i; j < n; j++, o += m) {
                out[o] = a[aStart + j];
            }
        }
    }

    /** Column sums of {@code a [m x n]} into {@code out [n]}, row by row (float accumulation). */
    static void sumRows(float[] a, int m, int n, float[] out) {
        System.arraycopy(a, 0, out, 0, n);
        for (int i = 1; i < m; i++) {
            add(out, a, i * n, out, n);
        }
    }

    /** {@code out[0 .. n) = x[0 .. n) + y[yo .. yo+n)}. */
    private static void add(float[] x, float[] y, int yo, float[] out, int n) {
        for (int j = 0; j < n; j++) {
            out[j] = x[j] + y[yo + j];
        }
    }

    /** {@code x[start + j] += row[j]} for {@code j} in {@code [0, n)}. */
    static void addRange(float[] x, int start, float[] row, int n) {
        for (int j = 0; j < n; j++) {
            x[start + j] += row[j];
        }
    }

    /** {@code out = a + row} for every row of {@code a [m x n]}. */
    /**
     * {@code out = f(a, b)} for {@code a, out [m x n]} and {@code b} one value per column
     * ({@code perRow} false: {@code b[j]}) or per row ({@code true}: {@code b[i]}), for
     * {@code ADD, SUB, MUL, DIV}, with exactly the general broadcasting loop's results (the
     * operation in double, rounded once to float; products' subnormals flushed to zero); false for
     * another {@code f}, doing nothing.
     */
    static boolean binaryRows(Binary f, float[] a, float[] b, float[] out, int m, int n, boolean perRow) {
        if (f != Binary.ADD && f != Binary.SUB && f != Binary.MUL && f != Binary.DIV) {
            return false;
        }
        for (int i = 0; i < m; i++) {
            int start = i * n;
            double s = perRow ? b[i] : 0;
            for (int j = 0; j < n; j++) {
                double x = a[start + j];
                double y = perRow ? s : b[j];
                float v = (float) switch (f) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    default -> x / y;
                };
                out[start + j] = f == Binary.MUL && Math.abs(v) < Float.MIN_NORMAL ? 0f : v;
            }
        }
        return true;
    }

    static void addRowVector(float[] a, float[] row, int m, int n, float[] out) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            for (int j = 0; j < n; j++) {
                out[start + j] = a[start + j] + row[j];
            }
        }
    }

    /** Per row of {@code a [m x n]}, the first column holding the largest value. */
    static void argmaxRows(float[] a, int m, int n, int[] out) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            int best = 0;
            float max = a[start];
            for (int j = 1; j < n; j++) {
                if (a[start + j] > max) {
                    max = a[start + j];
                    best = j;
                }
            }
            out[i] = best;
        }
    }

    /** Sum of {@code a[0 .. n)}, accumulated in double. */
    static double sum(float[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    /** Sum of {@code a[i]·b[i]}, each product and the sum in double. */
    static double dot(float[] a, float[] b, int n) {
        return dotRange(a, b, 0, n);
    }

    /** Sum of {@code a[i]·b[i]} for {@code i} in {@code [start, start+n)}, in double. */
    static double dotRange(float[] a, float[] b, int start, int n) {
        double s = 0;
        for (int i = start; i < start + n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /**
     * Adam over {@code [from, to)}: {@code m ← β1·m + (1 − β1)·g}, {@code v ← β2·v + (1 − β2)·g²},
     * {@code w ← w − step·m / (sqrt(v)·r + ε)} with {@code r = sqrt(vScale)}, in float; subnormal
     * moments are flushed to zero, as {@link #axpby} does.
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, double beta1, double beta2, double stepSize,
                     double vScale, double epsilon, int from, int to) {
        float b1 = (float) beta1;
        float a1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float a2 = (float) (1 - beta2);
        double r = Math.sqrt(vScale);
        float step = (float) (stepSize / r);
        float eps = (float) (epsilon / r);
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = a1 * gi + b1 * m[i];
            float vi = a2 * (gi * gi) + b2 * v[i];
            m[i] = Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi;   // subnormal state slows every later step
            v[i] = vi < Float.MIN_NORMAL ? 0f : vi;
            w[i] -= step * (mi / ((float) Math.sqrt(vi) + eps));
        }
    }
}
