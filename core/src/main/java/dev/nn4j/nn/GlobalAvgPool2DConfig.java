package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Map;

/**
 * Global average pooling: the mean of each channel over the whole image,
 * {@code [C, H, W] -> [C]} per sample (flat, as Keras' {@code GlobalAveragePooling2D}; ONNX's
 * {@code GlobalAveragePool} keeps {@code [C, 1, 1]}). No parameters.
 */
public record GlobalAvgPool2DConfig() implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "globalavgpool2d";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.requireImage(input);
        return Shape.of(input.dim(0));
    }

    /** No parameters. */
    @Override
    public long storedValues(Shape input) {
        return 0;
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        outputShape(input);
        return new ShapeOnlyLayer(name, this, input) {

            private ConvGeometry geometry(Tensor x) {
                return Images.geometry(x.shape().dim(0), inputShape, inputShape.dim(1), inputShape.dim(2), 1, 1,
                        Padding.valid());
            }

            @Override
            public Var forward(Scope scope, Var x) {
                ConvGeometry g = Images.geometry(x.dim(0), inputShape, inputShape.dim(1), inputShape.dim(2), 1, 1,
                        Padding.valid());
                return F.reshape(F.avgPool2d(x, g), Shape.matrix(x.dim(0), inputShape.dim(0)));
            }

        };
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of();
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static GlobalAvgPool2DConfig read(LayerJson j) {
        return new GlobalAvgPool2DConfig();
    }

    /** ONNX: {@code GlobalAveragePool}, then {@code Flatten(axis=1)} to {@code [batch, C]}. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        sink.node(name + ".globalavgpool", "GlobalAveragePool");
        sink.node(name + ".flatten", "Flatten").attribute("axis", 1L);
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
