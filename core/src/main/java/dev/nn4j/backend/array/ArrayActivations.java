package dev.nn4j.backend.array;

import dev.nn4j.nn.Activation;

/**
 * Activation kernels over row-major arrays: forward, backward ({@code dx = dy ⊙ f'(x)}),
 * softmax and log-softmax per row of an {@code [m x n]} matrix, element-wise over all
 * {@code m·n} elements otherwise. Outputs may alias inputs ({@code out} may be {@code x}, {@code dx} may be
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

    static void forward(Activation f, float[] x, float[] out, int m, int n) {
        int size = m * n;
        switch (f.kind()) {
            case IDENTITY:
                System.arraycopy(x, 0, out, 0, size);
                break;
            case SIGMOID:
                for (int i = 0; i < size; i++) {
                    out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
                }
                break;
            case TANH:
                for (int i = 0; i < size; i++) {
                    out[i] = (float) Math.tanh(x[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < size; i++) {
                    out[i] = x[i] > 0 ? x[i] : 0f;
                }
                break;
            case LEAKY_RELU: {
                float alpha = (float) f.alpha();
                for (int i = 0; i < size; i++) {
                    out[i] = x[i] > 0 ? x[i] : alpha * x[i];
                }
                break;
            }
            case SOFTMAX:
                softmax(x, out, m, n);
                break;
            default:
                for (int i = 0; i < size; i++) {
                    out[i] = (float) f.apply(x[i]);
                }
        }
    }

    static void backward(Activation f, float[] x, float[] y, float[] dy, float[] dx, int m, int n) {
        int size = m * n;
        switch (f.kind()) {
            case IDENTITY:
                System.arraycopy(dy, 0, dx, 0, size);
                break;
            case SIGMOID:
                for (int i = 0; i < size; i++) {
                    dx[i] = dy[i] * y[i] * (1f - y[i]);
                }
                break;
            case TANH:
                for (int i = 0; i < size; i++) {
                    dx[i] = dy[i] * (1f - y[i] * y[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < size; i++) {
                    dx[i] = dy[i] * (x[i] > 0 ? 1f : 0f);
                }
                break;
            case LEAKY_RELU: {
                float alpha = (float) f.alpha();
                for (int i = 0; i < size; i++) {
                    dx[i] = dy[i] * (x[i] > 0 ? 1f : alpha);
                }
                break;
            }
            case SOFTMAX:
                softmaxBackward(y, dy, dx, m, n);
                break;
            default:
                for (int i = 0; i < size; i++) {
                    dx[i] = (float) (dy[i] * f.derivative(x[i], y[i]));
                }
        }
    }

    static void forward(Activation f, double[] x, double[] out, int m, int n) {
        if (f.isRowWise()) {
            softmax(x, out, m, n);
            return;
        }
        for (int i = 0; i < m * n; i++) {
            out[i] = f.apply(x[i]);
        }
    }

    static void backward(Activation f, double[] x, double[] y, double[] dy, double[] dx, int m, int n) {
        if (f.isRowWise()) {
            softmaxBackward(y, dy, dx, m, n);
            return;
        }
        for (int i = 0; i < m * n; i++) {
            dx[i] = dy[i] * f.derivative(x[i], y[i]);
        }
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
            double shift = logSumExp(x, start, n);
            for (int j = start; j < start + n; j++) {
                out[j] = (float) (x[j] - shift);
            }
        }
    }

    static void logSoftmax(double[] x, double[] out, int m, int n) {
        for (int i = 0; i < m; i++) {
            int start = i * n;
            double shift = logSumExp(x, start, n);
            for (int j = start; j < start + n; j++) {
                out[j] = x[j] - shift;
            }
        }
    }

    /** {@code log(sum e^x)} over {@code x[start .. start+n)}, computed as {@code max + log(sum e^(x - max))}. */
    private static double logSumExp(float[] x, int start, int n) {
        float max = rowMax(x, start, n);
        double sum = 0;
        for (int j = start; j < start + n; j++) {
            sum += Math.exp(x[j] - max);
        }
        return max + Math.log(sum);
    }

    private static double logSumExp(double[] x, int start, int n) {
        double max = rowMax(x, start, n);
        double sum = 0;
        for (int j = start; j < start + n; j++) {
            sum += Math.exp(x[j] - max);
        }
        return max + Math.log(sum);
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
