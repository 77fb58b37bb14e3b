package dev.nn4j.backend.array;

import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * The general reduction loop of {@link ArrayPrimitives}: any rank, any set of axes (those where
 * {@code out} has size 1 and {@code a} does not). The walk ({@link Strides}) puts the kept axes
 * outside and the reduced ones inside, so every output element's inputs are consecutive rows,
 * each a strided inner loop; contiguous reduced axes merge into one row. FLOAT32 and FLOAT64
 * operands; sums accumulate in double. 0.1's column sums take {@code sumRows} before they get
 * here. Allocates nothing once warm.
 */
final class ArrayReduce {
    private ArrayReduce() {
    }

    /** {@code out = f(a)} over the axes where {@code out} has size 1 and {@code a} does not. */
    static void reduce(Reduce f, Tensor a, Tensor out) {
        Shape as = a.shape();
        Shape os = out.shape();
        int rank = as.rank();
        Strides s = Strides.begin(2);
        boolean reduces = false;
        for (int d = 0; d < rank; d++) {
            if (!reduced(as, os, d)) {
                s.add(as.dim(d), Strides.stride(as, d), Strides.stride(os, d), 0, 0);
            }
        }
        for (int d = 0; d < rank; d++) {
            if (reduced(as, os, d)) {
                s.add(as.dim(d), Strides.stride(as, d), 0, 0, 0);
                reduces = true;
            }
        }
        Object x = ArrayPrimitives.array(a).array();
        Object o = ArrayPrimitives.array(out).array();
        if (!reduces) {
            if (f == Reduce.ARGMAX || f == Reduce.ARGMIN) {
                if (o instanceof int[] p) {
                    java.util.Arrays.fill(p, 0, out.size(), 0);
                } else {
                    java.util.Arrays.fill((long[]) o, 0, out.size(), 0L);
                }
            } else {
                ArrayCasts.copy(x, 0, o, 0, a.size());
            }
        } else if (f == Reduce.ARGMAX || f == Reduce.ARGMIN) {
            positions(f == Reduce.ARGMAX, s, x, o);
        } else {
            values(f, s, x, o);
        }
    }

    private static boolean reduced(Shape a, Shape out, int d) {
        return out.dim(d) == 1 && a.dim(d) > 1;
    }

    /** SUM, MAX or MIN: consecutive rows with one output offset fold into one accumulator. */
    private static void values(Reduce f, Strides s, Object x, Object o) {
        int n = s.inner();
        int stride = s.stride(0);
        double init = f == Reduce.SUM ? 0 : f == Reduce.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double acc = init;
        int current = s.offset(1);
        for (int r = s.rows(); r > 0; r--, s.next()) {
            if (s.offset(1) != current) {
                store(o, current, acc);
                acc = init;
                current = s.offset(1);
            }
            acc = x instanceof float[] v ? fold(f, v, s.offset(0), stride, n, acc)
                    : fold(f, (double[]) x, s.offset(0), stride, n, acc);
        }
        store(o, current, acc);
    }

    private static double fold(Reduce f, float[] x, int i, int stride, int n, double acc) {
        switch (f) {
            case SUM:
                for (int e = 0; e < n; e++, i += stride) {
                    acc += x[i];
                }
                return acc;
            case MAX:
                for (int e = 0; e < n; e++, i += stride) {
                    acc = Math.max(acc, x[i]);
                }
                return acc;
            default:
                for (int e = 0; e < n; e++, i += stride) {
                    acc = Math.min(acc, x[i]);
                }
                return acc;
        }
    }

    private static double fold(Reduce f, double[] x, int i, int stride, int n, double acc) {
        switch (f) {
            case SUM:
                for (int e = 0; e < n; e++, i += stride) {
                    acc += x[i];
                }
                return acc;
            case MAX:
                for (int e = 0; e < n; e++, i += stride) {
                    acc = Math.max(acc, x[i]);
                }
                return acc;
            default:
                for (int e = 0; e < n; e++, i += stride) {
                    acc = Math.min(acc, x[i]);
                }
                return acc;
        }
    }

    private static void store(Object o, int at, double value) {
        if (o instanceof float[] f) {
            f[at] = (float) value;
        } else {
            ((double[]) o)[at] = value;
        }
    }

    /**
     * ARGMAX or ARGMIN along the one reduced axis, which is the inner dimension of every row:
     * the first position of the largest (smallest) value, the first NaN beating every number.
     */
    private static void positions(boolean max, Strides s, Object x, Object o) {
        int n = s.inner();
        int stride = s.stride(0);
        for (int r = s.rows(); r > 0; r--, s.next()) {
            int i = s.offset(0);
            int best = x instanceof float[] v ? best(max, v, i, stride, n) : best(max, (double[]) x, i, stride, n);
            if (o instanceof int[] p) {
                p[s.offset(1)] = best;
            } else {
                ((long[]) o)[s.offset(1)] = best;
            }
        }
    }

    private static int best(boolean max, float[] x, int i, int stride, int n) {
        float b = x[i];
        int at = 0;
        for (int e = 1; e < n && b == b; e++) {
            float v = x[i + e * stride];
            if ((max ? v > b : v < b) || v != v) {
                b = v;
                at = e;
            }
        }
        return at;
    }

    private static int best(boolean max, double[] x, int i, int stride, int n) {
        double b = x[i];
        int at = 0;
        for (int e = 1; e < n && b == b; e++) {
            double v = x[i + e * stride];
            if ((max ? v > b : v < b) || v != v) {
                b = v;
                at = e;
            }
        }
        return at;
    }
}
