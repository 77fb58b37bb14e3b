package dev.nn4j.conformance;

import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * A backend for tests only whose fused kernels are all the {@link Kernels} defaults:
 * {@link ArrayTensor}s and {@link PrimitivesOnlyKernels}, reshaping into views that share
 * storage as every shipped backend does. Core's tests register it with
 * {@link java.util.ServiceLoader} (a services file that core's test-jar leaves out, so backend
 * modules do not see it) under {@value #NAME}: get it with
 * {@code Backends.get(PrimitivesOnlyBackend.NAME)}. {@link #COPYING_RESHAPE}, never registered,
 * keeps {@link Backend#reshape}'s copying default, so that the defaults' write-back path for
 * backends without views is exercised too.
 */
public final class PrimitivesOnlyBackend implements Backend {
    /** The registered name. */
    public static final String NAME = "primitives-only";

    /** A second instance whose reshape copies (backends are compared by identity: use this one). */
    public static final PrimitivesOnlyBackend COPYING_RESHAPE =
            new PrimitivesOnlyBackend("primitives-only-copying", false);

    private final Kernels kernels = new PrimitivesOnlyKernels();
    private final String name;
    private final boolean views;

    /** The instance {@link java.util.ServiceLoader} creates: reshape gives views. */
    public PrimitivesOnlyBackend() {
        this(NAME, true);
    }

    private PrimitivesOnlyBackend(String name, boolean views) {
        this.name = name;
        this.views = views;
    }

    @Override
    public String name() {
        return name;
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
        return "test-only array primitives, fused kernels by default" + (views ? "" : ", copying reshape");
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public Tensor create(DType dtype, Shape shape) {
        return new ArrayTensor(this, dtype, shape);
    }

    /** A view sharing {@code t}'s array; {@link #COPYING_RESHAPE} copies (the interface's default). */
    @Override
    public Tensor reshape(Tensor t, Shape shape) {
        return views ? ((ArrayTensor) t).view(shape) : Backend.super.reshape(t, shape);
    }
}
