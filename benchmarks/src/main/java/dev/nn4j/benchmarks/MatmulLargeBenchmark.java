package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 1024³ product (2.1 GFLOP per call). Single-threaded EJML and the plain backend
 * take 0.4-0.7 s per call here, so this runs apart from {@link MatmulBenchmark}, with fewer
 * and longer iterations: even the slowest implementation completes several calls per
 * measured iteration.
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class MatmulLargeBenchmark extends GemmBenchmarkBase {

    /** 1024³ only. */
    @Param({"1024x1024*1024x1024"})
    public String shape;

    @Override
    protected String shape() {
        return shape;
    }
}
