package dev.nn4j.autodiff;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;

/** The shape and dtype of one output of an {@link Op}, as {@link Op#infer} states them. */
public record Out(Shape shape, DType dtype) {

    /** An output like {@code v}: its shape and dtype. */
    public static Out like(Var v) {
        return new Out(v.shape(), v.dtype());
    }
}
