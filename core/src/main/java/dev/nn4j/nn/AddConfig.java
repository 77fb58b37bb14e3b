package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
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
    public Var forward(LayerScope s, List<Var> inputs) {
        return MergeConfig.fold(inputs, F::add);
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static AddConfig read(LayerJson j) {
        return new AddConfig();
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(new LayerExample(new AddConfig(), List.of(Shape.of(3), Shape.of(3))),
                new LayerExample(new AddConfig(), List.of(Shape.of(2, 3, 3), Shape.of(1, 3, 3), Shape.of(2, 3, 3))));
    }

    /** ONNX: {@code Add} nodes over the inputs, left to right (ONNX's {@code Add} takes two). */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        OnnxForms.binaryMerge(sink, name + ".add", "Add");
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
