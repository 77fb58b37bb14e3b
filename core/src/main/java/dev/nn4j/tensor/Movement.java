package dev.nn4j.tensor;

import java.util.Arrays;

/**
 * The checks of {@link Ops}' movement operations: {@link Ops#permute}, {@link Ops#copyRegion},
 * {@link Ops#gather} and {@link Ops#scatterAdd}. Every dtype is allowed; operands share a
 * backend, the moved tensors share a dtype, indices are INT32 or INT64. A passing check compares
 * ints and identities and allocates nothing; the values of indices are the kernel's to check.
 */
final class Movement {
    private Movement() {
    }

    /** {@code perm} lists every axis of {@code a} exactly once. */
    static void checkPermutation(Tensor a, int[] perm) {
        int seen = 0;
        boolean ok = perm.length == a.rank();
        for (int i = 0; ok && i < perm.length; i++) {
            int p = perm[i];
            ok = p >= 0 && p < a.rank() && (seen & (1 << p)) == 0;
            seen |= ok ? 1 << p : 0;
        }
        if (!ok) {
            throw new OpException("permute", "a", a, "perm " + Arrays.toString(perm) + " must list each axis of a (0 to "
                    + (a.rank() - 1) + ") exactly once");
        }
    }

    static void checkPermute(Tensor a, int[] perm, Tensor out) {
        if (!Checks.compatible(a, out)) {
            throw Checks.mismatch("permute", false, new String[] {"a", "out"}, new Tensor[] {a, out});
        }
        checkPermutation(a, perm);
        boolean fits = out.rank() == a.rank() && out != a;
        for (int i = 0; fits && i < perm.length; i++) {
            fits = out.shape().dim(i) == a.shape().dim(perm[i]);
        }
        if (!fits) {
            int[] dims = new int[perm.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = a.shape().dim(perm[i]);
            }
            throw new OpException("permute", "a", a, "out", out, "out must be a separate " + Shape.of(dims)
                    + " (out.dim(i) == a.dim(perm[i]) for perm " + Arrays.toString(perm) + ")");
        }
    }

    static void checkRegion(Tensor src, int[] srcStart, int[] srcStep, Tensor dst, int[] dstStart, int[] extent) {
        String op = "copyRegion";
        if (!Checks.compatible(src, dst)) {
            throw Checks.mismatch(op, false, new String[] {"src", "dst"}, new Tensor[] {src, dst});
        }
        int r = src.rank();
        if (dst.rank() != r) {
            throw new OpException(op, "src", src, "dst", dst, "src and dst must have one rank");
        }
        if (srcStart.length != r || srcStep.length != r || dstStart.length != r || extent.length != r) {
            throw new OpException(op, "src", src, "dst", dst, "srcStart, srcStep, dstStart and extent need one entry per"
                    + " dimension (" + r + "); they have " + srcStart.length + ", " + srcStep.length + ", "
                    + dstStart.length + " and " + extent.length);
        }
        for (int d = 0; d < r; d++) {
            int n = src.shape().dim(d);
            long first = srcStart[d];
            long lastRead = first + (long) (extent[d] - 1) * srcStep[d];
            String rule = null;
            if (extent[d] < 1) {
                rule = "extent[" + d + "] is " + extent[d] + "; it must be at least 1";
            } else if (srcStep[d] == 0) {
                rule = "srcStep[" + d + "] is 0; steps must be non-zero";
            } else if (first < 0 || first >= n || lastRead < 0 || lastRead >= n) {
                rule = "along dimension " + d + " the region reads src positions " + first + " to " + lastRead
                        + ", outside [0, " + n + ")";
            } else if (dstStart[d] < 0 || (long) dstStart[d] + extent[d] > dst.shape().dim(d)) {
                rule = "along dimension " + d + " the region writes dst positions " + dstStart[d] + " to "
                        + ((long) dstStart[d] + extent[d] - 1) + ", outside [0, " + dst.shape().dim(d) + ")";
            }
            if (rule != null) {
                throw new OpException(op, "src", src, "dst", dst, rule + " (srcStart " + Arrays.toString(srcStart)
                        + ", srcStep " + Arrays.toString(srcStep) + ", dstStart " + Arrays.toString(dstStart)
                        + ", extent " + Arrays.toString(extent) + ")");
            }
        }
        if (src == dst) {
            throw new OpException(op, "src", src, "dst", dst, "dst must be a separate tensor");
        }
    }

