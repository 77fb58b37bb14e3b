package dev.nn4j.backend.array;

/**
 * Batch normalisation over arrays viewed as {@code [N, C, S]} (S = 1 after a dense layer,
 * H·W after a convolution), FLOAT32 and FLOAT64: per-channel statistics (two passes, summed in
 * double), the affine normalisation and the training-mode backward pass. FLOAT32 kernels
 * work on the channels {@code [c0, c1)}, so channels can be split between threads (each channel's
 * arithmetic is the same either way). No scratch, thread-safe. Per-channel values ({@code mean}, {@code variance}, {@code gamma}, ...) are
 * {@code [C]} arrays.
 */
final class ArrayBatchNorm {
    private ArrayBatchNorm() {
    }

    static void statistics(float[] x, int n, int c, int s, float[] mean, float[] variance, int c0, int c1) {
        for (int ch = c0; ch < c1; ch++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    sum += x[j];
                }
            }
            double mu = sum / ((long) n * s);
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    double d = x[j] - mu;
                    sq += d * d;
                }
            }
            mean[ch] = (float) mu;
            variance[ch] = (float) (sq / ((long) n * s));
        }
    }

    static void statistics(double[] x, int n, int c, int s, double[] mean, double[] variance) {
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    sum += x[j];
                }
            }
            double mu = sum / ((long) n * s);
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    double d = x[j] - mu;
                    sq += d * d;
                }
            }
            mean[ch] = mu;
            variance[ch] = sq / ((long) n * s);
        }
    }

    static void normalize(float[] x, int n, int c, int s, float[] mean, float[] variance, double eps,
                          float[] gamma, float[] beta, float[] y, int c0, int c1) {
        for (int ch = c0; ch < c1; ch++) {
            float scale = (float) (gamma[ch] / Math.sqrt(variance[ch] + eps));
            float shift = beta[ch] - mean[ch] * scale;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    y[j] = x[j] * scale + shift;
                }
            }
        }
    }

    static void normalize(double[] x, int n, int c, int s, double[] mean, double[] variance, double eps,
                          double[] gamma, double[] beta, double[] y) {
        for (int ch = 0; ch < c; ch++) {
            double inv = 1 / Math.sqrt(variance[ch] + eps);
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    y[j] = gamma[ch] * (x[j] - mean[ch]) * inv + beta[ch];
                }
            }
        }
    }

    static void backward(float[] x, float[] dy, int n, int c, int s, float[] mean, float[] variance, double eps,
                         float[] gamma, float[] dx, float[] dgamma, float[] dbeta, int c0, int c1) {
        double m = (double) n * s;
        for (int ch = c0; ch < c1; ch++) {
            double inv = 1 / Math.sqrt(variance[ch] + eps);
            double mu = mean[ch];
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    sumDy += dy[j];
                    sumDyXhat += dy[j] * (x[j] - mu) * inv;
                }
            }
            dbeta[ch] = (float) sumDy;
            dgamma[ch] = (float) sumDyXhat;
            float k = (float) (gamma[ch] * inv);
            float meanDy = (float) (sumDy / m);
            float meanDyXhat = (float) (sumDyXhat / m);
            float fmu = (float) mu;
            float finv = (float) inv;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    dx[j] = k * (dy[j] - meanDy - (x[j] - fmu) * finv * meanDyXhat);
                }
            }
        }
    }

    static void backward(double[] x, double[] dy, int n, int c, int s, double[] mean, double[] variance, double eps,
                         double[] gamma, double[] dx, double[] dgamma, double[] dbeta) {
        double m = (double) n * s;
        for (int ch = 0; ch < c; ch++) {
            double inv = 1 / Math.sqrt(variance[ch] + eps);
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    sumDy += dy[j];
                    sumDyXhat += dy[j] * (x[j] - mean[ch]) * inv;
                }
            }
            dbeta[ch] = sumDy;
            dgamma[ch] = sumDyXhat;
            double k = gamma[ch] * inv;
            for (int i = 0; i < n; i++) {
                for (int j = (i * c + ch) * s, e = j + s; j < e; j++) {
                    dx[j] = k * (dy[j] - sumDy / m - (x[j] - mean[ch]) * inv * sumDyXhat / m);
                }
            }
        }
    }
}
