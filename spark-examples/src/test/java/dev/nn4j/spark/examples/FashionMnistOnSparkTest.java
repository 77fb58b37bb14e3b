package dev.nn4j.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nn4j.data.MnistFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example application on real data: a short parameter-averaging run on {@code local[2]}
 * (one SparkContext, started and stopped by the command) and the same model with
 * {@code --single}. Skipped when Fashion-MNIST is not installed.
 */
class FashionMnistOnSparkTest {
    @TempDir
    Path dir;

    @Test
    void trainsFashionMnistOnLocalSparkAndReportsTheRoundSplit() throws IOException {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        Path spark = dir.resolve("spark.json");
        assertEquals(0, FashionMnistOnSpark.run("--master", "local[2]", "--workers", "2",
                "--batch", "32", "--every", "8", "--epochs", "2", "--limit", "2048", "--test-limit", "500",
                "--no-progress", "--report", spark.toString()));
        Map<String, Object> r = JSON.std.mapFrom(Files.readString(spark));
        assertEquals("parameters", r.get("mode"));
        assertEquals(8, ((Number) r.get("rounds")).intValue(), "1024 examples per shard, 32 steps, rounds of 8");
        assertEquals(8, ((List<?>) r.get("perRound")).size());
        assertTrue(((Number) r.get("meanWorkerMillis")).doubleValue() > 0, r.toString());
        double accuracy = ((Number) r.get("testAccuracy")).doubleValue();
        assertTrue(accuracy > 0.6, "10 classes, chance 0.1; a short run reaches about 0.75; got " + accuracy);

        Path single = dir.resolve("single.json");
        assertEquals(0, FashionMnistOnSpark.run("--single", "--batch", "32", "--epochs", "2",
                "--limit", "2048", "--test-limit", "500", "--no-progress", "--report", single.toString()));
        Map<String, Object> s = JSON.std.mapFrom(Files.readString(single));
        assertEquals("single", s.get("mode"));
        assertTrue(((Number) s.get("testAccuracy")).doubleValue() > 0.6, s.toString());
    }

    @Test
    void anUnknownSyncModeIsAUsageError() {
        assertEquals(2, FashionMnistOnSpark.run("--sync", "sometimes", "--single"));
    }
}
