package dev.nn4j.nn;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link MaxPool2DConfig} and {@link AvgPool2DConfig} share: a {@code kernelH x kernelW}
 * window with strides and {@link Padding}, its shape inference ({@code [C, H, W] -> [C, Ho, Wo]},
 * Ho as for {@link Conv2DConfig}), its layer ({@code PoolLayer}) and its model-file fields. The
 * two records differ only in their type name and {@link #max()}.
 */
public sealed interface Pool2DConfig extends LayerConfig permits MaxPool2DConfig, AvgPool2DConfig {
    /** Window height. */
    int kernelH();

    /** Window width. */
    int kernelW();

    /** Vertical stride. */
    int strideH();

    /** Horizontal stride. */
    int strideW();

    /** The padding (each side smaller than the window). */
    Padding padding();

    /** True for the maximum of each window, false for the mean. */
    boolean max();

    @Override
    default Shape outputShape(Shape input) {
        return PoolLayer.shape(input, kernelH(), kernelW(), strideH(), strideW(), padding());
    }

    /** No parameters. */
    @Override
    default long storedValues(Shape input) {
        return 0;
    }

    @Override
    default Layer create(String name, Shape input, Backend backend, DType dtype) {
        return new PoolLayer(name, this, input, backend, dtype);
    }

    @Override
    default Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", List.of(kernelH(), kernelW()));
        m.put("stride", List.of(strideH(), strideW()));
        m.put("padding", padding().toJson());
        return m;
    }

    /** ONNX: {@code MaxPool}, or {@code AveragePool} with {@code count_include_pad=0}, with the window's attributes. */
    @Override
    default void toOnnx(OnnxSink sink, String name, Layer layer) {
        OnnxSink.Node node = max() ? sink.node(name + ".maxpool", "MaxPool")
                : sink.node(name + ".avgpool", "AveragePool").attribute("count_include_pad", 0L);
        OnnxForms.window(node, padding(), layer.inputShape().dims(), kernelH(), kernelW(), strideH(), strideW());
    }

    /** E.g. {@code maxpool2d 2x2 stride 2x2 valid}; the records' {@code toString}. */
    default String describe() {
        return type() + " " + kernelH() + "x" + kernelW() + " stride " + strideH() + "x" + strideW() + " " + padding();
    }
}
