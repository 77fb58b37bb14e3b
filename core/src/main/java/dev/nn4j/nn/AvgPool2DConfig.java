package dev.nn4j.nn;

import dev.nn4j.backend.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Average pooling: each output is the mean of its window. <b>Divisor with padding:</b> only the window positions inside the input are counted (padded zeros are not), as ONNX's default {@code count_include_pad=0} and Keras' {@code same}; PyTorch's {@code AvgPool2d} counts them unless {@code count_include_pad=False}.
 *
 * <p>Window {@code kernelH x kernelW}, strides and {@link Padding} (each side smaller than the
 * window). Shapes per sample: {@code [C, H, W] -> [C, Ho, Wo]}, Ho as for {@link Conv2DConfig}.
 * No parameters; cost one pass over the input forward and one backward.
 */
public record AvgPool2DConfig(int kernelH, int kernelW, int strideH, int strideW, Padding padding)
        implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "avgpool2d";

    /** Validates the window and stride, naming the value. */
    public AvgPool2DConfig {
        PoolLayer.validate(TYPE, kernelH, kernelW, strideH, strideW, padding);
    }

    /** A {@code size x size} window with stride {@code size}, no padding (the usual halving for size 2). */
    public static AvgPool2DConfig of(int size) {
        return new AvgPool2DConfig(size, size, size, size, Padding.valid());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        return PoolLayer.shape(input, kernelH, kernelW, strideH, strideW, padding);
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        return new PoolLayer(name, this, false, kernelH, kernelW, strideH, strideW, padding, input, backend, dtype);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", List.of(kernelH, kernelW));
        m.put("stride", List.of(strideH, strideW));
        m.put("padding", padding.toJson());
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static AvgPool2DConfig read(LayerJson j) {
        int[] k = Images.pair(j, "kernel");
        int[] s = Images.pair(j, "stride");
        return new AvgPool2DConfig(k[0], k[1], s[0], s[1], j.padding("padding"));
    }

    /** E.g. {@code avgpool2d 2x2 stride 2x2 valid}. */
    @Override
    public String toString() {
        return TYPE + " " + kernelH + "x" + kernelW + " stride " + strideH + "x" + strideW + " " + padding;
    }
}
