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
 * @param vocabulary 0 when the inputs are numbers; else every input holds INT32 token ids in
 *     {@code [0, vocabulary)} (an embedding's), which the suites draw instead of numbers
 */
public record LayerExample(LayerConfig config, List<Shape> inputs, int vocabulary) {
    /** Validates that the inputs fit the config. */
    public LayerExample {
        Objects.requireNonNull(config, "layer example: config");
        inputs = List.copyOf(inputs);
        config.outputShape(inputs);
        if (vocabulary < 0) {
            throw new IllegalArgumentException("layer example: vocabulary must be >= 0, got " + vocabulary);
        }
    }

    /** An example whose inputs are numbers. */
    public LayerExample(LayerConfig config, List<Shape> inputs) {
        this(config, inputs, 0);
    }

    /** A single-input example of token ids in {@code [0, vocabulary)} of per-sample shape {@code input}. */
    public static LayerExample tokens(LayerConfig config, int vocabulary, int... input) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("layer example: a token example needs a vocabulary >= 1, got " + vocabulary);
        }
        return new LayerExample(config, List.of(Shape.of(input)), vocabulary);
    }

    /** True when the inputs hold token ids ({@link #vocabulary()} of them). */
    public boolean holdsTokens() {
        return vocabulary > 0;
    }

    /** A single-input example. */
    public static LayerExample of(LayerConfig config, int... input) {
        return new LayerExample(config, List.of(Shape.of(input)));
    }

    /** E.g. {@code conv2d 2 3x3 ... on [2x5x5]}. */
    @Override
    public String toString() {
        return config + " on " + (inputs.size() == 1 ? inputs.get(0).toString() : inputs.toString())
                + (vocabulary > 0 ? " ids < " + vocabulary : "");
    }
}
