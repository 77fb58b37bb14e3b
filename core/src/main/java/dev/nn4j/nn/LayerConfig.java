package dev.nn4j.nn;

import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * A layer type: its hyper-parameters, shape rule, parameters, forward pass and file forms, in one
 * immutable record ({@link DenseConfig}, {@link Conv2DConfig}, ...). Every layer type is written the
 * same way, in one file:
 * <ol>
 * <li>the record's components (hyper-parameters), validated in its compact constructor, and its
 *     {@code TYPE} name ({@link #type()});</li>
 * <li>{@link #outputShape(Shape)}: the shape rule;</li>
 * <li>{@link #declare(Shape, ParameterSpecs)}: the tensors it keeps and how they start;</li>
 * <li>{@link #forward(LayerScope, Var)}: its forward pass over {@link dev.nn4j.autodiff.F}'s ops
 *     (the backward pass follows from theirs);</li>
 * <li>{@link #toJson()} and a static {@code read(LayerJson)}: its model-file form, registered in
 *     {@link LayerFormats} with one line;</li>
 * <li>{@link #toOnnx}: its ONNX form, where it has one.</li>
 * </ol>
 * A layer built from existing ops needs nothing else: no backend kernel, no {@code Ops} entry, no
 * ONNX switch. {@link #create} makes the one layer class over the declared tensors.
 *
 * <p>Shapes are per sample: {@code [features]} for flat data, {@code [channels, height, width]}
 * for images (NCHW once the batch dimension is added). Layers of two or more inputs (the merges
 * {@link AddConfig}, {@link MultiplyConfig}, {@link ConcatConfig}) override the {@code List} forms.
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
     * Declares the parameters and statistics this layer keeps for per-sample input {@code input},
     * in the order the initializer draws them and model files store them. The default declares
     * none. Called with an input that fits ({@link #outputShape}); must not allocate tensors.
     */
    default void declare(Shape input, ParameterSpecs specs) {
    }

    /**
     * Records the forward pass on a batch {@code x} ({@code [batch, input...]}) with
     * {@link dev.nn4j.autodiff.F}'s ops, reading the declared tensors through {@code scope}.
     * Runs when a plan is recorded (once per input shape and mode), not on every step.
     */
    Var forward(LayerScope scope, Var x);

    /** The hyper-parameters as JSON-ready values (numbers, strings, lists), without the type. */
    Map<String, Object> toJson();

    /**
     * Writes this layer's inference form as ONNX nodes into {@code sink} (reading the layer's
     * inputs, {@link OnnxSink#inputs()}), for {@code layer} (this config's layer, whose
     * parameters become initializers) called {@code name}. A layer type without an ONNX form
     * keeps this default, which throws {@link IllegalArgumentException} naming the node and the
     * type.
     */
    default void toOnnx(OnnxSink sink, String name, Layer layer) {
        throw new IllegalArgumentException("onnx export: " + name + " (" + this + ") is a layer type '" + type()
                + "' with no ONNX form (LayerConfig.toOnnx)");
    }

    /** The per-sample output shape for the shapes of this layer's inputs in a graph; one input by default. */
    default Shape outputShape(List<Shape> inputs) {
        return outputShape(single(inputs));
    }

    /** {@link #declare(Shape, ParameterSpecs)} for the shapes of this layer's inputs in a graph. */
    default void declare(List<Shape> inputs, ParameterSpecs specs) {
        declare(single(inputs), specs);
    }

    /** {@link #forward(LayerScope, Var)} on the values of this layer's inputs in a graph, in the node's order. */
    default Var forward(LayerScope scope, List<Var> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(scope.name() + " (" + type() + ") takes one input, got " + inputs.size());
        }
        return forward(scope, inputs.get(0));
    }

    /**
     * The values this layer keeps for per-sample input {@code input} (everything a model file
     * stores for it), counted from {@link #declare} without allocating; {@link Long#MAX_VALUE}
     * when the count does not fit a long. The input must fit ({@link #outputShape}). Model files
     * check it against the values they hold before building.
     */
    default long storedValues(Shape input) {
        return storedValues(List.of(input));
    }

    /** {@link #storedValues(Shape)} for the shapes of this layer's inputs in a graph. */
    default long storedValues(List<Shape> inputs) {
        ParameterSpecs specs = new ParameterSpecs();
        declare(inputs, specs);
        return specs.count();
    }

    /**
     * A new layer for per-sample input {@code input} on {@code backend} in {@code dtype}, its
     * declared tensors created (weights zero, constants set; {@link Layer#initialize} draws the
     * rest); {@code name} prefixes the parameter names ({@code layer0} gives {@code layer0.weights}).
     *
     * @throws IllegalArgumentException when the input does not fit, as {@link #outputShape}
     */
    default Layer create(String name, Shape input, Backend backend, DType dtype) {
        return create(name, List.of(input), backend, dtype);
    }

    /** {@link #create(String, Shape, Backend, DType)} for the shapes of this layer's inputs in a graph. */
    default Layer create(String name, List<Shape> inputs, Backend backend, DType dtype) {
        return new ConfiguredLayer(name, this, inputs, backend, dtype);
    }

    /** The one input shape of a single-input layer; throws naming the type and the count otherwise. */
    private Shape single(List<Shape> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(type() + " takes one input, got " + inputs.size() + " " + inputs);
        }
        return inputs.get(0);
    }
}
