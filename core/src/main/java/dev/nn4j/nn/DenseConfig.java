package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fully connected layer: {@code inputSize} inputs, {@code outputSize} units, an activation.
 * Its parameters are {@code weights [inputSize x outputSize]} and {@code bias [1 x outputSize]};
 * it takes flat samples {@code [inputSize]} (put a {@link FlattenConfig flatten} layer after
 * images). The builder's {@code dense(units, f)} fills in {@code inputSize}.
 */
public record DenseConfig(int inputSize, int outputSize, Activation activation) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "dense";

    /** Validates the sizes and the activation. */
    public DenseConfig {
        Objects.requireNonNull(activation, "dense: activation");
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("dense: inputSize and outputSize must be >= 1, got "
                    + inputSize + " and " + outputSize);
        }
    }

    /** Always {@code dense}. */
    @Override
    public String type() {
        return TYPE;
    }

    /** {@code [inputSize] -> [outputSize]}; anything else (images included) is refused. */
    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 1 || input.size() != inputSize) {
            throw new IllegalArgumentException("takes [" + inputSize + "] per sample but gets " + input
                    + (input.rank() > 1 ? "; add flatten() before it" : ""));
        }
        return Shape.of(outputSize);
    }

    /** {@code inputSize·outputSize} weights and {@code outputSize} biases. */
    @Override
    public long storedValues(Shape input) {
        return (long) inputSize * outputSize + outputSize;
    }

    @Override
    public Dense create(String name, Shape input, Backend backend, DType dtype) {
        outputShape(input);
        return new Dense(name, this, backend, dtype);
    }

    /** A layer for flat input {@code [inputSize]}: the same as {@code create(name, Shape.of(inputSize), backend, dtype)}. */
    public Dense create(String name, Backend backend, DType dtype) {
        return create(name, Shape.of(inputSize), backend, dtype);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", inputSize);
        m.put("outputs", outputSize);
        m.put("activation", activation.id());
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static DenseConfig read(LayerJson j) {
        return new DenseConfig(j.integer("inputs"), j.integer("outputs"), j.activation("activation"));
    }

    /** E.g. {@code dense 2->4 sigmoid}. */
    @Override
    public String toString() {
        return "dense " + inputSize + "->" + outputSize + " " + activation.id();
    }

    /** ONNX: a {@code Gemm} (weights {@code [in x out]} as stored, bias {@code [out]}), then the activation's node. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        String w = OnnxForms.parameter(sink, layer, name, "weights", inputSize, outputSize);
        String b = OnnxForms.parameter(sink, layer, name, "bias", outputSize);
        sink.node(name + ".gemm", "Gemm", w, b);
        OnnxForms.activation(sink, name, activation, layer.outputShape().dims());
    }
}
