package dev.nn4j.autodiff;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;

/**
 * The shape and dtype of one output of an {@link Op}, as {@link Op#infer} states them, and
 * whether a gradient can flow through it ({@code false} for workspaces and statistics an op
 * hands to its own backward pass, such as batch norm's batch mean or dropout's mask).
 */
public record Out(Shape shape, DType dtype, boolean differentiable) {

    /** A differentiable output of this shape and dtype. */
    public Out(Shape shape, DType dtype) {
        this(shape, dtype, true);
    }

    /** A differentiable output like {@code v}: its shape and dtype. */
    public static Out like(Var v) {
        return new Out(v.shape(), v.dtype());
    }

    /** An output like {@code v} that no gradient flows through. */
    public static Out workspaceLike(Var v) {
        return new Out(v.shape(), v.dtype(), false);
    }
}
