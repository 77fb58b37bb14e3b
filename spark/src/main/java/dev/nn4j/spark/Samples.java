package dev.nn4j.spark;

import dev.nn4j.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Conversions between nn4j's in-memory {@link Dataset} and the {@link Sample}s a Spark job trains on. */
public final class Samples {
    private Samples() {
    }

    /** One {@link Sample} per row of {@code data}, in order; copies every row (about the dataset's size again). */
    public static List<Sample> of(Dataset data) {
        int f = data.featureCount();
        int t = data.targetCount();
        float[] x = data.features();
        float[] y = data.targets();
        List<Sample> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            out.add(new Sample(Arrays.copyOfRange(x, i * f, (i + 1) * f), Arrays.copyOfRange(y, i * t, (i + 1) * t)));
        }
        return out;
    }

    /**
     * {@code data} as an RDD of {@code slices >= 1} partitions, example i being row i: the
     * driver holds a copy of every row while the RDD is created. For data too large for the
     * driver, build the {@code JavaRDD<Sample>} from files on the executors instead.
     */
    public static JavaRDD<Sample> parallelize(JavaSparkContext sc, Dataset data, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("parallelize: slices must be >= 1, got " + slices);
        }
        return sc.parallelize(of(data), slices);
    }
}
