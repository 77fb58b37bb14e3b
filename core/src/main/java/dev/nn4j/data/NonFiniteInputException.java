package dev.nn4j.data;

/**
 * Input data holds a NaN or an infinity where the model needs numbers. The message names the
 * operation, which values (features or targets), the 0-based row and column and the value, e.g.
 * {@code fit: features row 17, column 3 is NaN; every input value must be finite}.
 * Thrown by {@link FiniteCheck} for {@code fit} (on by default, see
 * {@link dev.nn4j.train.FitConfig.Builder#checkFinite}) and for {@code predict} when the model
 * checks its inputs ({@link dev.nn4j.nn.Sequential#checkFiniteInputs}).
 */
public class NonFiniteInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final int row;
    private final int column;
    private final double value;

    /** {@code what} ("features", "targets", "input") holds {@code value} at 0-based {@code row}, {@code column}. */
    public NonFiniteInputException(String op, String what, int row, int column, double value) {
        super(op + ": " + what + " row " + row + ", column " + column + " is " + value
                + "; every input value must be finite");
        this.what = what;
        this.row = row;
        this.column = column;
        this.value = value;
    }

    /** Which values: {@code features}, {@code targets} or {@code input}. */
    public String what() {
        return what;
    }

    /** The 0-based row (sample) of the first non-finite value. */
    public int row() {
        return row;
    }

    /** The 0-based column (feature or target index) of the first non-finite value. */
    public int column() {
        return column;
    }

    /** The offending value: NaN or an infinity. */
    public double value() {
        return value;
    }
}
