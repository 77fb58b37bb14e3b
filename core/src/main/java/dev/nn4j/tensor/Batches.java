package dev.nn4j.tensor;

/**
 * The checks of batched matrix products ({@link Ops#gemm} and {@link Ops#matmul} with an
 * operand of rank above 2): NumPy's {@code matmul} rule. Every operand has rank 2 or more; the
 * last two dimensions are the matrices, the others a batch aligned on the right, where each of
 * {@code a}'s and {@code b}'s batch dimensions is 1 or equal to the other's, and the output has
 * the broadcast batch followed by {@code [rows(op(a)) x cols(op(b))]}. A passing check compares
 * ints and allocates nothing.
 */
final class Batches {
    private static final String[] GEMM = {"a", "b", "c"};
    private static final String[] MATMUL = {"a", "b", "out"};

    private Batches() {
    }

    /** Checks {@code c = op(a)·op(b)} for op {@code gemm} (output named c) or {@code matmul} (named out). */
    static void checkGemm(String op, boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        String[] names = op.equals("gemm") ? GEMM : MATMUL;
        Checks.sameType(op, names[0], a, names[1], b, names[2], c);
        atLeastMatrix(op, names[0], a);
        atLeastMatrix(op, names[1], b);
        atLeastMatrix(op, names[2], c);
        int m = last(a, transA ? 0 : 1);
        int k = last(a, transA ? 1 : 0);
        int kb = last(b, transB ? 0 : 1);
        int n = last(b, transB ? 1 : 0);
        if (k != kb) {
            throw new OpException(op, names, new Tensor[] {a, b, c}, "op(a).cols must equal op(b).rows (the matrices of op(a) are "
                    + Shape.matrix(m, k) + ", those of op(b) " + Shape.matrix(kb, n) + ")");
        }
        int rank = Math.max(a.rank(), b.rank());
        boolean fits = c.rank() == rank && last(c, 1) == m && last(c, 0) == n;
        for (int d = 0; fits && d < rank - 2; d++) {
            int x = batchDim(a, d, rank);
            int y = batchDim(b, d, rank);
            fits = (x == y || x == 1 || y == 1) && c.shape().dim(d) == Math.max(x, y);
        }
        if (!fits) {
            Shape batch = broadcastBatch(a, b);
            throw new OpException(op, names, new Tensor[] {a, b, c}, batch == null
                    ? "the batch dimensions of a and b must broadcast (aligned on the right, each 1 or equal)"
                    : names[2] + " must be " + withMatrix(batch, m, n) + " (the broadcast batch of a and b, then "
                    + "rows(op(a)) x cols(op(b)))");
        }
        if (c == a || c == b) {
            throw new OpException(op, names, new Tensor[] {a, b, c}, names[2] + " must not be the same tensor as a or b");
        }
    }

    /** The shape of {@code a · b} for batches; checks as {@link #checkGemm} does. */
    static Shape matmulShape(Tensor a, Tensor b) {
        Checks.sameType("matmul", "a", a, "b", b);
        atLeastMatrix("matmul", "a", a);
        atLeastMatrix("matmul", "b", b);
        if (last(a, 0) != last(b, 1)) {
            throw new OpException("matmul", "a", a, "b", b, "a.cols must equal b.rows (the matrices of a are "
                    + Shape.matrix(last(a, 1), last(a, 0)) + ", those of b " + Shape.matrix(last(b, 1), last(b, 0)) + ")");
        }
        Shape batch = broadcastBatch(a, b);
        if (batch == null) {
            throw new OpException("matmul", "a", a, "b", b, "the batch dimensions of a and b must broadcast (aligned"
                    + " on the right, each 1 or equal)");
        }
        return withMatrix(batch, last(a, 1), last(b, 0));
    }

    private static void atLeastMatrix(String op, String name, Tensor t) {
        if (t.rank() < 2) {
            throw new OpException(op, name, t, name + " must have rank 2 or more (a matrix or a batch of them), it has"
                    + " rank " + t.rank());
        }
    }

    /** Dimension {@code fromEnd} counted from the last (0 is the last). */
    private static int last(Tensor t, int fromEnd) {
        return t.shape().dim(t.rank() - 1 - fromEnd);
    }

    /** Batch dimension {@code d} of {@code t} aligned on the right to a result of {@code rank} (1 before t's first). */
    private static int batchDim(Tensor t, int d, int rank) {
        int i = d - (rank - t.rank());
        return i < 0 ? 1 : t.shape().dim(i);
    }

    /** The broadcast batch dimensions of a and b, or null when they do not broadcast. */
    private static Shape broadcastBatch(Tensor a, Tensor b) {
        int[] da = a.shape().dims();
        int[] db = b.shape().dims();
        return Broadcasting.of(Shape.of(java.util.Arrays.copyOf(da, da.length - 2)),
                Shape.of(java.util.Arrays.copyOf(db, db.length - 2)));
    }

    private static Shape withMatrix(Shape batch, int m, int n) {
        int[] dims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        dims[batch.rank()] = m;
        dims[batch.rank() + 1] = n;
        return Shape.of(dims);
    }
}
