package dev.nn4j.conformance;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * A second backend for tests only: {@link ArrayTensor}s and {@link ArrayKernels} under the
 * name {@code "other"}, so that tests can mix tensors of two backends and move tensors
 * between them. Deliberately not registered with {@link java.util.ServiceLoader}; use
 * {@link #INSTANCE}.
 */
public final class OtherBackend implements Backend {
    /** The one instance (backends are compared by identity). */
    public static final OtherBackend INSTANCE = new OtherBackend();

    private final Kernels kernels = new ArrayKernels();

    private OtherBackend() {
    }

    @Override
    public String name() {
        return "other";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public String device() {
        return "test-only array backend";
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public Tensor create(DType dtype, Shape shape) {
        return new ArrayTensor(this, dtype, shape);
    }
}
