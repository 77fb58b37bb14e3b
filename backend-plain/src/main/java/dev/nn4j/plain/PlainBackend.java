package dev.nn4j.plain;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.plain.gemm.Sgemm;
import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

import java.util.Locale;

/**
 * The pure-Java backend: {@link ArrayTensor}s over {@code float[]}/{@code double[]}, core's
 * {@link ArrayKernels} for element-wise work and a packed, register-tiled {@link Sgemm} for
 * FLOAT32 matrix products (Vector API with {@code --add-modules jdk.incubator.vector}, plain
 * loops otherwise; split across threads above 128³ multiply-adds). No dependencies, no
 * native code, always available. Priority {@value #PRIORITY}: on a CPU it trains nn4j's networks
 * fastest on every machine kind measured (docs/benchmarks.md: MLP, LeNet and CNN steps; the XOR
 * step within 1.11x of EJML; a lone 1024³ product at 0.78-0.92x OpenBLAS's speed), so it is the
 * default unless ND4J runs on a CUDA device.
 *
 * <p>{@link dev.nn4j.backend.Backends} creates one instance through
 * {@link java.util.ServiceLoader}; tensors compare backends by identity, so obtain it with
 * {@code Backends.get("plain")} rather than {@code new PlainBackend()}.
 */
public final class PlainBackend implements Backend {
    /** The name used for selection, e.g. {@code -Dnn4j.backend=plain}. */
    public static final String NAME = "plain";
    /** Above ND4J on CPU (15) and EJML (20), below ND4J on a CUDA device (40). */
    public static final int PRIORITY = 30;

    private final Kernels kernels = new PlainKernels();

    /** Cheap: creates the stateless kernels, nothing else. */
    public PlainBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** The measurement behind {@link #PRIORITY}, and a hint when the Vector API engine is missing. */
    @Override
    public String priorityReason() {
        return "fastest on a CPU for training nn4j's networks as measured on each machine kind (MLP, LeNet and"
                + " CNN steps; XOR within 1.11x of the fastest; docs/benchmarks.md)"
                + (Sgemm.engineName().startsWith("vector") ? ""
                        : "; this JVM lacks --add-modules jdk.incubator.vector, so large products run on the"
                        + " slower scalar engine");
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public String device() {
        String engine = Sgemm.engineName();
        return String.format(Locale.ROOT, "CPU: pure Java, float[]/double[] arrays, %s, %d processors%n"
                        + "gemm: %s, up to %d threads above 128^3 multiply-adds (-Dnn4j.plain.threads)%s",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), engine,
                Sgemm.threads(),
                engine.startsWith("vector") ? "" : " (start the JVM with --add-modules jdk.incubator.vector"
                        + " for the Vector API engine)");
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    /** A zero-filled {@link ArrayTensor}; costs one array allocation of {@code shape.size()} elements. */
    @Override
    public Tensor create(DType dtype, Shape shape) {
        return new ArrayTensor(this, dtype, shape);
    }

    /** A view sharing {@code t}'s array: no copy. */
    @Override
    public Tensor reshape(Tensor t, Shape shape) {
        return ((ArrayTensor) t).view(shape);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
