package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link MaxPool2DConfig} and {@link AvgPool2DConfig} share: a {@code kernelH x kernelW}
 * window with strides and {@link Padding}, its shape inference ({@code [C, H, W] -> [C, Ho, Wo]},
 * Ho as for {@link Conv2DConfig}), its forward pass and its model-file fields. The
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
        return Images.poolShape(input, kernelH(), kernelW(), strideH(), strideW(), padding());
    }

    /** The window slid over each channel ({@link F#maxPool2d} or {@link F#avgPool2d}); no parameters. */
    @Override
    default Var forward(LayerScope s, Var x) {
        ConvGeometry g = Images.geometry(x.dim(0), Shape.of(x.dim(1), x.dim(2), x.dim(3)), kernelH(), kernelW(),
                strideH(), strideW(), padding());
        return max() ? F.maxPool2d(x, g) : F.avgPool2d(x, g);
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
