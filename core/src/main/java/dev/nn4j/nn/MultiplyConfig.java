package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import java.util.List;

/**
 * The element-wise product of two or more inputs, as a gate {@code x ⊙ sigmoid(g)}
 * (Keras's {@code Multiply}, ONNX's {@code Mul}). Per-sample shapes broadcast as in NumPy (equal, or
 * 1 where one repeats); the output has the broadcast shape. No parameters; the gradient of each
 * input is the output's times the other inputs, summed over the dimensions it was repeated along. Forward cost one product
 * per output value and extra input. Made by {@code Node.multiply(a, b, ...)}.
 */
public record MultiplyConfig() implements MergeConfig {
    /** The type name in model files. */
    public static final String TYPE = "multiply";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Var merge(List<Var> inputs) {
        return MergeConfig.fold(inputs, F::mul);
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static MultiplyConfig read(LayerJson j) {
        return new MultiplyConfig();
    }

    /** ONNX: one {@code Mul} of every input. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        OnnxForms.merge(sink, name + ".mul", "Mul");
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
