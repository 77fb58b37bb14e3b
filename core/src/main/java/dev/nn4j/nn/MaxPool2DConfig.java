package dev.nn4j.nn;

import dev.nn4j.backend.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Max pooling: each output is the largest value of its window; padded positions never win. On ties the backward pass routes the gradient to the first maximum in row-major window order.
 *
 * <p>Window {@code kernelH x kernelW}, strides and {@link Padding} (each side smaller than the
 * window). Shapes per sample: {@code [C, H, W] -> [C, Ho, Wo]}, Ho as for {@link Conv2DConfig}.
 * No parameters; cost one pass over the input forward and one backward.
 */
public record MaxPool2DConfig(int kernelH, int kernelW, int strideH, int strideW, Padding padding)
        implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "maxpool2d";

    /** Validates the window and stride, naming the value. */
    public MaxPool2DConfig {
        PoolLayer.validate(TYPE, kernelH, kernelW, strideH, strideW, padding);
    }

    /** A {@code size x size} window with stride {@code size}, no padding (the usual halving for size 2). */
    public static MaxPool2DConfig of(int size) {
        return new MaxPool2DConfig(size, size, size, size, Padding.valid());
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
        return new PoolLayer(name, this, true, kernelH, kernelW, strideH, strideW, padding, input, backend, dtype);
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
    public static MaxPool2DConfig read(LayerJson j) {
        int[] k = Images.pair(j, "kernel");
        int[] s = Images.pair(j, "stride");
        return new MaxPool2DConfig(k[0], k[1], s[0], s[1], j.padding("padding"));
    }

    /** E.g. {@code maxpool2d 2x2 stride 2x2 valid}. */
    @Override
    public String toString() {
        return TYPE + " " + kernelH + "x" + kernelW + " stride " + strideH + "x" + strideW + " " + padding;
    }
}
