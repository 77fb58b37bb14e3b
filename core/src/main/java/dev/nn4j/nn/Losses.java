package dev.nn4j.nn;

import java.util.List;
import java.util.Objects;

/**
 * The built-in losses. Each call returns a new instance (losses keep scratch buffers, so a
 * model should own its loss). Ids for model files: {@value #MSE}, {@value #SQUARED_ERROR},
 * {@value #BINARY_CROSS_ENTROPY}, {@value #SOFTMAX_CROSS_ENTROPY}, {@value #TOKEN_CROSS_ENTROPY} (with
 * {@code (ignore_index=N)} appended when the ignore index is not {@value #DEFAULT_IGNORE_INDEX}).
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

    /** Id of {@link #tokenCrossEntropy()}. */
    public static final String TOKEN_CROSS_ENTROPY = "token_cross_entropy";
    /** PyTorch's default {@code ignore_index}: no class id is negative, so by default no position is ignored. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private static final java.util.regex.Pattern IGNORING =
            java.util.regex.Pattern.compile("token_cross_entropy\\(ignore_index=(-?\\d{1,9})\\)");

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

    /**
     * Cross-entropy of logits {@code [batch x ... x classes]} (a final layer without activation)
     * against INT32 class ids {@code [batch x ...]}, one per position, averaged over the
     * positions, as PyTorch's {@code F.cross_entropy}: the loss of a language model, where every
     * step predicts the next token. No position is ignored.
     */
    public static Loss tokenCrossEntropy() {
        return new TokenCrossEntropyLoss(DEFAULT_IGNORE_INDEX);
    }

    /**
     * {@link #tokenCrossEntropy()} where positions whose id is {@code ignoreIndex} (e.g. padding)
     * count for nothing: the mean runs over the other positions, as PyTorch's {@code ignore_index}.
     */
    public static Loss tokenCrossEntropy(int ignoreIndex) {
        return new TokenCrossEntropyLoss(ignoreIndex);
    }

    /** Every built-in id. */
    public static List<String> ids() {
        return List.of(MSE, SQUARED_ERROR, BINARY_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY, TOKEN_CROSS_ENTROPY);
    }

    /** A new loss from its id (case-insensitive, surrounding blanks ignored). */
    public static Loss parse(String id) {
        Objects.requireNonNull(id, "id");
        String key = id.trim().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher ignoring = IGNORING.matcher(key);
        if (ignoring.matches()) {
            return tokenCrossEntropy(Integer.parseInt(ignoring.group(1)));
        }
        switch (key) {
            case MSE: return mse();
            case SQUARED_ERROR: return squaredError();
            case BINARY_CROSS_ENTROPY: return binaryCrossEntropy();
            case SOFTMAX_CROSS_ENTROPY: return softmaxCrossEntropy();
            case TOKEN_CROSS_ENTROPY: return tokenCrossEntropy();
            default: throw new IllegalArgumentException("loss: unknown '" + id + "'; known: " + String.join(", ", ids()));
        }
    }
}
