package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
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

    @Override
    public String toString() {
        return TYPE + " " + activation.id();
    }

    /** The layer: {@code y = f(x)}, {@code dx = f'(x) ⊙ dy}. */
    static final class Layer0 extends ShapeOnlyLayer implements FusedOutput {
        private final Activation f;

        Layer0(String name, ActivationConfig config, Shape input) {
            super(name, config, input);
            this.f = config.activation;
        }

        @Override
        public LayerState newState() {
            return new LayerState(x -> new Tensor[] {Ops.like(x), Ops.like(x)});
        }

        @Override
        public Var forward(Scope scope, Var x) {
            Var y = F.activation(f, x);
            scope.notePreActivation(y, x, f);
            return y;
        }

        @Override
        public Tensor forward(Tensor x, LayerState state, Mode mode) {
            Images.checkInput(this, x, inputShape, null);
            Tensor[] b = state.bind(x);
            Ops.activation(f, x, b[0]);
            return b[0];
        }

        @Override
        public Tensor backward(Tensor dy, LayerState state, boolean inputGradient) {
            if (!inputGradient) {
                return null;
            }
            Tensor[] b = state.buffers();
            Ops.activationBackward(f, state.input(), b[0], dy, b[1]);
            return b[1];
        }

        @Override
        public Activation activation() {
            return f;
        }

        @Override
        public Tensor preActivation(LayerState state) {
            return state.input();
        }

        @Override
        public Tensor backwardFromPreActivation(Tensor dz, LayerState state, boolean inputGradient) {
            return inputGradient ? dz : null;
        }
    }
}
