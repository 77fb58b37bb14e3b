package dev.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The measured call shared by the training benchmarks: one {@link TrainingStep#run()} of a
 * network built in {@link #setUp()} for the {@code impl} parameter (an nn4j backend name or
 * {@code dl4j}). Subclasses build the step and set the iteration counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class StepBenchmarkBase {
    /** Seed of the weights and the data, the same for every implementation. */
    protected static final long SEED = 42;

    /** An nn4j backend name, or {@code dl4j}. */
    @Param({"plain", "ejml", "nd4j", "dl4j"})
    public String impl;

    private TrainingStep step;

    /** A new step for {@code impl}. */
    protected abstract TrainingStep create(String impl);

    /** Builds the network and its data, and checks that a few steps give finite results. */
    @Setup(Level.Trial)
    public void setUp() {
        step = create(impl);
        try {
            step.verify(getClass().getSimpleName() + " on " + impl);
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
