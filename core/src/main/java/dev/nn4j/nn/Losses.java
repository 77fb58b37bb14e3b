package dev.nn4j.nn;

import java.util.List;
import java.util.Objects;

/**
 * The built-in losses. Each call returns a new instance (losses keep scratch buffers, so a
 * model should own its loss). Ids for model files: {@value #MSE}, {@value #SQUARED_ERROR},
 * {@value #BINARY_CROSS_ENTROPY}, {@value #SOFTMAX_CROSS_ENTROPY}.
 */
public final class Losses {
    /** Id of {@link #mse()}. */
    public static final String MSE = "mse";
    /** Id of {@link #squaredError()}. */
    public static final String SQUARED_ERROR = "squared_error";
    /** Id of {@link #binaryCrossEntropy()}. */
    public static final String BINARY_CROSS_ENTROPY = "binary_cross_entropy";
    /** Id of {@link #softmaxCrossEntropy()}. */
    public static final String SOFTMAX_CROSS_ENTROPY = "softmax_cross_entropy";

    private Losses() {
    }

    /** Mean squared error over all elements: {@code L = Σ(y − t)² / N}, {@code dL/dy = 2(y − t) / N}, {@code N = rows·cols}. */
    public static Loss mse() {
        return new SquaredErrorLoss(MSE, true);
    }

    /**
     * Half the sum of squared errors per sample, averaged over the batch:
     * {@code L = 0.5·Σ(y − t)² / rows}, {@code dL/dy = (y − t) / rows}; for one sample the
     * gradient is exactly {@code y − t}.
     */
    public static Loss squaredError() {
        return new SquaredErrorLoss(SQUARED_ERROR, false);
    }

    /** Binary cross-entropy, mean over all elements, outputs clamped to {@code [1e-7, 1 − 1e-7]}. */
    public static Loss binaryCrossEntropy() {
        return new BinaryCrossEntropy();
    }

    /** Softmax cross-entropy, fused with a final softmax layer: {@code dL/dz = (softmax(z) − t) / rows}. */
    public static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /** Every built-in id. */
    public static List<String> ids() {
        return List.of(MSE, SQUARED_ERROR, BINARY_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY);
    }

    /** A new loss from its id (case-insensitive, surrounding blanks ignored). */
    public static Loss parse(String id) {
        Objects.requireNonNull(id, "id");
        switch (id.trim().toLowerCase(java.util.Locale.ROOT)) {
            case MSE: return mse();
            case SQUARED_ERROR: return squaredError();
            case BINARY_CROSS_ENTROPY: return binaryCrossEntropy();
            case SOFTMAX_CROSS_ENTROPY: return softmaxCrossEntropy();
            default: throw new IllegalArgumentException("loss: unknown '" + id + "'; known: " + String.join(", ", ids()));
        }
    }
}
