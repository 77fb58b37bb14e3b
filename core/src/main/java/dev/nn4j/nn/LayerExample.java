package dev.nn4j.nn;

import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Objects;

/**
 * A configuration of a layer type and per-sample input shapes it fits, small enough for a
 * float64 gradient check: what a type registers in {@link LayerFormats} so that the conformance
 * suites test it on every backend (gradients, backends agreeing, model files, ONNX export)
 * without a test naming the type.
 *
 * @param config the layer type's configuration
 * @param inputs per-sample shapes of its inputs, in order (one for most types)
 */
public record LayerExample(LayerConfig config, List<Shape> inputs) {
    /** Validates that the inputs fit the config. */
    public LayerExample {
        Objects.requireNonNull(config, "layer example: config");
        inputs = List.copyOf(inputs);
        config.outputShape(inputs);
    }

    /** A single-input example. */
    public static LayerExample of(LayerConfig config, int... input) {
        return new LayerExample(config, List.of(Shape.of(input)));
    }

    /** E.g. {@code conv2d 2 3x3 ... on [2x5x5]}. */
    @Override
    public String toString() {
        return config + " on " + (inputs.size() == 1 ? inputs.get(0).toString() : inputs.toString());
    }
}
