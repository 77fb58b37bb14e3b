package dev.nn4j.spark;

import dev.nn4j.backend.Backends;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Splits an RDD of samples into the workers' shards, deterministically: the example with
 * index i in the input (its position in the RDD's order) goes to shard {@code i mod workers},
 * where the shard keeps its examples in increasing i. The shards are packed into dense arrays
 * and cached in memory, so every round reads them without a shuffle or any serialization.
 *
 * <p>Cost, once per fit: one job to index the input ({@code zipWithIndex} with more than one
 * partition), one shuffle of every sample, and one job that packs and checks the shards.
 */
final class Sharding {
    private Sharding() {
    }

    /** The cached shard RDD: {@code workers} partitions, one {@link Shard} each. Unpersist it when done. */
    static JavaRDD<Shard> shard(JavaRDD<Sample> data, int workers) {
        return data.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .partitionBy(new ModPartitioner(workers))
                .mapPartitionsWithIndex(Sharding::pack, true)
                .persist(StorageLevel.MEMORY_ONLY());
    }

    private static Iterator<Shard> pack(int index, Iterator<Tuple2<Long, Sample>> rows) {
        List<Tuple2<Long, Sample>> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        list.sort(Comparator.comparingLong(Tuple2::_1));
        int n = list.size();
        int f = n == 0 ? 0 : list.get(0)._2().features().length;
        int t = n == 0 ? 0 : list.get(0)._2().target().length;
        float[] x = new float[Math.multiplyExact(n, f)];
        float[] y = new float[Math.multiplyExact(n, t)];
        for (int r = 0; r < n; r++) {
            Sample s = list.get(r)._2();
            if (s.features().length != f || s.target().length != t) {
                throw new IllegalArgumentException("spark fit: example " + list.get(r)._1() + " has "
                        + s.features().length + " features and " + s.target().length + " target values, but example "
                        + list.get(0)._1() + " has " + f + " and " + t + "; every sample must have the same sizes");
            }
            System.arraycopy(s.features(), 0, x, r * f, f);
            System.arraycopy(s.target(), 0, y, r * t, t);
        }
        return List.of(new Shard(index, n, f, t, x, y)).iterator();
    }

    /** What the driver checks before the first round: each shard's size and sizes, and the backend on its executor. */
    record Info(int index, int size, int featureCount, int targetCount, String backendProblem) implements Serializable {
    }

    /** Materialises the cache and checks, on the executors, that {@code backend} can run there. */
    static List<Info> inspect(JavaRDD<Shard> shards, String backend) {
        return shards.map(s -> new Info(s.index, s.size, s.featureCount, s.targetCount, backendProblem(backend)))
                .collect();
    }

    private static String backendProblem(String name) {
        try {
            Backends.get(name);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
