package dev.nn4j.nn;

import dev.nn4j.tensor.Shape;
import java.util.Arrays;

/**
 * A graph input: a name and a per-sample shape ({@code [features]} or {@code [channels, height,
 * width]}), FLOAT32 or FLOAT64 as the model is built. A batch of {@code n} has shape
 * {@code [n x shape...]}. Inputs are bound by name in {@link GraphModel#predict(java.util.Map)}
 * and in the order given to {@link GraphModel#builder(java.util.List, java.util.List)}. Immutable.
 */
public final class Input extends Node {

    private Input(String name, Shape shape) {
        super(name, shape);
    }

    /**
     * An input called {@code name} with per-sample {@code shape} (1 to 3 dimensions, each at least 1).
     *
     * @throws IllegalArgumentException naming the shape or the name when either is impossible
     */
    public static Input of(String name, int... shape) {
        if (shape.length < 1 || shape.length > 3) {
            throw new IllegalArgumentException("input '" + name + "': shape must have 1 to 3 dimensions ([features]"
                    + " or [channels, height, width]), got " + Arrays.toString(shape));
        }
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("input '" + name + "': every dimension must be >= 1, got "
                        + Arrays.toString(shape));
            }
        }
        return new Input(name, Shape.of(shape));
    }
}
