package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
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
    public Var forward(LayerScope s, List<Var> inputs) {
        return MergeConfig.fold(inputs, F::mul);
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static MultiplyConfig read(LayerJson j) {
        return new MultiplyConfig();
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(new LayerExample(new MultiplyConfig(), List.of(Shape.of(4), Shape.of(4), Shape.of(4))),
                new LayerExample(new MultiplyConfig(), List.of(Shape.of(2, 3, 3), Shape.of(2, 1, 1))));
    }

    /** ONNX: {@code Mul} nodes over the inputs, left to right (ONNX's {@code Mul} takes two). */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        OnnxForms.binaryMerge(sink, name + ".mul", "Mul");
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
