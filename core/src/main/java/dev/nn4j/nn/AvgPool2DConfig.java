package dev.nn4j.nn;

import java.util.List;

/**
 * Average pooling: each output is the mean of its window. <b>Divisor with padding:</b> only the window positions inside the input are counted (padded zeros are not), as ONNX's default {@code count_include_pad=0} and Keras' {@code same}; PyTorch's {@code AvgPool2d} counts them unless {@code count_include_pad=False}.
 *
 * <p>Window, strides, padding, shapes and model-file fields as {@link Pool2DConfig}. No
 * parameters; cost one pass over the input forward and one backward.
 */
public record AvgPool2DConfig(int kernelH, int kernelW, int strideH, int strideW, Padding padding)
        implements Pool2DConfig {
    /** The type name in model files. */
    public static final String TYPE = "avgpool2d";

    /** Validates the window and stride, naming the value. */
    public AvgPool2DConfig {
        Images.validatePool(TYPE, kernelH, kernelW, strideH, strideW, padding);
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
    public boolean max() {
        return false;
    }

    /** Reads {@link #toJson()}'s form. */
    public static AvgPool2DConfig read(LayerJson j) {
        int[] k = Images.pair(j, "kernel");
        int[] s = Images.pair(j, "stride");
        return new AvgPool2DConfig(k[0], k[1], s[0], s[1], j.padding("padding"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new AvgPool2DConfig(2, 2, 2, 2, Padding.valid()), 2, 4, 4),
                LayerExample.of(new AvgPool2DConfig(3, 3, 2, 2, Padding.same()), 1, 5, 5));
    }

    @Override
    public String toString() {
        return describe();
    }
}
