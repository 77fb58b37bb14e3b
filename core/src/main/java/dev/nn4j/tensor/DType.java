package dev.nn4j.tensor;

/**
 * Element type of a {@link Tensor}. {@link #FLOAT32} is the default for training;
 * {@link #FLOAT64} exists for gradient checks and for users who need the precision.
 * {@link #INT32} and {@link #INT64} hold integers (indices, labels, counts): they can be
 * created, filled, copied (with a cast, see {@link Ops#copy(Tensor, Tensor)}), reshaped, read
 * and written, moved ({@link Ops#permute}, {@link Ops#gather}, ...), and used in the general
 * element-wise operations whose functions {@link Unary} and {@link Binary} define on integers;
 * the rest of the arithmetic of {@link Ops} and {@link ImageOps} refuses them.
 */
public enum DType {
    /** 32-bit IEEE 754 floats, 4 bytes per element. */
    FLOAT32(4, true),
    /** 64-bit IEEE 754 doubles, 8 bytes per element. */
    FLOAT64(8, true),
    /** 32-bit two's-complement integers ({@code int}), 4 bytes per element. */
    INT32(4, false),
    /** 64-bit two's-complement integers ({@code long}), 8 bytes per element. */
    INT64(8, false);

    private final int bytes;
    private final boolean floating;

    DType(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * True for {@link #FLOAT32} and {@link #FLOAT64}: the types arithmetic, layers and models
     * work in. False for {@link #INT32} and {@link #INT64}.
     */
    public boolean isFloating() {
        return floating;
    }
}
