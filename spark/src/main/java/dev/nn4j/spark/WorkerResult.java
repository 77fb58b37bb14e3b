package dev.nn4j.spark;

import java.io.Serializable;

/**
 * What one task of a round returns to the driver (Java-serialized by Spark; only primitive
 * arrays and model-file bytes inside, never tensors).
 *
 * @param shard     the worker's shard
 * @param examples  examples it trained on this round (0 when its shard ran out early)
 * @param lossSum   the sum over its batches of batch loss times batch rows
 * @param gradients {@link Sync#GRADIENT}: the mean gradient of its batch, one array per parameter; else null
 * @param statistics {@link Sync#GRADIENT}: its statistics (batch norm's running mean and variance) after the
 *                  batch, one array per statistic; else null
 * @param model     {@link Sync#PARAMETERS}: its model after the local steps, as model-file bytes; else null
 * @param nanos     the task's own time: decoding, training, encoding
 */
record WorkerResult(int shard, long examples, double lossSum, double[][] gradients, double[][] statistics,
                    byte[] model, long nanos)
        implements Serializable {
}
