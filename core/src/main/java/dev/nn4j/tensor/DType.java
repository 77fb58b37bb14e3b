package dev.nn4j.tensor;

/**
 * Element type of a {@link Tensor}. {@link #FLOAT32} is the default for training;
 * {@link #FLOAT64} exists for gradient checks and for users who need the precision.
 */
public enum DType {
    /** 32-bit IEEE 754 floats, 4 bytes per element. */
    FLOAT32(4),
    /** 64-bit IEEE 754 doubles, 8 bytes per element. */
    FLOAT64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}
