package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 matrix products up to 256³: squares 16, 64, 256; the 784-256-128 MLP's forward
 * products at batch 128 and its two gradient products ({@code Aᵀ·B} for a weight gradient,
 * {@code A·Bᵀ} for an input gradient); and the 2-4-1 toy network's {@code 2x4·4x1}.
 * 1024³ is in {@link MatmulLargeBenchmark}, with fewer, longer iterations.
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MatmulBenchmark extends GemmBenchmarkBase {

    /** Stored shapes of A and B; {@code T} marks an operand used transposed. */
    @Param({"16x16*16x16", "64x64*64x64", "256x256*256x256",
            "128x784*784x256", "128x256*256x128", "128x784T*128x256", "128x256*784x256T",
            "2x4*4x1"})
    public String shape;

    @Override
    protected String shape() {
        return shape;
    }
}
