package dev.nn4j.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor: rank 0 to {@value #MAX_RANK}, every dimension at least 1,
 * row-major (the last dimension varies fastest). Immutable.
 *
 * <p>Rank 0 is a scalar ({@link #scalar()}, printed {@code []}): no dimensions, one element.
 * A rank-2 shape {@code [rows x cols]} is a matrix: a batch of {@code rows} samples with
 * {@code cols} features each is the layout every dense layer uses; images are rank 4
 * ({@code [batch x channels x height x width]}).
 */
public final class Shape {
    /** Highest rank a tensor may have: 6 (ranks 0 to 6 are allowed). */
    public static final int MAX_RANK = 6;

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException("shape: rank must be 0 to " + MAX_RANK + " (Shape.MAX_RANK), got "
                    + dims.length + " dimensions " + Arrays.toString(dims));
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("shape: every dimension must be >= 1, got "
                        + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape: " + Arrays.toString(dims) + " has " + n
                    + " elements; at most " + (Integer.MAX_VALUE - 8) + " are supported");
        }
        this.dims = dims;
        this.size = n;
    }

    /**
     * A shape with the given dimensions, e.g. {@code Shape.of(128, 784)}; no dimensions give the
     * scalar shape. Throws {@link IllegalArgumentException} for more than {@link #MAX_RANK}
     * dimensions, a dimension below 1, or more than {@code Integer.MAX_VALUE - 8} elements.
     */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The rank-0 shape {@code []} of a scalar: one element. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** A matrix shape {@code [rows x cols]}. */
    public static Shape matrix(int rows, int cols) {
        return new Shape(new int[] {rows, cols});
    }

    /** Number of dimensions, 0 to {@value #MAX_RANK}. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i} (0-based). */
    public int dim(int i) {
        return dims[i];
    }

    /** A copy of all dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements (product of the dimensions; 1 for a scalar). */
    public int size() {
        return (int) size;
    }

    /** True for rank 2. */
    public boolean isMatrix() {
        return dims.length == 2;
    }

    /** Rows of a matrix shape; throws for other ranks. */
    public int rows() {
        requireMatrix();
        return dims[0];
    }

    /** Columns of a matrix shape; throws for other ranks. */
    public int cols() {
        requireMatrix();
        return dims[1];
    }

    private void requireMatrix() {
        if (dims.length != 2) {
            throw new IllegalArgumentException("shape " + this + " is not a matrix (rank " + dims.length + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Dimensions joined by 'x' in brackets, e.g. {@code [2x3]}; {@code []} for a scalar. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
