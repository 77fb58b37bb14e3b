package dev.nn4j.tensor;

/**
 * NumPy's broadcasting rule for {@link Ops}: shapes are aligned on the right, and along each
 * dimension an operand's size equals the result's or is 1 (repeated). The checks compare ints
 * and allocate nothing; aligning a lower-rank operand to the result's rank prepends dimensions
 * of size 1 through {@link Backend#reshape} (a view on backends that share storage).
 */
final class Broadcasting {
    private Broadcasting() {
    }

    /** Whether {@code t} broadcasts to {@code out}: rank at most out's, each right-aligned dimension equal to out's or 1. */
    static boolean fits(Shape t, Shape out) {
        int shift = out.rank() - t.rank();
        if (shift < 0) {
            return false;
        }
        for (int d = 0; d < t.rank(); d++) {
            int n = t.dim(d);
            if (n != 1 && n != out.dim(d + shift)) {
                return false;
            }
        }
        return true;
    }

    /** {@code t} with {@code rank} dimensions: itself when it has them, else reshaped with leading dimensions of size 1. */
    static Tensor align(Tensor t, int rank) {
        if (t.rank() == rank) {
            return t;
        }
        int[] dims = new int[rank];
        int shift = rank - t.rank();
        for (int d = 0; d < rank; d++) {
            dims[d] = d < shift ? 1 : t.shape().dim(d - shift);
        }
        return t.backend().reshape(t, Shape.of(dims));
    }

    /** The shape {@code a} and {@code b} broadcast to, or null when some dimension differs and neither is 1. */
    static Shape of(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        if (rank > Shape.MAX_RANK) {
            return null;
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            int x = dim(a, d, rank);
            int y = dim(b, d, rank);
            if (x != y && x != 1 && y != 1) {
                return null;
            }
            dims[d] = Math.max(x, y);
        }
        return Shape.of(dims);
    }

    /** Dimension {@code d} of {@code s} aligned on the right to {@code rank} dimensions (1 before its first). */
    private static int dim(Shape s, int d, int rank) {
        int i = d - (rank - s.rank());
        return i < 0 ? 1 : s.dim(i);
    }

    /** The rule, for messages: {@code "a and b must broadcast to out's shape [2x3] (...)"}. */
    static String rule(String operands, Shape out) {
        return operands + " must broadcast to out's shape " + out + " (dimensions aligned on the right, each equal to"
                + " out's or 1)";
    }
}
