package dev.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The measured call shared by the training benchmarks: one {@link TrainingStep#run()} of a
 * network built in {@link #setUp()} from the subclass's parameters (an {@code impl}, an nn4j
 * backend name or {@code dl4j}, and for some a network). Subclasses declare the parameters,
 * build the step and set the iteration counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class StepBenchmarkBase {
    /** Seed of the weights and the data, the same for every implementation. */
    protected static final long SEED = 42;

    private TrainingStep step;

    /** A new step for the subclass's parameters. */
    protected abstract TrainingStep create();

    /** The parameters, for messages, e.g. {@code "nd4j"} or {@code "lenet on dl4j"}. */
    protected abstract String describe();

    /** Builds the network and its data, and checks that a few steps give finite results. */
    @Setup(Level.Trial)
    public void setUp() {
        step = create();
        try {
            step.verify(getClass().getSimpleName() + " " + describe());
        } catch (RuntimeException e) {
            step.close();
            throw e;
        }
    }

    /** Releases the network. */
    @TearDown(Level.Trial)
    public void tearDown() {
        step.close();
    }

    /** One training step; the loss is returned so that nothing is optimised away. */
    @Benchmark
    public double step() {
        return step.run();
    }
}
