package dev.nn4j.backend.array;

import dev.nn4j.tensor.Activation;

/**
 * Activation kernels over row-major arrays: forward, backward ({@code dx = dy ⊙ f'(x)}),
 * softmax and log-softmax per row of an {@code [m x n]} matrix, element-wise over all
 * {@code m·n} elements otherwise. Outputs may alias inputs ({@code out} may be {@code x}, {@code dx} may be
 * {@code dy}).
 *
 * <p>FLOAT32 has its own loop for the cheap or common functions (identity, sigmoid, tanh,
 * ReLU, leaky ReLU, softmax) and evaluates the rest (ELU, GELU) with
 * {@link Activation#apply}/{@link Activation#derivative}, in double, per element. FLOAT64
 * always uses those scalar definitions, except for the row-wise softmax. The FLOAT32 ReLU
 * loops have no data-dependent branch ({@code Math.max}/{@code Math.min} instead), so the
 * JIT vectorises them. The dense layer's bias and activation run fused for FLOAT32
 * ({@code addBiasForward}). Softmax and log-softmax subtract the row maximum before
 * exponentiating and sum in double.
 */
final class ArrayActivations {
    private ArrayActivations() {
    }

    static void forward(Activation f, float[] x, float[] out, int m, int n) {
        if (f.isRowWise()) {
            softmax(x, out, m, n);
        } else {
            map(f, x, out, 0, m * n);
        }
    }

    /**
     * Per row of {@code z [m x n]}: adds {@code bias [n]} in place, then writes {@code f} of the
     * row into {@code y} (softmax over the row) while the row is still in cache. {@code y} may be
     * {@code z}.
     */
    static void addBiasForward(Activation f, float[] z, float[] bias, float[] y, int m, int n) {
        boolean rowWise = f.isRowWise();
        for (int i = 0, start = 0; i < m; i++, start += n) {
            FloatLoops.addRange(z, start, bias, n);
            if (rowWise) {
                softmaxRow(z, y, start, n);
            } else {
                map(f, z, y, start, start + n);
            }
        }
    }

    /** {@code out[i] = f(x[i])} for {@code i} in {@code [from, to)}, f element-wise. */
    static void map(Activation f, float[] x, float[] out, int from, int to) {
        switch (f.kind()) {
            case IDENTITY:
                System.arraycopy(x, from, out, from, to - from);
                break;
            case SIGMOID:
                for (int i = from; i < to; i++) {
                    out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
                }
                break;
            case TANH:
                for (int i = from; i < to; i++) {
                    out[i] = (float) Math.tanh(x[i]);
                }
                break;
            case RELU:
                for (int i = from; i < to; i++) {
                    out[i] = Math.max(x[i], 0f);
                }
                break;
            case LEAKY_RELU: {
                float alpha = (float) f.alpha();
                for (int i = from; i < to; i++) {
                    out[i] = Math.max(x[i], 0f) + alpha * Math.min(x[i], 0f);
                }
                break;
            }
            default:
                for (int i = from; i < to; i++) {
                    out[i] = (float) f.apply(x[i]);
                }
        }
    }

    static void backward(Activation f, float[] x, float[] y, float[] dy, float[] dx, int m, int n) {
        if (f.isRowWise()) {
            softmaxBackward(y, dy, dx, m, n);
        } else {
            backwardRange(f, x, y, dy, dx, 0, m * n);
        }
    }

    /** {@code dx = dy · f'(x)} for {@code i} in {@code [from, to)}, f element-wise (not softmax). */
    static void backwardRange(Activation f, float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        switch (f.kind()) {
            case IDENTITY:
                System.arraycopy(dy, from, dx, from, to - from);
                break;
            case SIGMOID:
                for (int i = from; i < to; i++) {
                    dx[i] = dy[i] * y[i] * (1f - y[i]);
                }
                break;
            case TANH:
                for (int i = from; i < to; i++) {
                    dx[i] = dy[i] * (1f - y[i] * y[i]);
                }
                break;
            case RELU:
                for (int i = from; i < to; i++) {
                    dx[i] = dy[i] * step(x[i]);
                }
                break;
            case LEAKY_RELU: {
                float alpha = (float) f.alpha();
                for (int i = from; i < to; i++) {
                    dx[i] = dy[i] * Math.max(step(x[i]), alpha);
                }
                break;
            }
            default:
                for (int i = from; i < to; i++) {
                    dx[i] = (float) (dy[i] * f.derivative(x[i], y[i]));
                }
        }
    }

    /**
     * 1 for {@code x > 0}, 0 for {@code x <= 0} (either zero), NaN for NaN: ReLU's derivative
     * without a branch, so that the loops using it vectorise (a data-dependent branch costs
     * about 20x on inputs of mixed sign). Scaling by 1e76 lifts the smallest positive float
     * (1.4e-45) above 1 before the clamp to [0, 1].
     */
    private static float step(float x) {
        return Math.min(Math.max(x * 1e38f * 1e38f, 0f), 1f);
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
            softmaxRow(x, out, i * n, n);
        }
    }

    /** Softmax of {@code x[start .. start+n)} into the same range of {@code out} (which may be x). */
    private static void softmaxRow(float[] x, float[] out, int start, int n) {
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
