package dev.nn4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, softmax cross-entropy, backward, Adam update) of a convolutional
 * network of {@link CnnShape} on a fixed batch of 64 1x28x28 images, float32: DL4J's
 * {@code Sequential.trainStep} on each nn4j backend and DL4J's {@code MultiLayerNetwork.fit(DataSet)}.
 * The report turns the time per step
 * into samples per second (64 / time) and shows PyTorch's best thread setting beside it.
 */
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx3g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 4, time = 3)
public class CnnStepBenchmark extends StepBenchmarkBase {

    /** The network: {@value CnnShape#LENET} or {@value CnnShape#FASHION_CNN}. */
    @Param({CnnShape.LENET, CnnShape.FASHION_CNN})
    public String net;

    /** An nn4j backend name, or {@code dl4j}. */
    @Param({"plain", "ejml", "nd4j", "dl4j"})
    public String impl;

    @Override
    protected TrainingStep create() {
        return "dl4j".equals(impl) ? Dl4jFitStep.cnn(net, SEED) : new Nn4jCnnStep(net, impl, SEED);
    }

    @Override
    protected String describe() {
        return net + " on " + impl;
    }
}
