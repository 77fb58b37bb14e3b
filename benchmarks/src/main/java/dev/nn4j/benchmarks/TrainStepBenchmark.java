package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, softmax cross-entropy, backward, Adam update) of the
 * 784-256-128-10 ReLU MLP on a fixed batch of 128, float32: nn4j's {@code Sequential.trainStep}
 * on each backend and DL4J's {@code MultiLayerNetwork.fit(DataSet)}. The report turns the time
 * per step into samples per second (128 / time).
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class TrainStepBenchmark extends StepBenchmarkBase {

    /** An nn4j backend name, or {@code dl4j}. */
    @Param({"plain", "ejml", "nd4j", "dl4j"})
    public String impl;

    @Override
    protected TrainingStep create() {
        return "dl4j".equals(impl) ? Dl4jFitStep.mlp(SEED) : new Nn4jMlpStep(impl, SEED);
    }

    @Override
    protected String describe() {
        return "on " + impl;
    }
}
