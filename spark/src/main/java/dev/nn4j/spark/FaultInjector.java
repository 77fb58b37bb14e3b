package dev.nn4j.spark;

import java.io.Serializable;

/**
 * A test hook run at the start of every task of a training round; it may throw to simulate a
 * failed task (Spark then retries it). {@code attempt} is Spark's attempt number, from 0.
 */
@FunctionalInterface
interface FaultInjector extends Serializable {
    void beforeTask(int epoch, int round, int shard, int attempt);
}
