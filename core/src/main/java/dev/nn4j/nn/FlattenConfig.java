package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
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

    /** No parameters. */
    @Override
    public long storedValues(Shape input) {
        return 0;
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        return new ShapeOnlyLayer(name, this, input) {

            @Override
            public Var forward(Scope scope, Var x) {
                return F.reshape(x, Shape.matrix(x.dim(0), outputShape.size()));
            }

        };
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of();
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static FlattenConfig read(LayerJson j) {
        return new FlattenConfig();
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
