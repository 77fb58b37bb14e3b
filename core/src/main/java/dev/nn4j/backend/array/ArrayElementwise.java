package dev.nn4j.backend.array;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * The general element-wise loops of {@link ArrayPrimitives}: any rank, any dtype the function
 * takes, operands broadcast to the output through {@link Strides} (stride 0 along a repeated
 * dimension). Each element goes through the scalar definition in {@link ArrayFunctions}, in
 * double for the floating dtypes and in long for the integer ones; FLOAT32 {@code MUL} and
 * {@code SQUARE} flush subnormal results to zero, as 0.1's loops do. This is the correctness
 * path: 0.1's cases (equal shapes, a row over a matrix) take {@link FloatLoops} and
 * {@link DoubleLoops} before they get here. The output may be an input of its own shape (each
 * element is read before it is written). Allocates nothing once warm.
 */
final class ArrayElementwise {
    private ArrayElementwise() {
    }

    /** {@code out = f(a)}, {@code a} broadcast to {@code out}. */
    static void unary(Unary f, Tensor a, Tensor out) {
        Strides s = Strides.broadcast(out.shape(), a.shape());
        int n = s.inner();
        int sa = s.stride(1);
        boolean flush = f == Unary.SQUARE;
        Object in = ArrayPrimitives.array(a).array();
        Object res = ArrayPrimitives.array(out).array();
        if (res instanceof float[] o) {
            float[] x = (float[]) in;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), j = s.offset(0); e < n; e++, i += sa, j++) {
                    float v = (float) ArrayFunctions.apply(f, x[i]);
                    o[j] = flush && Math.abs(v) < Float.MIN_NORMAL ? 0f : v;
                }
            }
        } else if (res instanceof double[] o) {
            double[] x = (double[]) in;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), j = s.offset(0); e < n; e++, i += sa, j++) {
                    o[j] = ArrayFunctions.apply(f, x[i]);
                }
            }
        } else if (res instanceof int[] o) {
            int[] x = (int[]) in;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), j = s.offset(0); e < n; e++, i += sa, j++) {
                    o[j] = (int) ArrayFunctions.apply(f, (long) x[i]);
                }
            }
        } else {
            long[] o = (long[]) res;
            long[] x = (long[]) in;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), j = s.offset(0); e < n; e++, i += sa, j++) {
                    o[j] = ArrayFunctions.apply(f, x[i]);
                }
            }
        }
    }

    /** {@code out = f(a, b)}, {@code a} and {@code b} broadcast to {@code out}; one dtype for all three. */
    static void binary(Binary f, Tensor a, Tensor b, Tensor out) {
        Strides s = Strides.broadcast(out.shape(), a.shape(), b.shape());
        int n = s.inner();
        int sa = s.stride(1);
        int sb = s.stride(2);
        boolean flush = f == Binary.MUL;
        Object x0 = ArrayPrimitives.array(a).array();
        Object y0 = ArrayPrimitives.array(b).array();
        Object res = ArrayPrimitives.array(out).array();
        if (res instanceof float[] o) {
            float[] x = (float[]) x0;
            float[] y = (float[]) y0;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), k = s.offset(2), j = s.offset(0); e < n; e++, i += sa, k += sb, j++) {
                    float v = (float) ArrayFunctions.apply(f, x[i], y[k]);
                    o[j] = flush && Math.abs(v) < Float.MIN_NORMAL ? 0f : v;
                }
            }
        } else if (res instanceof double[] o) {
            double[] x = (double[]) x0;
            double[] y = (double[]) y0;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), k = s.offset(2), j = s.offset(0); e < n; e++, i += sa, k += sb, j++) {
                    o[j] = ArrayFunctions.apply(f, x[i], y[k]);
                }
            }
        } else if (res instanceof int[] o) {
            int[] x = (int[]) x0;
            int[] y = (int[]) y0;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), k = s.offset(2), j = s.offset(0); e < n; e++, i += sa, k += sb, j++) {
                    o[j] = (int) ArrayFunctions.apply(f, (long) x[i], (long) y[k]);
                }
            }
        } else {
            long[] o = (long[]) res;
            long[] x = (long[]) x0;
            long[] y = (long[]) y0;
            for (int r = s.rows(); r > 0; r--, s.next()) {
                for (int e = 0, i = s.offset(1), k = s.offset(2), j = s.offset(0); e < n; e++, i += sa, k += sb, j++) {
                    o[j] = ArrayFunctions.apply(f, x[i], y[k]);
                }
            }
        }
    }

    /** {@code out = condition != 0 ? a : b}, all three broadcast to {@code out}; {@code condition} of any dtype (NaN counts as non-zero). */
    static void select(Tensor condition, Tensor a, Tensor b, Tensor out) {
        Strides s = Strides.broadcast(out.shape(), a.shape(), b.shape(), condition.shape());
        int n = s.inner();
        int sa = s.stride(1);
        int sb = s.stride(2);
        int sc = s.stride(3);
        Object c = ArrayPrimitives.array(condition).array();
        Object x = ArrayPrimitives.array(a).array();
        Object y = ArrayPrimitives.array(b).array();
        Object o = ArrayPrimitives.array(out).array();
        for (int r = s.rows(); r > 0; r--, s.next()) {
            for (int e = 0, i = s.offset(1), k = s.offset(2), q = s.offset(3), j = s.offset(0); e < n;
                 e++, i += sa, k += sb, q += sc, j++) {
                if (nonZero(c, q)) {
                    copyElement(x, i, o, j);
                } else {
                    copyElement(y, k, o, j);
                }
            }
        }
    }

    /** Whether element {@code i} of a {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]} is not zero. */
    private static boolean nonZero(Object array, int i) {
        if (array instanceof float[] f) {
            return f[i] != 0;
        }
        if (array instanceof double[] d) {
            return d[i] != 0;
        }
        if (array instanceof int[] v) {
            return v[i] != 0;
        }
        return ((long[]) array)[i] != 0;
    }

    /** {@code dst[j] = src[i]} for two arrays of one element type. */
    private static void copyElement(Object src, int i, Object dst, int j) {
        if (dst instanceof float[] f) {
            f[j] = ((float[]) src)[i];
        } else if (dst instanceof double[] d) {
            d[j] = ((double[]) src)[i];
        } else if (dst instanceof int[] v) {
            v[j] = ((int[]) src)[i];
        } else {
            ((long[]) dst)[j] = ((long[]) src)[i];
        }
    }
}
