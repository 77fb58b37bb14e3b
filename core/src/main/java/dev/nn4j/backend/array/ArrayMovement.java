package dev.nn4j.backend.array;

import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * The movement loops of {@link ArrayPrimitives}, for every dtype: {@code permute} and
 * {@code copyRegion} as strided copies through {@link Strides} (a row whose two strides are 1
 * is one {@link System#arraycopy}), {@code gather} and {@code scatterAdd} over the view
 * {@code [P, D, Q]} of the indexed tensor ({@code P} the product of the dimensions before the
 * axis, {@code Q} of those after it), one block of {@code Q} elements per index. Indices are
 * checked in one pass before anything is written: an index outside {@code [0, D)} throws
 * {@link OpException} naming its value, its position and the range, and leaves the output
 * untouched. Allocates nothing once warm (an exception's message excepted).
 */
final class ArrayMovement {
    private ArrayMovement() {
    }

    /** {@code out[i] = a[i permuted]}, {@code out.dim(i) == a.dim(perm[i])}. */
    static void permute(Tensor a, int[] perm, Tensor out) {
        Shape as = a.shape();
        Shape os = out.shape();
        Strides s = Strides.begin(2);
        for (int i = 0; i < os.rank(); i++) {
            s.add(os.dim(i), Strides.stride(os, i), Strides.stride(as, perm[i]), 0, 0);
        }
        copyRows(s, ArrayPrimitives.array(a).array(), ArrayPrimitives.array(out).array());
    }

    /** {@code dst[dstStart + i] = src[srcStart + i·srcStep]} for every {@code i} below {@code extent}. */
    static void copyRegion(Tensor src, int[] srcStart, int[] srcStep, Tensor dst, int[] dstStart, int[] extent) {
        Shape ss = src.shape();
        Shape ds = dst.shape();
        int srcOffset = 0;
        int dstOffset = 0;
        for (int d = 0; d < ss.rank(); d++) {
            srcOffset += srcStart[d] * Strides.stride(ss, d);
            dstOffset += dstStart[d] * Strides.stride(ds, d);
        }
        Strides s = Strides.begin(2).base(0, dstOffset).base(1, srcOffset);
        for (int d = 0; d < ss.rank(); d++) {
            s.add(extent[d], Strides.stride(ds, d), srcStep[d] * Strides.stride(ss, d), 0, 0);
        }
        copyRows(s, ArrayPrimitives.array(src).array(), ArrayPrimitives.array(dst).array());
    }

    /** Copies every row of the walk from operand 1 ({@code src}) to operand 0 ({@code dst}); one element type. */
    private static void copyRows(Strides s, Object src, Object dst) {
        int n = s.inner();
        int sd = s.stride(0);
        int ss = s.stride(1);
        for (int r = s.rows(); r > 0; r--, s.next()) {
            int j = s.offset(0);
            int i = s.offset(1);
            if (sd == 1 && ss == 1) {
                System.arraycopy(src, i, dst, j, n);
            } else if (dst instanceof float[] o) {
                float[] x = (float[]) src;
                for (int e = 0; e < n; e++, i += ss, j += sd) {
                    o[j] = x[i];
                }
            } else if (dst instanceof double[] o) {
                double[] x = (double[]) src;
                for (int e = 0; e < n; e++, i += ss, j += sd) {
                    o[j] = x[i];
                }
            } else if (dst instanceof int[] o) {
                int[] x = (int[]) src;
                for (int e = 0; e < n; e++, i += ss, j += sd) {
                    o[j] = x[i];
                }
            } else {
                long[] o = (long[]) dst;
                long[] x = (long[]) src;
                for (int e = 0; e < n; e++, i += ss, j += sd) {
                    o[j] = x[i];
                }
            }
        }
    }

    /** {@code out[p, j, q] = data[p, indices[j], q]}. */
    static void gather(Tensor data, int axis, Tensor indices, Tensor out) {
        Shape shape = data.shape();
        int d = shape.dim(axis);
        int q = Strides.stride(shape, axis);
        int p = data.size() / (d * q);
        Object ind = ArrayPrimitives.array(indices).array();
        int count = indices.size();
        check("gather", data, indices, null, axis, ind, count, d);
        Object src = ArrayPrimitives.array(data).array();
        Object dst = ArrayPrimitives.array(out).array();
        if (q == 1) {
            gatherElements(src, dst, ind, p, d, count);
            return;
        }
        for (int pi = 0, to = 0; pi < p; pi++) {
            int base = pi * d;
            for (int j = 0; j < count; j++, to += q) {
                System.arraycopy(src, (base + index(ind, j)) * q, dst, to, q);
            }
        }
    }

    /** Gather along the last axis: one element per index, without a call per element. */
    private static void gatherElements(Object src, Object dst, Object ind, int p, int d, int count) {
        for (int pi = 0, to = 0; pi < p; pi++) {
            int base = pi * d;
            if (dst instanceof float[] o) {
                float[] x = (float[]) src;
                for (int j = 0; j < count; j++) {
                    o[to++] = x[base + index(ind, j)];
                }
            } else if (dst instanceof double[] o) {
                double[] x = (double[]) src;
                for (int j = 0; j < count; j++) {
                    o[to++] = x[base + index(ind, j)];
                }
            } else if (dst instanceof int[] o) {
                int[] x = (int[]) src;
                for (int j = 0; j < count; j++) {
                    o[to++] = x[base + index(ind, j)];
                }
            } else {
                long[] o = (long[]) dst;
                long[] x = (long[]) src;
                for (int j = 0; j < count; j++) {
                    o[to++] = x[base + index(ind, j)];
                }
            }
        }
    }

    /** {@code out[p, indices[j], q] += updates[p, j, q]}, repeated indices summing. */
    static void scatterAdd(Tensor updates, int axis, Tensor indices, Tensor out) {
        Shape shape = out.shape();
        int d = shape.dim(axis);
        int q = Strides.stride(shape, axis);
        int p = out.size() / (d * q);
        Object ind = ArrayPrimitives.array(indices).array();
        int count = indices.size();
        check("scatterAdd", updates, indices, out, axis, ind, count, d);
        Object src = ArrayPrimitives.array(updates).array();
        Object dst = ArrayPrimitives.array(out).array();
        for (int pi = 0, from = 0; pi < p; pi++) {
            int base = pi * d;
            for (int j = 0; j < count; j++, from += q) {
                add(src, from, dst, (base + index(ind, j)) * q, q);
            }
        }
    }

    /** {@code dst[to .. to+n) += src[from .. from+n)} in the arrays' own arithmetic (float in float, integers wrapping). */
    private static void add(Object src, int from, Object dst, int to, int n) {
        if (dst instanceof float[] o) {
            float[] x = (float[]) src;
            for (int e = 0; e < n; e++) {
                o[to + e] += x[from + e];
            }
        } else if (dst instanceof double[] o) {
            double[] x = (double[]) src;
            for (int e = 0; e < n; e++) {
                o[to + e] += x[from + e];
            }
        } else if (dst instanceof int[] o) {
            int[] x = (int[]) src;
            for (int e = 0; e < n; e++) {
                o[to + e] += x[from + e];
            }
        } else {
            long[] o = (long[]) dst;
            long[] x = (long[]) src;
            for (int e = 0; e < n; e++) {
                o[to + e] += x[from + e];
            }
        }
    }

    private static int index(Object indices, int j) {
        return indices instanceof int[] v ? v[j] : (int) ((long[]) indices)[j];
    }

    /**
     * Throws unless every one of the {@code count} indices lies in {@code [0, bound)}: one
     * comparison each. {@code first} is gather's data or scatterAdd's updates; {@code out} is
     * scatterAdd's output (the indexed tensor) or null for gather.
     */
    private static void check(String op, Tensor first, Tensor indices, Tensor out, int axis, Object ind, int count,
                              int bound) {
        if (ind instanceof int[] v) {
            for (int j = 0; j < count; j++) {
                if (v[j] < 0 || v[j] >= bound) {
                    throw outside(op, first, indices, out, axis, j, v[j], bound);
                }
            }
        } else {
            long[] v = (long[]) ind;
            for (int j = 0; j < count; j++) {
                if (v[j] < 0 || v[j] >= bound) {
                    throw outside(op, first, indices, out, axis, j, v[j], bound);
                }
            }
        }
    }

    /** {@code <op>: ...; indices[1, 0] is 7, outside [0, 3) (the size of data's dimension 1)}. */
    private static OpException outside(String op, Tensor first, Tensor indices, Tensor out, int axis, int flat,
                                       long value, int bound) {
        Shape shape = indices.shape();
        StringBuilder at = new StringBuilder("indices[");
        int[] position = new int[shape.rank()];
        for (int d = shape.rank() - 1, rest = flat; d >= 0; d--) {
            position[d] = rest % shape.dim(d);
            rest /= shape.dim(d);
        }
        for (int d = 0; d < position.length; d++) {
            at.append(d > 0 ? ", " : "").append(position[d]);
        }
        at.append(']');
        String rule = at + " is " + value + ", outside [0, " + bound + ") (the size of " + (out == null ? "data" : "out")
                + "'s dimension " + axis + ")";
        return out == null ? new OpException(op, "data", first, "indices", indices, rule)
                : new OpException(op, new String[] {"updates", "indices", "out"}, new Tensor[] {first, indices, out}, rule);
    }
}
