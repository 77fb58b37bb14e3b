package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
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

    /** No parameters. */
    @Override
    public long storedValues(Shape input) {
        return 0;
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        return new Layer0(name, this, input);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("activation", activation.id());
    }

    /** Reads {@link #toJson()}'s form. */
    public static ActivationConfig read(LayerJson j) {
        return new ActivationConfig(j.activation("activation"));
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

    /** The layer: {@code y = f(x)}, {@code dx = f'(x) ⊙ dy}. */
    static final class Layer0 extends ShapeOnlyLayer {
        private final Activation f;

        Layer0(String name, ActivationConfig config, Shape input) {
            super(name, config, input);
            this.f = config.activation;
        }

        @Override
        public Var forward(Scope scope, Var x) {
            Var y = F.activation(f, x);
            scope.notePreActivation(y, x, f);
            return y;
        }

        /** The function this layer applies. */
        public Activation activation() {
            return f;
        }

    }
}
