package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 1024³ product (2.1 GFLOP per call): 0.5 s per call on single-threaded EJML, so
 * fewer and longer iterations than {@link MatmulBenchmark}; the slowest implementations
 * still complete several calls per iteration.
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class MatmulLargeBenchmark extends GemmBenchmarkBase {

    /** Same implementations as {@link MatmulBenchmark#impl}. */
    @Param({"plain", "ejml", "nd4j", "raw-nd4j", "raw-ejml", "raw-ejml-mt"})
    public String impl;

    /** 1024³ only. */
    @Param({"1024x1024*1024x1024"})
    public String shape;

    @Override
    protected String impl() {
        return impl;
    }

    @Override
    protected String shape() {
        return shape;
    }
}
