package dev.nn4j.backend.array;

import dev.nn4j.nn.Activation;

/**
 * Activation kernels over row-major arrays: forward, backward ({@code dx = dy ⊙ f'(x)}),
 * softmax and log-softmax per row of a matrix ({@code dims = [rows, cols]}), element-wise
 * otherwise. Outputs may alias inputs ({@code out} may be {@code x}, {@code dx} may be
 * {@code dy}).
 *
 * <p>FLOAT32 has its own loop for the cheap or common functions (identity, sigmoid, tanh,
 * ReLU, leaky ReLU, softmax) and evaluates the rest (ELU, GELU) with
 * {@link Activation#apply}/{@link Activation#derivative}, in double, per element. FLOAT64
 * always uses those scalar definitions, except for the row-wise softmax. Softmax and
 * log-softmax subtract the row maximum before exponentiating and sum in double.
 */
final class ArrayActivations {
    private ArrayActivations() {
    }

    static void forward(Activation f, float[] x, float[] out, int[] dims) {
        int n = size(dims);
        switch (f.kind()) {
            case IDENTITY:
                System.arraycopy(x, 0, out, 0, n);
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.tanh(x[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] > 0 ? x[i] : 0f;
                }
                break;
            case LEAKY_RELU: {
                float alpha = (float) f.alpha();
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] > 0 ? x[i] : alpha * x[i];
                }
                break;
            }
            case SOFTMAX:
                softmax(x, out, dims[0], dims[1]);
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) f.apply(x[i]);
                }
        }
    }

    static void backward(Activation f, float[] x, float[] y, float[] dy, float[] dx, int[] dims) {
        int n = size(dims);
        switch (f.kind()) {
            case IDENTITY:
                System.arraycopy(dy, 0, dx, 0, n);
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * y[i] * (1f - y[i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * (1f - y[i] * y[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * (x[i] > 0 ? 1f : 0f);
                }
                break;
            case LEAKY_RELU: {
                float alpha = (float) f.alpha();
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * (x[i] > 0 ? 1f : alpha);
                }
                break;
            }
            case SOFTMAX:
                softmaxBackward(y, dy, dx, dims[0], dims[1]);
                break;
            default:
                for (int i = 0; i < n; i++) {
                    dx[i] = (float) (dy[i] * f.derivative(x[i], y[i]));
                }
        }
    }

    static void forward(Activation f, double[] x, double[] out, int[] dims) {
        if (f.isRowWise()) {
            softmax(x, out, dims[0], dims[1]);
            return;
        }
        int n = size(dims);
        for (int i = 0; i < n; i++) {
            out[i] = f.apply(x[i]);
        }
    }

    static void backward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int[] dims) {
        if (f.isRowWise()) {
            softmaxBackward(y, dy, dx, dims[0], dims[1]);
            return;
        }
        int n = size(dims);
        for (int i = 0; i < n; i++) {
            dx[i] = dy[i] * f.derivative(x[i], y[i]);
        }
    }

    private static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    // ---- row-wise: softmax, its backward pass, log-softmax ----

    /** Per row of {@code x [m x n]}: {@code out_j = e^(x_j - max) / sum_k e^(x_k - max)}. */
    private static void softmax(float[] x, float[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            int end = start + n;
            float max = rowMax(x, start, n);
            double sum = 0;
            for (int j = start; j < end; j++) {
                float e = (float) Math.exp(x[j] - max);
                out[j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = start; j < end; j++) {
                out[j] *= inv;
            }
        }
    }

    private static void softmax(double[] x, double[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            double shift = rowMax(x, start, n);
            double sum = 0;
            for (int j = start; j < start + n; j++) {
                out[j] = Math.exp(x[j] - shift);
                sum += out[j];
            }
            for (int j = start; j < start + n; j++) {
                out[j] /= sum;
            }
        }
    }

    /** Per row: {@code dx = y ⊙ (dy - sum(dy ⊙ y))}; dx may alias dy. */
    private static void softmaxBackward(float[] y, float[] dy, float[] dx, int m, int n) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            float s = (float) FloatLoops.dotRange(dy, y, start, n);
            for (int j = start; j < start + n; j++) {
                dx[j] = y[j] * (dy[j] - s);
            }
        }
    }

    private static void softmaxBackward(double[] y, double[] dy, double[] dx, int m, int n) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            double s = DoubleLoops.dotRange(dy, y, start, n);
            for (int j = start; j < start + n; j++) {
                dx[j] = y[j] * (dy[j] - s);
            }
        }
    }

    /** Per row of {@code x [m x n]}: {@code out_j = x_j - max - log(sum_k e^(x_k - max))}. */
    static void logSoftmax(float[] x, float[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            int end = start + n;
            float max = rowMax(x, start, n);
            double sum = 0;
            for (int j = start; j < end; j++) {
                sum += Math.exp(x[j] - max);
            }
            double shift = max + Math.log(sum);
            for (int j = start; j < end; j++) {
                out[j] = (float) (x[j] - shift);
            }
        }
    }

    static void logSoftmax(double[] x, double[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            double max = rowMax(x, start, n);
            double sum = 0;
            for (int j = start; j < start + n; j++) {
                sum += Math.exp(x[j] - max);
            }
            double shift = max + Math.log(sum);
            for (int j = start; j < start + n; j++) {
                out[j] = x[j] - shift;
            }
        }
    }

    /** Largest of {@code x[start .. start+n)}; NaN if any element is NaN. */
    private static float rowMax(float[] x, int start, int n) {
        float max = x[start];
        for (int j = start + 1; j < start + n; j++) {
            max = Math.max(max, x[j]);
        }
        return max;
    }

    /** Largest of {@code x[start .. start+n)}; NaN if any element is NaN. */
    private static double rowMax(double[] x, int start, int n) {
        double max = x[start];
        for (int j = start + 1; j < start + n; j++) {
            max = Math.max(max, x[j]);
        }
        return max;
    }
}
