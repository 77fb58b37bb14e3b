package dev.nn4j.nd4j;

import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * The {@code nd4j} backend: tensors are ND4J {@code INDArray}s in native memory, kernels are
 * ND4J ops (OpenBLAS gemm on CPU, cuBLAS with the {@code cuda} build profile).
 *
 * <p>The constructor touches nothing of ND4J; {@link #availability()} starts ND4J once
 * (0.6-3.5 s) and reports any failure to load it, with the cause, instead of throwing.
 *
 * <p>Costs: every native kernel call costs ~2-40 us even for 4 elements. So on a CPU, a kernel
 * whose work is below {@link #hostBelow()} ({@value #HOST_BELOW_DEFAULT} multiply-adds for gemm
 * and convolutions, weighted elements otherwise) runs core's Java loops on a heap mirror of its operands
 * instead ({@link Nd4jPrimitives}, {@link Nd4jKernels}, {@link Nd4jStorage}); a 2-4-1 network's step then never calls
 * native code. Larger kernels run natively; from about 128x784x128 matrices upward gemm is
 * several times faster than plain Java. Tensors hold native memory: close them, or it is only
 * freed when the garbage collector finds them.
 */
public final class Nd4jBackend implements Backend {
    /**
     * Priority on CPU: below plain (30) and EJML (20). Its fixed cost per call (15-90 µs) made it
     * slower than plain on every nn4j training step measured on a CPU (docs/benchmarks.md); only a
     * lone large product (1024³) runs faster on its OpenBLAS.
     */
    public static final int PRIORITY_CPU = 15;
    /** Priority when ND4J runs on a CUDA device: above every CPU backend. */
    public static final int PRIORITY_CUDA = 40;

    /**
     * Kernels with less work than this run on the heap. Work is multiply-adds for gemm and
     * convolutions, and elements times a heap cost per element for the rest (1 for arithmetic,
     * Adam and ReLU, 32 for sigmoid, ELU, GELU, exp and log, 256 for tanh; see
     * {@code Nd4jKernels.cost}). Measured on AMD EPYC Zen 3 with OMP_NUM_THREADS=1
     * (backend-nd4j-gpu/README.md): a native call costs 2-40 us at these sizes; core's loops
     * take as long at ~32k multiply-adds of gemm and at more than 16k elements of add and ReLU.
     */
    public static final long HOST_BELOW_DEFAULT = 16384;
    /** System property that overrides {@link #HOST_BELOW_DEFAULT} on CPU; 0 turns the heap path off. */
    public static final String HOST_BELOW_PROPERTY = "nn4j.nd4j.hostBelow";

    private final Nd4jKernels kernels;
    /** Why the property could not be used, or null. */
    private final String hostBelowError;

    /**
     * Cheap: ServiceLoader instantiates every backend on the class path. Reads
     * {@value #HOST_BELOW_PROPERTY}; a value that is not a whole number {@code >= 0} makes the
     * backend unavailable, with the reason.
     */
    public Nd4jBackend() {
        String p = System.getProperty(HOST_BELOW_PROPERTY);
        long below = HOST_BELOW_DEFAULT;
        String error = null;
        if (p != null) {
            try {
                below = Long.parseLong(p.trim());
            } catch (NumberFormatException e) {
                below = -1;
            }
            if (below < 0) {
                error = "system property " + HOST_BELOW_PROPERTY + " is '" + p + "', not a whole number >= 0";
                below = 0;
            }
        }
        this.hostBelowError = error;
        this.kernels = new Nd4jKernels(onCudaClassPath() ? 0 : below);
    }

    /** A backend whose kernels run on the heap below {@code hostBelow} (0: always natively), for tests. */
    Nd4jBackend(long hostBelow) {
        this.hostBelowError = null;
        this.kernels = new Nd4jKernels(hostBelow);
    }

    private static boolean onCudaClassPath() {
        try {
            return Nd4jRuntime.cudaOnClassPath();
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Kernels with less work than this run on the heap (see {@link #HOST_BELOW_DEFAULT}); 0 means
     * every kernel that has a native path takes it (the primitive cases without one run on the
     * heap whatever their size, see {@code Nd4jPrimitives}). Always 0 when ND4J's CUDA backend is
     * on the class path: the heap mirror's fast copies go through views of host memory, which
     * device memory is not, and the path was never run on a GPU.
     */
    public long hostBelow() {
        return kernels.hostBelow();
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
                : "on a CPU its fixed cost per call (15-90 us) made it slower than plain on every nn4j training step"
                + " measured (docs/benchmarks.md); 40 with a CUDA device";
    }

    @Override
    public Availability availability() {
        if (hostBelowError != null) {
            return Availability.no(hostBelowError);
        }
        try {
            return Nd4jRuntime.availability();
        } catch (Throwable t) {
            // Nd4jRuntime itself could not be linked, e.g. nd4j-api is missing from the class path.
            return Availability.no("ND4J is not on the class path: " + Nd4jRuntime.causes(t));
        }
    }

    /**
     * Several lines: CPU or the GPU models, BLAS vendor and version, libnd4j and BLAS threads,
     * the ND4J version, the off-heap limits and use, and where small kernels run. Starts ND4J
     * if needed.
     */
    @Override
    public String device() {
        Availability a = availability();
        if (!a.available()) {
            return "unavailable: " + a.reason();
        }
        return Nd4jRuntime.describe() + "\n" + hostPath();
    }

    /** One line on the heap path, e.g. {@code small kernels: on the heap below 16384 ...}. */
    String hostPath() {
        long below = hostBelow();
        if (below == 0) {
            return "small kernels: native like all others (" + (onCudaClassPath() ? "CUDA" : HOST_BELOW_PROPERTY + "=0")
                    + "); cases libnd4j lacks on the heap";
        }
        return "small kernels: core's Java loops on a heap mirror below " + below
                + " multiply-adds (gemm, conv) or weighted elements (others), native above (" + HOST_BELOW_PROPERTY + ")";
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

    /**
     * A view of {@code t} with another shape of the same size: the same native buffer under
     * ND4J's {@code reshape('c', ...)}, no copy. Closing the view leaves {@code t}'s buffer alone;
     * the view must not be used after {@code t} is closed.
     */
    @Override
    public Tensor reshape(Tensor t, Shape shape) {
        return ((Nd4jTensor) t).view(shape);
    }

    /** Bytes of ND4J buffers allocated right now (host memory on CPU), -1 if unknown; starts ND4J. */
    public long liveBufferBytes() {
        requireAvailable("liveBufferBytes");
        return Nd4jRuntime.liveBufferBytes();
    }

    /**
     * Frees the calling thread's kernel scratch now (arrays reused between kernel calls, at most
     * {@value Nd4jScratch#MAX_ARRAYS}, plus up to eight op contexts); the next kernel call on this thread
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
