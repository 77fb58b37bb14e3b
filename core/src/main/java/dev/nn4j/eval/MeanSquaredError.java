package dev.nn4j.eval;

import dev.nn4j.tensor.Tensor;

/**
 * Mean squared error for regression: {@code (1/N) · sum_i (predicted_i - actual_i)²} over all
 * {@code N} values (every output of every sample), accumulated in double. Non-finite values are
 * rejected rather than averaged into a NaN.
 */
public final class MeanSquaredError {
    private MeanSquaredError() {
    }

    /** MSE of two arrays of equal, non-zero length. */
    public static double of(float[] predicted, float[] actual) {
        if (predicted.length != actual.length || predicted.length == 0) {
            throw new IllegalArgumentException("meanSquaredError: " + predicted.length + " predictions and "
                    + actual.length + " actual values; both must be equal and non-zero");
        }
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = (double) predicted[i] - actual[i];
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("meanSquaredError: value " + i + " is not finite (predicted "
                        + predicted[i] + ", actual " + actual[i] + ")");
            }
            sum += d * d;
        }
        return sum / predicted.length;
    }

    /** MSE of two tensors of equal shape (read back as floats). */
    public static double of(Tensor predicted, Tensor actual) {
        if (!predicted.shape().equals(actual.shape())) {
            throw new IllegalArgumentException("meanSquaredError: predicted is " + predicted.shape() + ", actual is "
                    + actual.shape() + "; shapes must be equal");
        }
        return of(predicted.toFloatArray(), actual.toFloatArray());
    }

    /** The square root of {@link #of(float[], float[])}, in the units of the targets. */
    public static double root(float[] predicted, float[] actual) {
        return Math.sqrt(of(predicted, actual));
    }
}
