package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Shape;
import java.util.List;
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

    /** An average pool whose window is the whole image, reshaped to {@code [n, C]}. */
    @Override
    public Var forward(LayerScope s, Var x) {
        Shape in = Shape.of(x.dim(1), x.dim(2), x.dim(3));
        ConvGeometry g = Images.geometry(x.dim(0), in, in.dim(1), in.dim(2), 1, 1, Padding.valid());
        return F.reshape(F.avgPool2d(x, g), Shape.matrix(x.dim(0), in.dim(0)));
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of();
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static GlobalAvgPool2DConfig read(LayerJson j) {
        return new GlobalAvgPool2DConfig();
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new GlobalAvgPool2DConfig(), 3, 4, 4));
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
