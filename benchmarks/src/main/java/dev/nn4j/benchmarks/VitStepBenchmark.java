package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, softmax cross-entropy, backward, Adam update) of the vision
 * transformer {@link CnnShape#VIT} (the sequence layers: patches, class token, positions, four
 * pre-norm encoder blocks) on a fixed batch of 64 1x28x28 images, float32, on each nn4j backend.
 * {@code benchmarks/pytorch_peer.py} runs the same network ({@code vit}) for the comparison in
 * docs/benchmarks.md.
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx3g"})
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 4, time = 4)
public class VitStepBenchmark extends StepBenchmarkBase {

    /** An nn4j backend name. */
    @Param({"plain", "ejml", "nd4j"})
    public String impl;

    @Override
    protected TrainingStep create() {
        return new Nn4jCnnStep(CnnShape.VIT, impl, SEED);
    }

    @Override
    protected String describe() {
        return CnnShape.VIT + " on " + impl;
    }
}
