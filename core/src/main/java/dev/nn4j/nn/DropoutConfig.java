package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;
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

    /** Training: a mask drawn from the model's generator ({@link F#dropout}); inference: {@code x} itself. */
    @Override
    public Var forward(LayerScope s, Var x) {
        return s.training() ? F.dropout(x, rate) : x;
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("rate", rate);
    }

    /** Reads {@link #toJson()}'s form. */
    public static DropoutConfig read(LayerJson j) {
        return new DropoutConfig(j.number("rate"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new DropoutConfig(0.3), 6), LayerExample.of(new DropoutConfig(0.5), 2, 3, 3));
    }

    /** ONNX: nothing; in inference, which is what an export holds, dropout is the identity. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
    }

    @Override
    public String toString() {
        return TYPE + " " + rate;
    }
}
