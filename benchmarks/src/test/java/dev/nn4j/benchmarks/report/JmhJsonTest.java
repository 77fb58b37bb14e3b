package dev.nn4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonTest {
    @TempDir
    Path dir;

    /** Two entries in the layout JMH 1.37 writes, the second with a "NaN" error (one iteration). */
    static String sample() {
        return """
            [
              {"jmhVersion": "1.37", "benchmark": "dev.nn4j.benchmarks.MatmulBenchmark.gemm", "mode": "avgt",
               "threads": 1, "forks": 1, "jvm": "/usr/bin/java",
               "jvmArgs": ["-Xmx2g", "--add-modules=jdk.incubator.vector", "-Dbench.OMP_NUM_THREADS=1"],
               "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6",
               "warmupIterations": 2, "warmupTime": "1 s", "warmupBatchSize": 1,
               "measurementIterations": 3, "measurementTime": "1 s", "measurementBatchSize": 1,
               "params": {"impl": "raw-nd4j", "shape": "64x64*64x64"},
               "primaryMetric": {"score": 10.0, "scoreError": 0.5, "scoreConfidence": [9.5, 10.5],
                                 "scoreUnit": "us/op", "rawData": [[10.0, 10.0, 10.0]]},
               "secondaryMetrics": {}},
              {"jmhVersion": "1.37", "benchmark": "dev.nn4j.benchmarks.TrainStepBenchmark.step", "mode": "avgt",
               "threads": 1, "forks": 1, "jvm": "/usr/bin/java",
               "jvmArgs": ["-Dbench.OMP_NUM_THREADS=1"],
               "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6",
               "warmupIterations": 1, "warmupTime": "1 s", "measurementIterations": 1, "measurementTime": "1 s",
               "params": {"impl": "dl4j"},
               "primaryMetric": {"score": 2.0, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                                 "scoreUnit": "ms/op", "rawData": [[2.0]]},
               "secondaryMetrics": {}}
            ]
            """;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsScoresUnitsParamsAndThreads() throws IOException {
        ResultSet set = ResultSet.read(write(dir, "r.json", sample()));
        assertEquals("1", set.threads());
        List<JmhRun> runs = set.runs();
        assertEquals(2, runs.size());
        JmhRun gemm = runs.get(0);
        assertEquals("MatmulBenchmark", gemm.benchmark());
        assertEquals("gemm", gemm.method());
        assertEquals("raw-nd4j", gemm.param("impl"));
        assertEquals(10e-6, gemm.seconds(), 1e-15);
        assertEquals(0.5e-6, gemm.errorSeconds(), 1e-15);
        assertEquals("2 x 1 s", gemm.warmup());
        JmhRun step = runs.get(1);
        assertEquals(2e-3, step.seconds(), 1e-15);
        assertTrue(Double.isNaN(step.errorSeconds()));
    }

    @Test
    void gflopsFollowFromShapeAndTime() throws IOException {
        JmhRun gemm = ResultSet.read(write(dir, "r.json", sample())).runs().get(0);
        // 2 * 64^3 = 524,288 flops in 10 us = 52.4288 GFLOP/s.
        assertEquals(52.4288, Suite.gflops(gemm), 1e-9);
    }

    @Test
    void setsWithTheSameThreadsAreMerged() throws IOException {
        ResultSet a = ResultSet.read(write(dir, "a.json", sample()));
        ResultSet b = ResultSet.read(write(dir, "b.json", sample().replace("OMP_NUM_THREADS=1", "OMP_NUM_THREADS=2")));
        ResultSet c = ResultSet.read(write(dir, "c.json", sample()));
        List<ResultSet> merged = ResultSet.mergeByThreads(List.of(a, b, c));
        assertEquals(2, merged.size());
        assertEquals("a.json, c.json", merged.get(0).sources());
        assertEquals(4, merged.get(0).runs().size());
        assertEquals("2", merged.get(1).threads());
    }
}