    /**
     * Checks gather ({@code indexed} is data, {@code other} its result out) or scatterAdd
     * ({@code indexed} is out, {@code other} the updates) and returns the axis made
     * non-negative: one backend, {@code other} of {@code indexed}'s dtype and shape
     * {@code indexed.shape[:axis] + indices.shape + indexed.shape[axis+1:]}, INT32 or INT64
     * indices, no aliasing.
     */
    static int checkIndexed(String op, String indexedName, Tensor indexed, int axis, Tensor indices, String otherName,
                            Tensor other) {
        boolean gather = op.equals("gather");
        if (indices.backend() != indexed.backend() || other.backend() != indexed.backend()) {
            throw Checks.mismatch(op, false, names(gather), operands(gather, indexed, indices, other));
        }
        if (other.dtype() != indexed.dtype()) {
            throw Checks.mismatch(op, false, new String[] {indexedName, otherName}, new Tensor[] {indexed, other});
        }
        if (indices.dtype().isFloating()) {
            throw new OpException(op, "indices", indices, "indices must be INT32 or INT64");
        }
        int d = Checks.axis(op, indexedName, indexed, axis);
        int ir = indices.rank();
        boolean fits = other.rank() == indexed.rank() - 1 + ir;
        for (int i = 0; fits && i < other.rank(); i++) {
            int expected = i < d ? indexed.shape().dim(i) : i < d + ir ? indices.shape().dim(i - d)
                    : indexed.shape().dim(i - ir + 1);
            fits = other.shape().dim(i) == expected;
        }
        if (!fits) {
            throw new OpException(op, names(gather), operands(gather, indexed, indices, other), otherName + " must be "
                    + gatherShape(op, indexed, d, indices) + " (" + indexedName + ".shape[:axis] + indices.shape + "
                    + indexedName + ".shape[axis+1:], axis " + d + ")");
        }
        if (other == indexed || other == indices || indexed == indices) {
            throw new OpException(op, names(gather), operands(gather, indexed, indices, other),
                    (gather ? "out" : "out, updates and indices") + " must be separate tensors");
        }
        return d;
    }

    private static String[] names(boolean gather) {
        return gather ? new String[] {"data", "indices", "out"} : new String[] {"updates", "indices", "out"};
    }

    private static Tensor[] operands(boolean gather, Tensor indexed, Tensor indices, Tensor other) {
        return gather ? new Tensor[] {indexed, indices, other} : new Tensor[] {other, indices, indexed};
    }

    /** {@code data.shape[:axis] + indices.shape + data.shape[axis+1:]}; checks the axis, the indices' dtype and the rank. */
    static Shape gatherShape(String op, Tensor data, int axis, Tensor indices) {
        if (indices.dtype().isFloating()) {
            throw new OpException(op, "indices", indices, "indices must be INT32 or INT64");
        }
        int d = Checks.axis(op, "data", data, axis);
        int rank = data.rank() - 1 + indices.rank();
        if (rank > Shape.MAX_RANK) {
            throw new OpException(op, "data", data, "indices", indices, "the result would have rank " + rank
                    + "; at most " + Shape.MAX_RANK + " is allowed");
        }
        int[] dims = new int[rank];
        int ir = indices.rank();
        for (int i = 0; i < rank; i++) {
            dims[i] = i < d ? data.shape().dim(i) : i < d + ir ? indices.shape().dim(i - d) : data.shape().dim(i - ir + 1);
        }
        return Shape.of(dims);
    }
}
