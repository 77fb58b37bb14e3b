package dev.nn4j.backend.array;

import dev.nn4j.tensor.Shape;

/**
 * The walk of the general strided loops: up to {@value Shape#MAX_RANK} dimensions visited in
 * row-major order, with a stride per dimension for each of up to {@value #OPERANDS} operands
 * (0 where an operand broadcasts, negative where a region runs backwards). Dimensions of size 1
 * are dropped, and a dimension that every operand walks on from the previous one (stride of the
 * outer = stride of the inner · its size) is merged into it as it is added: a contiguous operand
 * of any rank becomes one row, a {@code [1 x n]} row over {@code [m x n]} becomes {@code m} rows
 * of {@code n}. A loop then runs its inner loop over the last dimension ({@link #inner()}
 * elements, {@link #stride(int)} apart) for each of {@link #rows()} rows, starting at
 * {@link #offset(int)}, and calls {@link #next()} after each row.
 *
 * <p>One instance per thread ({@link #begin}), reused, so a loop allocates nothing once warm.
 * Not reentrant: a loop finishes with it before the next one begins on the same thread.
 */
final class Strides {
    /** Most operands of one walk (select: condition, a, b, out). */
    static final int OPERANDS = 4;

    private static final ThreadLocal<Strides> PER_THREAD = ThreadLocal.withInitial(Strides::new);

    private final int[] dims = new int[Shape.MAX_RANK];
    private final int[][] strides = new int[OPERANDS][Shape.MAX_RANK];
    private final int[] index = new int[Shape.MAX_RANK];
    private final int[] offsets = new int[OPERANDS];
    /** Scratch for row-major strides of a shape, filled from the last dimension. */
    private final int[] dense = new int[Shape.MAX_RANK];
    private int rank;
    private int operands;

    private Strides() {
    }

    /** This thread's walk, emptied, for {@code operands} operands starting at offset 0. */
    static Strides begin(int operands) {
        Strides s = PER_THREAD.get();
        s.rank = 0;
        s.operands = operands;
        java.util.Arrays.fill(s.offsets, 0);
        java.util.Arrays.fill(s.index, 0);
        return s;
    }

    /**
     * The walk over {@code out} (operand 0, dense) with {@code a} (operand 1) broadcast to it:
     * equal ranks, each dimension of {@code a} equal to {@code out}'s or 1.
     */
    static Strides broadcast(Shape out, Shape a) {
        return broadcast(2, out, a, null, null);
    }

    /** As {@link #broadcast(Shape, Shape)} with {@code b} as operand 2. */
    static Strides broadcast(Shape out, Shape a, Shape b) {
        return broadcast(3, out, a, b, null);
    }

    /** As {@link #broadcast(Shape, Shape)} with {@code b} as operand 2 and {@code c} as operand 3. */
    static Strides broadcast(Shape out, Shape a, Shape b, Shape c) {
        return broadcast(4, out, a, b, c);
    }

    private static Strides broadcast(int operands, Shape out, Shape a, Shape b, Shape c) {
        Strides s = begin(operands);
        s.denseStrides(out);
        for (int d = 0; d < out.rank(); d++) {
            int size = out.dim(d);
            int so = s.dense[d];
            int sa = a.dim(d) == 1 ? 0 : stride(a, d);
            int sb = b == null || b.dim(d) == 1 ? 0 : stride(b, d);
            int sc = c == null || c.dim(d) == 1 ? 0 : stride(c, d);
            s.add(size, so, sa, sb, sc);
        }
        return s;
    }

    /** The row-major stride of dimension {@code d} of {@code shape}: the product of the dimensions after it. */
    static int stride(Shape shape, int d) {
        int p = 1;
        for (int i = shape.rank() - 1; i > d; i--) {
            p *= shape.dim(i);
        }
        return p;
    }

    /** Fills {@link #dense} with the row-major strides of {@code shape}. */
    private void denseStrides(Shape shape) {
        int p = 1;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            dense[d] = p;
            p *= shape.dim(d);
        }
    }

    /** Sets where operand {@code k} starts. */
    Strides base(int k, int offset) {
        offsets[k] = offset;
        return this;
    }

    /**
     * Appends a dimension of {@code size} (inner to every one added before) with each operand's
     * stride; strides of operands beyond {@link #begin}'s count are ignored.
     */
    void add(int size, int s0, int s1, int s2, int s3) {
        if (size == 1) {
            return;
        }
        int last = rank - 1;
        if (rank > 0 && follows(last, 0, s0, size) && follows(last, 1, s1, size) && follows(last, 2, s2, size)
                && follows(last, 3, s3, size)) {
            dims[last] *= size;
            strides[0][last] = s0;
            strides[1][last] = s1;
            strides[2][last] = s2;
            strides[3][last] = s3;
            return;
        }
        dims[rank] = size;
        strides[0][rank] = s0;
        strides[1][rank] = s1;
        strides[2][rank] = s2;
        strides[3][rank] = s3;
        rank++;
    }

    /** Whether operand {@code k} walks on from dimension {@code last} into a new inner one of {@code size} and {@code stride}. */
    private boolean follows(int last, int k, int stride, int size) {
        return k >= operands || (long) strides[k][last] == (long) stride * size;
    }

    /** Elements per row: the size of the last dimension (1 when every dimension had size 1). */
    int inner() {
        return rank == 0 ? 1 : dims[rank - 1];
    }

    /** Operand {@code k}'s stride along a row. */
    int stride(int k) {
        return rank == 0 ? 0 : strides[k][rank - 1];
    }

    /** Number of rows: the product of all dimensions but the last. */
    int rows() {
        int n = 1;
        for (int d = 0; d < rank - 1; d++) {
            n *= dims[d];
        }
        return n;
    }

    /** Where operand {@code k}'s current row starts. */
    int offset(int k) {
        return offsets[k];
    }

    /** Moves every operand to the next row (row-major over all dimensions but the last). */
    void next() {
        for (int d = rank - 2; d >= 0; d--) {
            for (int k = 0; k < operands; k++) {
                offsets[k] += strides[k][d];
            }
            if (++index[d] < dims[d]) {
                return;
            }
            for (int k = 0; k < operands; k++) {
                offsets[k] -= strides[k][d] * dims[d];
            }
            index[d] = 0;
        }
    }
}
