package dev.nn4j.data;

import dev.nn4j.tensor.Tensor;

/**
 * Finds the first NaN or infinite value in input data and throws
 * {@link NonFiniteInputException} naming its row and column. Each check is one sequential
 * read of the values and allocates nothing, except {@link #requireFinite(String, String, Tensor)},
 * which reads the tensor back to the host first (one copy; a device-to-host transfer on
 * native backends).
 */
public final class FiniteCheck {
    private FiniteCheck() {
    }

    /** Checks features and targets of {@code data}; {@code op} starts the message (e.g. {@code "fit"}). */
    public static void requireFinite(String op, Dataset data) {
        requireFinite(op, "features", data.features(), data.featureCount());
        requireFinite(op, "targets", data.targets(), data.targetCount());
    }

    /** Checks row-major {@code values} with {@code cols} values per row. */
    public static void requireFinite(String op, String what, float[] values, int cols) {
        if (allFinite(values)) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new NonFiniteInputException(op, what, i / cols, i % cols, values[i]);
            }
        }
    }

    /**
     * True when no value is NaN or infinite, in one branch-free pass the JIT vectorises: a float
     * is non-finite exactly when its exponent bits are all ones, and adding one to that exponent
     * field carries into the sign bit only then, so OR-ing {@code (bits & EXP) + EXP_ONE} over
     * the array leaves the sign bit set if any value is non-finite.
     */
    static boolean allFinite(float[] values) {
        int carry = 0;
        for (float v : values) {
            carry |= (Float.floatToRawIntBits(v) & 0x7f800000) + 0x00800000;
        }
        return carry >= 0;
    }

    /** Checks every row of {@code rows} (rows may be of any length; null rows are left to the caller). */
    public static void requireFinite(String op, String what, double[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row == null) {
                continue;
            }
            for (int c = 0; c < row.length; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new NonFiniteInputException(op, what, r, c, row[c]);
                }
            }
        }
    }

    /**
     * Checks a tensor by samples: the row is the index along the first dimension, the column the
     * flat index within that sample (a scalar or a rank-1 tensor is one row).
     */
    public static void requireFinite(String op, String what, Tensor t) {
        double[] values = t.toDoubleArray();
        int cols = t.rank() <= 1 ? values.length : values.length / t.shape().dim(0);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteInputException(op, what, i / cols, i % cols, values[i]);
            }
        }
    }
}
