package dev.nn4j.spark;

import java.io.Serializable;

/**
 * One worker's part of the training data, as dense row-major float32 arrays: the examples
 * whose index i in the input RDD has {@code i mod workers == index}, in increasing i. One per
 * partition of the cached shard RDD; built once per {@link SparkTrainer#fit} and reused by
 * every round. Not modified after construction.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int index;
    final int size;
    final int featureCount;
    final int targetCount;
    final float[] features;
    final float[] targets;

    Shard(int index, int size, int featureCount, int targetCount, float[] features, float[] targets) {
        this.index = index;
        this.size = size;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.features = features;
        this.targets = targets;
    }
}
