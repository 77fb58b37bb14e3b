package dev.nn4j.autodiff;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;

/**
 * A value in a recorded computation: its shape, dtype, and whether a gradient flows to it. It
 * holds no data: a {@link Recorder} notes which op produced it, and a {@link Plan} gives it a
 * buffer when the recording is replayed. Made by {@link Recorder#input}, {@link Recorder#parameter},
 * {@link Recorder#constant} and the functions of {@link F}; belongs to one recorder and, like
 * it, to one thread.
 */
public final class Var {
    final Recorder recorder;
    final int slot;
    private final Shape shape;
    private final DType dtype;
    private final boolean requiresGrad;

    Var(Recorder recorder, int slot, Shape shape, DType dtype, boolean requiresGrad) {
        this.recorder = recorder;
        this.slot = slot;
        this.shape = shape;
        this.dtype = dtype;
        this.requiresGrad = requiresGrad;
    }

    /** The shape, e.g. {@code [64x10]}. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The rank (0-6). */
    public int rank() {
        return shape.rank();
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return shape.dim(i);
    }

    /** Whether a gradient reaches this value: it is a trainable parameter, an input asked for, or computed from one. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The recorder this value belongs to. */
    public Recorder recorder() {
        return recorder;
    }

    /** {@code v<slot> [shape] DTYPE}, the form error messages use. */
    @Override
    public String toString() {
        return "v" + slot + " " + shape + " " + dtype;
    }
}
