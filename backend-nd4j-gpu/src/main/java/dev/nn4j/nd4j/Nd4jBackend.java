package dev.nn4j.nd4j;

import dev.nn4j.backend.Availability;
import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Kernels;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * The {@code nd4j} backend: tensors are ND4J {@code INDArray}s in native memory, kernels are
 * ND4J ops (OpenBLAS gemm on CPU, cuBLAS with the {@code cuda} build profile).
 *
 * <p>The constructor touches nothing of ND4J; {@link #availability()} starts ND4J once
 * (0.6-3.5 s) and reports any failure to load it, with the cause, instead of throwing.
 *
 * <p>Costs: every kernel call crosses into native code (~2-20 us even for 4 elements), so
 * tiny tensors are slower than on the plain backend; from about 128x784x128 matrices upward
 * gemm is several times faster. Tensors hold native memory: close them, or it is only freed
 * when the garbage collector finds them.
 */
public final class Nd4jBackend implements Backend {
    /**
     * Priority on CPU: below plain (30) and EJML (20). Its fixed cost per call (15-90 µs) made it
     * slower than plain on every nn4j workload measured on a CPU (docs/benchmarks.md).
     */
    public static final int PRIORITY_CPU = 15;
    /** Priority when ND4J runs on a CUDA device: above every CPU backend. */
    public static final int PRIORITY_CUDA = 40;

    private final Nd4jKernels kernels = new Nd4jKernels();

    /** Cheap: ServiceLoader instantiates every backend on the class path. */
    public Nd4jBackend() {
    }

    @Override
    public String name() {
        return "nd4j";
    }

    /**
     * {@value #PRIORITY_CUDA} when ND4J runs on CUDA, else {@value #PRIORITY_CPU}. Before ND4J
     * has started the answer comes from the class path (is the CUDA backend there?), so that
     * sorting backends does not load native code.
     */
    @Override
    public int priority() {
        try {
            boolean cuda = Nd4jRuntime.started() ? Nd4jRuntime.onCuda() : Nd4jRuntime.cudaOnClassPath();
            return cuda ? PRIORITY_CUDA : PRIORITY_CPU;
        } catch (LinkageError e) {
            return PRIORITY_CPU;
        }
    }

    @Override
    public String priorityReason() {
        return priority() == PRIORITY_CUDA
                ? "runs on a CUDA device, ahead of the CPU backends"
                : "on a CPU its fixed cost per call (15-90 us) made it slower than plain on every nn4j workload"
                + " measured (docs/benchmarks.md); 40 with a CUDA device";
    }

    @Override
    public Availability availability() {
        try {
            return Nd4jRuntime.availability();
        } catch (Throwable t) {
            // Nd4jRuntime itself could not be linked, e.g. nd4j-api is missing from the class path.
            return Availability.no("ND4J is not on the class path: " + Nd4jRuntime.causes(t));
        }
    }

    /**
     * Several lines: CPU or the GPU models, BLAS vendor and version, libnd4j and BLAS threads,
     * the ND4J version, and the off-heap limits and use. Starts ND4J if needed.
     */
    @Override
    public String device() {
        Availability a = availability();
        if (!a.available()) {
            return "unavailable: " + a.reason();
        }
        return Nd4jRuntime.describe();
    }

    /** The ND4J kernels; every operand must be an {@link Nd4jTensor} of this backend. */
    @Override
    public Kernels kernels() {
        return kernels;
    }

    /** A zero tensor in native memory; throws {@link IllegalStateException} if ND4J is unavailable. */
    @Override
    public Tensor create(DType dtype, Shape shape) {
        requireAvailable("create " + dtype + " " + shape);
        return Nd4jTensor.zeros(this, dtype, shape);
    }

    /** Bytes of ND4J buffers allocated right now (host memory on CPU), -1 if unknown; starts ND4J. */
    public long liveBufferBytes() {
        requireAvailable("liveBufferBytes");
        return Nd4jRuntime.liveBufferBytes();
    }

    /**
     * Frees the calling thread's kernel scratch now (arrays reused between kernel calls, at most
     * {@value Nd4jScratch#MAX_ARRAYS}, plus one op context); the next kernel call on this thread
     * allocates afresh. Without this call the scratch lives as long as the thread.
     */
    public void releaseScratch() {
        kernels.releaseScratch();
    }

    private void requireAvailable(String op) {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("nd4j backend: cannot " + op + ": " + a.reason());
        }
    }

    @Override
    public String toString() {
        return "nd4j backend";
    }
}
