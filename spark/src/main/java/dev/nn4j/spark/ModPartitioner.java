package dev.nn4j.spark;

import org.apache.spark.Partitioner;

/** Sends the example with index i (a {@code Long} key) to partition {@code i mod partitions}. */
final class ModPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int partitions;

    ModPartitioner(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return (int) Math.floorMod((Long) key, (long) partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModPartitioner && ((ModPartitioner) o).partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
