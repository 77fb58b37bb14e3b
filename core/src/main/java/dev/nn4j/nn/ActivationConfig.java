package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A standalone activation {@code y = f(x)}, for the pattern conv - batch norm - ReLU, or a
 * softmax after a dense layer. Element-wise functions take any shape; softmax needs flat
 * samples. No parameters. As the last layer before softmax cross-entropy it fuses with the
 * loss like a dense layer's softmax does.
 */
public record ActivationConfig(Activation activation) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "activation";

    /** Validates the activation. */
    public ActivationConfig {
        Objects.requireNonNull(activation, "activation layer: activation");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (activation.isRowWise() && input.rank() != 1) {
            throw new IllegalArgumentException(activation.id() + " works on flat samples but gets " + input
                    + "; add flatten() before it");
        }
        return input;
    }

    /** {@code y = f(x)}, noted as an activation so softmax cross-entropy after it fuses with it. */
    @Override
    public Var forward(LayerScope s, Var x) {
        Var y = F.activation(activation, x);
        s.notePreActivation(y, x, activation);
        return y;
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("activation", activation.id());
    }

    /** Reads {@link #toJson()}'s form. */
    public static ActivationConfig read(LayerJson j) {
        return new ActivationConfig(j.activation("activation"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new ActivationConfig(Activation.TANH), 5),
                LayerExample.of(new ActivationConfig(Activation.SOFTMAX), 4),
                LayerExample.of(new ActivationConfig(Activation.elu(1.0)), 2, 3, 3));
    }

    /** ONNX: the activation's node ({@code Relu}, {@code Sigmoid}, ...); the identity writes none. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        OnnxForms.activation(sink, name, activation, layer.outputShape().dims());
    }

    @Override
    public String toString() {
        return TYPE + " " + activation.id();
    }
}
