package dev.nn4j.conformance;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Unary;

/**
 * A deliberately naive reference for the kernels, over {@code double[]} and
 * {@code double[][]}: textbook triple loops, explicit transposes, the softmax Jacobian as a
 * full matrix, and the activation formulas written out again from their mathematical
 * definitions (not by calling {@link Activation#apply}). Slow and obviously right; the
 * randomized conformance tests compare every backend with it.
 */
public final class ReferenceMath {
    private ReferenceMath() {
    }

    /** {@code rows x cols} matrix from row-major {@code flat}. */
    public static double[][] unflatten(double[] flat, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = flat[i * cols + j];
            }
        }
        return m;
    }

    /** Row-major copy of {@code m}. */
    public static double[] flatten(double[][] m) {
        int cols = m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                flat[i * cols + j] = m[i][j];
            }
        }
        return flat;
    }

    /** {@code mᵀ}. */
    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** {@code a · b} by the i-j-k definition. */
    public static double[][] matmul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double s = 0;
                for (int p = 0; p < b.length; p++) {
                    s += a[i][p] * b[p][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** {@code alpha · op(a) · op(b) + beta · c}, where {@code beta == 0} ignores c entirely. */
    public static double[][] gemm(boolean transA, boolean transB, double alpha, double[][] a, double[][] b,
                                  double beta, double[][] c) {
        double[][] p = matmul(transA ? transpose(a) : a, transB ? transpose(b) : b);
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[0].length; j++) {
                p[i][j] = alpha * p[i][j] + (beta == 0 ? 0 : beta * c[i][j]);
            }
        }
        return p;
    }

    /** {@code op(x)} per element. */
    public static double unary(Unary op, double x) {
        switch (op) {
            case EXP: return Math.pow(Math.E, x);
            case LOG: return Math.log(x);
            case SQRT: return Math.pow(x, 0.5);
            case RSQRT: return Math.pow(x, -0.5);
            case SQUARE: return Math.pow(x, 2);
            case ABS: return x < 0 ? -x : x;
            case NEG: return 0 - x;
            case RECIPROCAL: return Math.pow(x, -1);
            case TANH: return (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1);
            case SIGMOID: return Math.exp(x) / (Math.exp(x) + 1);
            case RELU: return x > 0 ? x : 0;
            case ERF: return erf(x);
            case SIGN: return x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : Double.NaN;
            default: throw new IllegalArgumentException("no reference for " + op);
        }
    }

    /** {@code 2/√π ∫₀ˣ e^{-t²} dt} by Simpson's rule on 4000 intervals (error below 1e-12 for |x| <= 4). */
    public static double erf(double x) {
        int n = 4000;
        double h = x / n;
        double s = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            double t = i * h;
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * s * h / 3;
    }

    /** {@code f(x)} for an element-wise activation, from its definition. */
    public static double activation(Activation f, double x) {
        switch (f.kind()) {
            case IDENTITY: return x;
            case SIGMOID: return Math.exp(x) / (Math.exp(x) + 1);
            case TANH: return (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1);
            case RELU: return Math.max(0, x);
            case LEAKY_RELU: return x >= 0 ? x : f.alpha() * x;
            case ELU: return x >= 0 ? x : f.alpha() * (Math.exp(x) - 1);
            case GELU: return x / 2 * (1 + Math.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
            default: throw new IllegalArgumentException("no element-wise reference for " + f);
        }
    }

    /** {@code f'(x)} from the definition's derivative, written in terms of x only; 0 at ReLU's kink. */
    public static double derivative(Activation f, double x) {
        switch (f.kind()) {
            case IDENTITY: return 1;
            case SIGMOID: return Math.exp(-x) / ((1 + Math.exp(-x)) * (1 + Math.exp(-x)));
            case TANH: return 1 / (Math.cosh(x) * Math.cosh(x));
            case RELU: return x > 0 ? 1 : 0;
            case LEAKY_RELU: return x > 0 ? 1 : f.alpha();
            case ELU: return x > 0 ? 1 : f.alpha() * Math.exp(x);
            case GELU: {
                double c = 0.7978845608028654;
                double u = c * (x + 0.044715 * x * x * x);
                double sech = 1 / Math.cosh(u);
                return 0.5 * (1 + Math.tanh(u)) + 0.5 * x * sech * sech * c * (1 + 3 * 0.044715 * x * x);
            }
            default: throw new IllegalArgumentException("no element-wise reference for " + f);
        }
    }

    /** Softmax of each row: {@code exp(log-softmax)}, so large inputs do not overflow. */
    public static double[][] softmax(double[][] x) {
        double[][] y = logSoftmax(x);
        for (double[] row : y) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.exp(row[j]);
            }
        }
        return y;
    }

    /** {@code log(softmax(x))} per row, in the stable form {@code x - max - log(sum(exp(x - max)))}. */
    public static double[][] logSoftmax(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : x[i]) {
                sum += Math.exp(v - max);
            }
            y[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                y[i][j] = x[i][j] - max - Math.log(sum);
            }
        }
        return y;
    }

    /** Per row, {@code dx = J(y)ᵀ · dy} with the full softmax Jacobian {@code J[j][k] = y_j (δ_jk - y_k)}. */
    public static double[][] softmaxBackward(double[][] y, double[][] dy) {
        double[][] dx = new double[y.length][y[0].length];
        for (int i = 0; i < y.length; i++) {
            int n = y[i].length;
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    double jacobian = y[i][j] * ((j == k ? 1 : 0) - y[i][k]);
                    s += dy[i][j] * jacobian;
                }
                dx[i][k] = s;
            }
        }
        return dx;
    }

    /** Sum of each column of {@code a}, as a one-row matrix. */
    public static double[][] sumRows(double[][] a) {
        double[][] s = new double[1][a[0].length];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                s[0][j] += row[j];
            }
        }
        return s;
    }

    /** The first index of the largest element of each row. */
    public static int[] argmaxRows(double[][] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (a[i][j] > a[i][out[i]]) {
                    out[i] = j;
                }
            }
        }
        return out;
    }
}
