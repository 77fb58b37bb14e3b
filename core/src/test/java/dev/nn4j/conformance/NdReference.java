package dev.nn4j.conformance;

import java.util.Arrays;

/**
 * Naive N-dimensional index arithmetic for {@link PrimitiveConformance}: row-major flat
 * indices to multi-indices and back, and NumPy's right-aligned broadcasting, written out per
 * element with no strides, merging or fast paths, so that the primitives' strided loops are
 * checked against something obviously right.
 */
final class NdReference {
    private NdReference() {
    }

    /** The number of elements of {@code dims} (1 for none). */
    static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The multi-index of row-major position {@code flat} in {@code dims}. */
    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            idx[d] = flat % dims[d];
            flat /= dims[d];
        }
        return idx;
    }

    /** The row-major position of {@code idx} in {@code dims}. */
    static int ravel(int[] idx, int[] dims) {
        int flat = 0;
        for (int d = 0; d < dims.length; d++) {
            flat = flat * dims[d] + idx[d];
        }
        return flat;
    }

    /**
     * The position in an operand of {@code dims} read for output index {@code outIdx} under
     * NumPy's rule: the operand's dimensions are aligned on the right, and a dimension of size 1
     * is read at 0.
     */
    static int broadcastIndex(int[] outIdx, int[] dims) {
        int shift = outIdx.length - dims.length;
        int[] idx = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            idx[d] = dims[d] == 1 ? 0 : outIdx[d + shift];
        }
        return ravel(idx, dims);
    }

    /** {@code dims} with dimension {@code d} replaced by {@code n}. */
    static int[] with(int[] dims, int d, int n) {
        int[] r = dims.clone();
        r[d] = n;
        return r;
    }

    /** {@code dims} without its first {@code k} dimensions. */
    static int[] drop(int[] dims, int k) {
        return Arrays.copyOfRange(dims, k, dims.length);
    }

    /** The first {@code r} of the dimensions {@code 2, 3, 2, 3, 2, 2}: one output shape per rank 0 to 6. */
    static int[] shapeOfRank(int r) {
        return Arrays.copyOf(new int[] {2, 3, 2, 3, 2, 2}, r);
    }
}
