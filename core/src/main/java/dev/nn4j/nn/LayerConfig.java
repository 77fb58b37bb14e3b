package dev.nn4j.nn;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * The architecture of one layer type, without parameter values: its hyper-parameters, its
 * shape rule and how it writes itself into model files. Implementations are immutable records
 * ({@link DenseConfig}, {@link Conv2DConfig}, ...). A layer type is one file: the record, its
 * layer, its shape rule and its JSON form; {@link LayerFormats} maps the type name to the
 * record's reader.
 *
 * <p>Shapes are per sample: {@code [features]} for flat data, {@code [channels, height, width]}
 * for images (NCHW once the batch dimension is added).
 */
public interface LayerConfig {

    /** The layer type in model files, e.g. {@code dense} or {@code conv2d}. */
    String type();

    /**
     * The per-sample output shape for a per-sample input shape.
     *
     * @throws IllegalArgumentException when the input does not fit or a hyper-parameter is
     *     impossible for it, with a message naming the value and the shape (the builder adds
     *     the layer's index and type)
     */
    Shape outputShape(Shape input);

    /**
     * The values this layer keeps for per-sample input {@code input} (its parameters and
     * statistics, all that a model file stores for it), counted without allocating anything;
     * {@link Long#MAX_VALUE} when the count does not fit a long. The input must fit
     * ({@link #outputShape}). Model files check it against the values they hold before building.
     */
    long storedValues(Shape input);

    /**
     * A new layer for per-sample input {@code input} with zero parameters on {@code backend} in
     * {@code dtype}; {@code name} prefixes its parameter names (e.g. {@code layer0} gives
     * {@code layer0.weights}).
     */
    Layer create(String name, Shape input, Backend backend, DType dtype);

    /**
     * The per-sample output shape for the shapes of this layer's inputs in a graph. Every layer
     * type of 0.1 takes exactly one input (this default); merge layers ({@link AddConfig},
     * {@link MultiplyConfig}, {@link ConcatConfig}) take two or more.
     *
     * @throws IllegalArgumentException as {@link #outputShape(Shape)}, or when the number of
     *     inputs is wrong
     */
    default Shape outputShape(List<Shape> inputs) {
        return outputShape(single(inputs));
    }

    /** {@link #storedValues(Shape)} for the shapes of this layer's inputs in a graph. */
    default long storedValues(List<Shape> inputs) {
        return storedValues(single(inputs));
    }

    /** {@link #create(String, Shape, Backend, DType)} for the shapes of this layer's inputs in a graph. */
    default Layer create(String name, List<Shape> inputs, Backend backend, DType dtype) {
        return create(name, single(inputs), backend, dtype);
    }

    /**
     * Writes this layer's inference form as ONNX nodes into {@code sink} (reading the layer's
     * inputs, {@link OnnxSink#inputs()}), for {@code layer} (this config's layer, whose
     * parameters become initializers) called {@code name}. A layer type without an ONNX form
     * keeps this default, which throws {@link IllegalArgumentException} naming the node and the
     * type; the ONNX mapping of a type lives here, beside the rest of it.
     */
    default void toOnnx(OnnxSink sink, String name, Layer layer) {
        throw new IllegalArgumentException("onnx export: " + name + " (" + this + ") is a layer type '" + type()
                + "' with no ONNX form (LayerConfig.toOnnx)");
    }

    /** The one input shape of a single-input layer; throws naming the type and the count otherwise. */
    private Shape single(List<Shape> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(type() + " takes one input, got " + inputs.size() + " " + inputs);
        }
        return inputs.get(0);
    }

    /** The hyper-parameters as JSON-ready values (numbers, strings, lists), without the type. */
    Map<String, Object> toJson();
}
