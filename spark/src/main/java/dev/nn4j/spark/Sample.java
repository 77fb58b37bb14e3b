package dev.nn4j.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training example for {@link SparkTrainer}: its feature values and its target values
 * (e.g. a one-hot class), float32. The element type of the {@code JavaRDD} handed to
 * {@link SparkTrainer#fit}; {@link Samples} makes such an RDD from a {@link dev.nn4j.data.Dataset}.
 *
 * <p>Immutable by contract: the arrays are not copied, so do not modify them afterwards.
 * Serialized by Java serialization once, when the trainer shards the data; training rounds
 * never serialize samples again.
 */
public record Sample(float[] features, float[] target) implements Serializable {

    /** Checks that both arrays are present and non-empty. */
    public Sample {
        Objects.requireNonNull(features, "sample: features");
        Objects.requireNonNull(target, "sample: target");
        if (features.length == 0 || target.length == 0) {
            throw new IllegalArgumentException("sample: features and target must be non-empty, got "
                    + features.length + " and " + target.length + " values");
        }
    }
}
