package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the {@code text} demo's character language models ({@link Nn4jTextStep}:
 * the causal transformer or the 2-layer LSTM, batch 32 x 128 characters, token-level
 * cross-entropy, clipping, AdamW), float32, on each nn4j backend. {@code benchmarks/pytorch_peer.py}
 * runs the same networks ({@code text}, {@code text-lstm}) for the comparison in docs/benchmarks.md.
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 4, time = 10)
public class TextStepBenchmark extends StepBenchmarkBase {

    /** The network: {@code transformer} or {@code lstm}. */
    @Param({"transformer", "lstm"})
    public String net;

    /** An nn4j backend name. */
    @Param({"plain", "ejml", "nd4j"})
    public String impl;

    @Override
    protected TrainingStep create() {
        return new Nn4jTextStep(net, impl, SEED);
    }

    @Override
    protected String describe() {
        return "text " + net + " on " + impl;
    }
}
