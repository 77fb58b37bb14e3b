package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, softmax cross-entropy, backward through 28 steps, Adam update) of
 * the row LSTM {@link CnnShape#LSTM} on a fixed batch of 64 1x28x28 images, float32, on each nn4j
 * backend. {@code benchmarks/pytorch_peer.py} runs the same network ({@code lstm}) for the
 * comparison in docs/benchmarks.md.
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx3g"})
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 4, time = 4)
public class LstmStepBenchmark extends StepBenchmarkBase {

    /** An nn4j backend name. */
    @Param({"plain", "ejml", "nd4j"})
    public String impl;

    @Override
    protected TrainingStep create() {
        return new Nn4jCnnStep(CnnShape.LSTM, impl, SEED);
    }

    @Override
    protected String describe() {
        return CnnShape.LSTM + " on " + impl;
    }
}
