package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, softmax cross-entropy, backward, Adam update) of the
 * {@link CnnShape} networks on a fixed batch of 64, float32, on each nn4j backend. The report
 * turns the time per step into samples per second (64 / time).
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx3g"})
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 4, time = 4)
public class CnnStepBenchmark extends StepBenchmarkBase {
    /** {@link CnnShape#LENET} or {@link CnnShape#FASHION}. */
    @Param({CnnShape.LENET, CnnShape.FASHION})
    public String net;

    @Override
    protected TrainingStep create(String name) {
        return new Nn4jCnnStep(net, name, SEED);
    }
}
