package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * Flattens each sample to a vector in row-major order: {@code [C, H, W] -> [C·H·W]} (a batch
 * {@code [N, C, H, W] -> [N, C·H·W]}), the layout of PyTorch's {@code flatten(1)} and ONNX's
 * {@code Flatten(axis=1)}. No parameters. The output is a view of the input (no copy) on
 * backends that share storage ({@link Backend#reshape}); the gradient is reshaped back the same way.
 */
public record FlattenConfig() implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "flatten";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    /** {@code [n, C, H, W] -> [n, C·H·W]}. */
    @Override
    public Var forward(LayerScope s, Var x) {
        int sample = 1;
        for (int i = 1; i < x.rank(); i++) {
            sample *= x.dim(i);
        }
        return F.reshape(x, Shape.matrix(x.dim(0), sample));
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of();
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static FlattenConfig read(LayerJson j) {
        return new FlattenConfig();
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new FlattenConfig(), 2, 3, 3));
    }

    /** ONNX: {@code Flatten(axis=1)}. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        sink.node(name + ".flatten", "Flatten").attribute("axis", 1L);
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
