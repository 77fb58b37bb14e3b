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
 * The measured call shared by the matrix-product benchmarks: one {@link GemmCall#run()} on
 * operands and output allocated (and checked) in {@link #setUp()}. Subclasses declare the
 * {@code shape} parameter and the iteration counts. Each JMH fork runs one
 * implementation on one shape, so a kernel compiled for one shape never times another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class GemmBenchmarkBase {
    /** nn4j backends through {@code Ops.gemm}, then the raw library calls they are compared with (see {@link GemmCalls}). */
    @Param({"plain", "ejml", "nd4j", "raw-nd4j", "raw-ejml", "raw-ejml-mt"})
    public String impl;

    private GemmCall call;

    /** The operands, in {@link GemmShape} notation. */
    protected abstract String shape();

    /** Allocates the operands and C and checks one product against a reference. */
    @Setup(Level.Trial)
    public void setUp() {
        call = GemmCalls.create(impl, GemmShape.parse(shape()), 42);
    }

    /** Releases native operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
        call.close();
    }

    /** {@code C = op(A) · op(B)} into the preallocated C. */
    @Benchmark
    public void gemm() {
        call.run();
    }
}
