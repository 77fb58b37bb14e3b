package dev.nn4j.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor: rank 1 to 4, every dimension at least 1, row-major
 * (the last dimension varies fastest). Immutable.
 *
 * <p>A rank-2 shape {@code [rows x cols]} is a matrix: a batch of {@code rows} samples with
 * {@code cols} features each is the layout every layer uses.
 */
public final class Shape {
    /** Highest rank a tensor may have. */
    public static final int MAX_RANK = 4;

    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new IllegalArgumentException("shape: rank must be 1 to " + MAX_RANK + ", got "
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

    /** A shape with the given dimensions, e.g. {@code Shape.of(128, 784)}. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** A matrix shape {@code [rows x cols]}. */
    public static Shape matrix(int rows, int cols) {
        return new Shape(new int[] {rows, cols});
    }

    /** Number of dimensions, 1 to 4. */
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

    /** Number of elements (product of the dimensions). */
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

    /** Dimensions joined by 'x' in brackets, e.g. {@code [2x3]}. */
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
