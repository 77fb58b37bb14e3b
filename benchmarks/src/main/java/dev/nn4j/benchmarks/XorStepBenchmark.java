package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One single-sample training step of the 2-4-1 sigmoid network (squared error, SGD with
 * learning rate 0.1), cycling through the four XOR samples: nn4j's Toy facade
 * ({@code NeuralNetwork.train(double[], double[])}) on each backend and DL4J's
 * {@code MultiLayerNetwork.fit(DataSet)}. Per-call overhead dominates at this size. The
 * report turns the time per step into steps per second.
 */
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
public class XorStepBenchmark extends StepBenchmarkBase {

    /** An nn4j backend name, or {@code dl4j}. */
    @Param({"plain", "ejml", "nd4j", "dl4j"})
    public String impl;

    @Override
    protected TrainingStep create() {
        return "dl4j".equals(impl) ? new Dl4jXorStep(SEED) : new Nn4jToyXorStep(impl, SEED);
    }

    @Override
    protected String describe() {
        return "on " + impl;
    }
}
