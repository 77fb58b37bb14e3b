package dev.nn4j.nn;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.Arrays;

/**
 * A graph input: a name, a per-sample shape and what it holds. {@link #of} makes an input of
 * numbers ({@code [features]}, {@code [steps x features]} or {@code [channels, height, width]}),
 * FLOAT32 or FLOAT64 as the model is built; {@link #tokens} makes an input of INT32 token ids
 * ({@code [steps]}, e.g. the characters of a text window) for an {@link EmbeddingConfig}. A batch
 * of {@code n} has shape {@code [n x shape...]}. Inputs are bound by name in
 * {@link GraphModel#predict(java.util.Map)} and in the order given to
 * {@link GraphModel#builder(java.util.List, java.util.List)}. Immutable.
 */
public final class Input extends Node {
    private final boolean tokens;

    private Input(String name, Shape shape, boolean tokens) {
        super(name, shape);
        this.tokens = tokens;
    }

    /**
     * An input of numbers called {@code name} with per-sample {@code shape} (1 to 3 dimensions, each at least 1).
     *
     * @throws IllegalArgumentException naming the shape or the name when either is impossible
     */
    public static Input of(String name, int... shape) {
        return new Input(name, checked(name, shape, 3, "[features], [steps, features] or [channels, height, width]"),
                false);
    }

    /**
     * An input of INT32 token ids called {@code name} with per-sample {@code shape} (1 or 2
     * dimensions, each at least 1; {@code [steps]} for a sequence). Its batches are INT32
     * tensors; only layers that read ids (an {@link EmbeddingConfig}) take it, and it has no gradient.
     *
     * @throws IllegalArgumentException naming the shape or the name when either is impossible
     */
    public static Input tokens(String name, int... shape) {
        return new Input(name, checked(name, shape, 2, "[steps] or [rows, steps]"), true);
    }

    /** True for an input of token ids ({@link #tokens}). */
    public boolean holdsTokens() {
        return tokens;
    }

    /** The dtype of this input's batches in a model of floating dtype {@code model}: INT32 for tokens, else {@code model}. */
    public DType dtype(DType model) {
        return tokens ? DType.INT32 : model;
    }

    private static Shape checked(String name, int[] shape, int maxRank, String forms) {
        if (shape.length < 1 || shape.length > maxRank) {
            throw new IllegalArgumentException("input '" + name + "': shape must have 1 to " + maxRank
                    + " dimensions (" + forms + "), got " + Arrays.toString(shape));
        }
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("input '" + name + "': every dimension must be >= 1, got "
                        + Arrays.toString(shape));
            }
        }
        return Shape.of(shape);
    }
}
