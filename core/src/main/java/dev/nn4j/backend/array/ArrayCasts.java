package dev.nn4j.backend.array;

/**
 * Copies between Java arrays of the four element types, converting each element with Java's
 * cast (JLS 5.1.2 widening, 5.1.3 narrowing): floating to integer truncates toward zero, NaN
 * becomes 0 and values beyond the range become the type's minimum or maximum; {@code long} to
 * {@code int} keeps the low 32 bits; {@code double} to {@code float} and integers to floating
 * round to the nearest representable value. This is the cast rule of
 * {@link dev.nn4j.tensor.Ops#copy(dev.nn4j.tensor.Tensor, dev.nn4j.tensor.Tensor)} on every
 * backend. Each method copies {@code n} elements from {@code src[srcOffset ..]} to
 * {@code dst[dstOffset ..]} and allocates nothing.
 */
public final class ArrayCasts {
    private ArrayCasts() {
    }

    /**
     * Copies between any two of {@code float[]}, {@code double[]}, {@code int[]} and
     * {@code long[]} (the same type: {@link System#arraycopy}); dispatches on the array types
     * once, then runs one typed loop.
     */
    public static void copy(Object src, int srcOffset, Object dst, int dstOffset, int n) {
        if (src.getClass() == dst.getClass()) {
            System.arraycopy(src, srcOffset, dst, dstOffset, n);
        } else if (dst instanceof float[] d) {
            toFloat(src, srcOffset, d, dstOffset, n);
        } else if (dst instanceof double[] d) {
            toDouble(src, srcOffset, d, dstOffset, n);
        } else if (dst instanceof int[] d) {
            toInt(src, srcOffset, d, dstOffset, n);
        } else if (dst instanceof long[] d) {
            toLong(src, srcOffset, d, dstOffset, n);
        } else {
            throw unsupported(dst);
        }
    }

    private static void toFloat(Object src, int so, float[] d, int o, int n) {
        if (src instanceof double[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = (float) s[so + i];
            }
        } else if (src instanceof int[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = s[so + i];
            }
        } else if (src instanceof long[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = s[so + i];
            }
        } else {
            throw unsupported(src);
        }
    }

    private static void toDouble(Object src, int so, double[] d, int o, int n) {
        if (src instanceof float[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = s[so + i];
            }
        } else if (src instanceof int[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = s[so + i];
            }
        } else if (src instanceof long[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = s[so + i];
            }
        } else {
            throw unsupported(src);
        }
    }

    private static void toInt(Object src, int so, int[] d, int o, int n) {
        if (src instanceof float[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = (int) s[so + i];
            }
        } else if (src instanceof double[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = (int) s[so + i];
            }
        } else if (src instanceof long[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = (int) s[so + i];
            }
        } else {
            throw unsupported(src);
        }
    }

    private static void toLong(Object src, int so, long[] d, int o, int n) {
        if (src instanceof float[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = (long) s[so + i];
            }
        } else if (src instanceof double[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = (long) s[so + i];
            }
        } else if (src instanceof int[] s) {
            for (int i = 0; i < n; i++) {
                d[o + i] = s[so + i];
            }
        } else {
            throw unsupported(src);
        }
    }

    private static IllegalArgumentException unsupported(Object array) {
        return new IllegalArgumentException("ArrayCasts: " + (array == null ? "null" : array.getClass().getSimpleName())
                + " is not a float[], double[], int[] or long[]");
    }
}
