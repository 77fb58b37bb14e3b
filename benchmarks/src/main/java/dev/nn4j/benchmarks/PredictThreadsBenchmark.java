package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch-1 prediction on one shared 784-256-128-10 MLP ({@link MlpShape}) from one and from two
 * threads: {@code Sequential.predict(double[])}, each thread with its own input. Average time
 * per call per thread; throughput is {@code threads / time}, and the scaling from one to two
 * threads is {@code 2 · time(1) / time(2)} (2.0 is perfect; a global lock around inference
 * would give 1.0). Run under the shared lock on a quiet machine:
 * <pre>
 * OMP_NUM_THREADS=1 flock /tmp/nn4j-bench.lock java -jar benchmarks/target/benchmarks.jar PredictThreadsBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PredictThreadsBenchmark {

    /** The backend. */
    @Param({"plain", "ejml", "nd4j"})
    public String impl;

    private Sequential model;

    /** One input per thread: 784 pixels in [0, 1). */
    @State(Scope.Thread)
    public static class Input {
        double[] pixels;

        /** Draws this thread's input. */
        @Setup(Level.Trial)
        public void draw() {
            Random rnd = new Random(Thread.currentThread().getId());
            pixels = new double[MlpShape.INPUT];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = rnd.nextDouble();
            }
        }
    }

    /** Builds the model on {@code impl}. */
    @Setup(Level.Trial)
    public void setUp() {
        model = Sequential.builder().input(MlpShape.INPUT).dense(MlpShape.HIDDEN1, Activation.RELU)
                .dense(MlpShape.HIDDEN2, Activation.RELU).dense(MlpShape.CLASSES, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(MlpShape.LEARNING_RATE)).seed(42)
                .backend(Backends.get(impl)).build();
    }

    /** Releases the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /** One thread predicting. */
    @Benchmark
    @Threads(1)
    public double[] oneThread(Input in) {
        return model.predict(in.pixels);
    }

    /** Two threads predicting on the same model at once. */
    @Benchmark
    @Threads(2)
    public double[] twoThreads(Input in) {
        return model.predict(in.pixels);
    }
}
