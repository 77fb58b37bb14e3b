package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully connected layer: {@code inputSize} inputs, {@code outputSize} units, an activation.
 * Its parameters are {@code weights [inputSize x outputSize]} and {@code bias [1 x outputSize]};
 * it takes flat samples {@code [inputSize]} (put a {@link FlattenConfig flatten} layer after
 * images), or sequences {@code [T, inputSize]}, to each token of which it applies
 * ({@code [T, outputSize]}, as PyTorch's {@code nn.Linear} on the last dimension). The builder's
 * {@code dense(units, f)} fills in {@code inputSize}.
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

    /** {@code [inputSize] -> [outputSize]}, {@code [T, inputSize] -> [T, outputSize]}; anything else (images included) is refused. */
    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() == 2 && input.dim(1) == inputSize) {
            return Shape.of(input.dim(0), outputSize);
        }
        if (input.rank() != 1 || input.size() != inputSize) {
            throw new IllegalArgumentException("takes [" + inputSize + "] per sample but gets " + input
                    + (input.rank() > 1 ? "; add flatten() before it" : ""));
        }
        return Shape.of(outputSize);
    }

    /** {@code weights [inputSize x outputSize]} (fans in and out), then {@code bias [1 x outputSize]}. */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        p.weights("weights", inputSize, outputSize, inputSize, outputSize).bias("bias", inputSize, 1, outputSize);
    }

    /**
     * {@code y = f(x·W + b)} as one fused op ({@link F#linear}): {@code [n x in] -> [n x out]},
     * {@code 2·n·in·out} flops forward and twice that backward; transposes are gemm flags.
     */
    @Override
    public Var forward(LayerScope s, Var x) {
        if (x.rank() == 3) {                     // a sequence: every token as a row
            Var rows = F.reshape(x, Shape.matrix(x.dim(0) * x.dim(1), inputSize));
            Var y = F.linear(rows, s.param("weights"), s.param("bias"), activation)[0];
            return F.reshape(y, Shape.of(x.dim(0), x.dim(1), outputSize));
        }
        Var[] yz = F.linear(x, s.param("weights"), s.param("bias"), activation);
        s.notePreActivation(yz[0], yz[1], activation);
        return yz[0];
    }

    /** A layer for flat input {@code [inputSize]}: the same as {@code create(name, Shape.of(inputSize), backend, dtype)}. */
    public Layer create(String name, Backend backend, DType dtype) {
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

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new DenseConfig(3, 4, Activation.TANH), 3),
                LayerExample.of(new DenseConfig(4, 3, Activation.SOFTMAX), 4),
                LayerExample.of(new DenseConfig(2, 2, Activation.SIGMOID), 2),
                LayerExample.of(new DenseConfig(3, 2, Activation.TANH), 4, 3));
    }

    /** E.g. {@code dense 2->4 sigmoid}. */
    @Override
    public String toString() {
        return "dense " + inputSize + "->" + outputSize + " " + activation.id();
    }

    /**
     * ONNX: a {@code Gemm} (weights {@code [in x out]} as stored, bias {@code [out]}), or for
     * sequences a {@code MatMul} and an {@code Add}; then the activation's node.
     */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        String w = OnnxForms.parameter(sink, layer, name, "weights", inputSize, outputSize);
        String b = OnnxForms.parameter(sink, layer, name, "bias", outputSize);
        if (layer.inputShape().rank() == 2) {
            sink.node(name + ".matmul", "MatMul", w);
            sink.node(name + ".add", "Add", b);
        } else {
            sink.node(name + ".gemm", "Gemm", w, b);
        }
        OnnxForms.activation(sink, name, activation, layer.outputShape().dims());
    }
}
