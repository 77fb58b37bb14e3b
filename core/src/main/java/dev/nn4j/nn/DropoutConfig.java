package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Map;

/**
 * Inverted dropout: in {@link Mode#TRAINING} each value is dropped (set to 0) with probability
 * {@code rate} and the others are scaled by {@code 1 / (1 - rate)}, so inference needs no
 * rescaling; in {@link Mode#INFERENCE} it passes its input through untouched. {@code rate} is
 * the probability of dropping, as in PyTorch and Keras, in {@code [0, 1)}.
 *
 * <p>Masks are drawn on the host from the model's seeded generator (one draw per value, in
 * row-major order), so one seed reproduces a run on every backend. Any shape; no parameters.
 */
public record DropoutConfig(double rate) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "dropout";

    /** Validates the rate. */
    public DropoutConfig {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    /** No parameters. */
    @Override
    public long storedValues(Shape input) {
        return 0;
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        float keepScale = (float) (1 / (1 - rate));
        return new ShapeOnlyLayer(name, this, input) {
            private static final int MASK = 0;
            private static final int Y = 1;
            private static final int DX = 2;

            @Override
            public LayerState newState() {
                return new LayerState(x -> new Tensor[] {Ops.like(x), Ops.like(x), Ops.like(x)});
            }

            @Override
            public Var forward(Scope scope, Var x) {
                return scope.training() ? F.dropout(x, rate) : x;
            }

            @Override
            public Tensor forward(Tensor x, LayerState state, Mode mode) {
                Images.checkInput(this, x, inputShape, null);
                Tensor[] b = state.bind(x);
                if (mode == Mode.INFERENCE || rate == 0) {
                    return x;
                }
                int n = x.size();
                float[] mask = state.hostFloats(n);
                Rng rng = state.rng();
                for (int i = 0; i < n; i++) {
                    mask[i] = rng.nextDouble() < rate ? 0f : keepScale;
                }
                b[MASK].setRange(mask, 0, n);
                Ops.hadamard(x, b[MASK], b[Y]);
                return b[Y];
            }

            @Override
            public Tensor backward(Tensor dy, LayerState state, boolean inputGradient) {
                if (!inputGradient) {
                    return null;
                }
                if (rate == 0) {
                    return dy;
                }
                Tensor[] b = state.buffers();
                Ops.hadamard(dy, b[MASK], b[DX]);
                return b[DX];
            }
        };
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("rate", rate);
    }

    /** Reads {@link #toJson()}'s form. */
    public static DropoutConfig read(LayerJson j) {
        return new DropoutConfig(j.number("rate"));
    }

    @Override
    public String toString() {
        return TYPE + " " + rate;
    }
}
