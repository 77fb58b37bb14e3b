package dev.nn4j.backend.array;

/**
 * Softmax and log-softmax along an axis that is not the last, over the view
 * {@code [before, n, after]} of a row-major array: for every {@code (p, q)} the {@code n}
 * elements {@code at (p·n + j)·after + q}. The arithmetic is that of the row loops in
 * {@code ArrayActivations} (maximum subtracted first, sums in double; FLOAT32 exponentials
 * rounded to float before they are summed), so a slice gives the same bits whichever axis it
 * lies along. {@code y} may be {@code x}. No allocation.
 */
final class ArraySoftmax {
    private ArraySoftmax() {
    }

    static void along(float[] x, float[] y, int before, int n, int after, boolean log) {
        for (int p = 0; p < before; p++) {
            for (int q = 0; q < after; q++) {
                int start = p * n * after + q;
                int end = start + n * after;
                float max = x[start];
                for (int i = start + after; i < end; i += after) {
                    max = Math.max(max, x[i]);
                }
                double sum = 0;
                if (log) {
                    for (int i = start; i < end; i += after) {
                        sum += Math.exp(x[i] - max);
                    }
                    double shift = max + Math.log(sum);
                    for (int i = start; i < end; i += after) {
                        y[i] = (float) (x[i] - shift);
                    }
                } else {
                    for (int i = start; i < end; i += after) {
                        float e = (float) Math.exp(x[i] - max);
                        y[i] = e;
                        sum += e;
                    }
                    float inv = (float) (1.0 / sum);
                    for (int i = start; i < end; i += after) {
                        y[i] *= inv;
                    }
                }
            }
        }
    }

    static void along(double[] x, double[] y, int before, int n, int after, boolean log) {
        for (int p = 0; p < before; p++) {
            for (int q = 0; q < after; q++) {
                int start = p * n * after + q;
                int end = start + n * after;
                double max = x[start];
                for (int i = start + after; i < end; i += after) {
                    max = Math.max(max, x[i]);
                }
                double sum = 0;
                if (log) {
                    for (int i = start; i < end; i += after) {
                        sum += Math.exp(x[i] - max);
                    }
                    double shift = max + Math.log(sum);
                    for (int i = start; i < end; i += after) {
                        y[i] = x[i] - shift;
                    }
                } else {
                    for (int i = start; i < end; i += after) {
                        y[i] = Math.exp(x[i] - max);
                        sum += y[i];
                    }
                    for (int i = start; i < end; i += after) {
                        y[i] /= sum;
                    }
                }
            }
        }
    }
}
