package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import java.util.List;

/**
 * The element-wise sum of two or more inputs, as in a residual block's {@code y + shortcut}
 * (Keras's {@code Add}, ONNX's {@code Add}). Per-sample shapes broadcast as in NumPy (equal, or
 * 1 where one repeats); the output has the broadcast shape. No parameters; the gradient of each
 * input is the output's, summed over the dimensions it was repeated along. Forward cost one add
 * per output value and extra input. Made by {@code Node.add(a, b, ...)}.
 */
public record AddConfig() implements MergeConfig {
    /** The type name in model files. */
    public static final String TYPE = "add";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Var merge(List<Var> inputs) {
        return MergeConfig.fold(inputs, F::add);
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static AddConfig read(LayerJson j) {
        return new AddConfig();
    }

    /** ONNX: one {@code Add} of every input. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        OnnxForms.merge(sink, name + ".add", "Add");
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
