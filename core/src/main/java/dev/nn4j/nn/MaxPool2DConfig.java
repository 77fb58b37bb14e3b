package dev.nn4j.nn;

import java.util.List;

/**
 * Max pooling: each output is the largest value of its window; padded positions never win. On ties the backward pass routes the gradient to the first maximum in row-major window order.
 *
 * <p>Window, strides, padding, shapes and model-file fields as {@link Pool2DConfig}. No
 * parameters; cost one pass over the input forward and one backward.
 */
public record MaxPool2DConfig(int kernelH, int kernelW, int strideH, int strideW, Padding padding)
        implements Pool2DConfig {
    /** The type name in model files. */
    public static final String TYPE = "maxpool2d";

    /** Validates the window and stride, naming the value. */
    public MaxPool2DConfig {
        Images.validatePool(TYPE, kernelH, kernelW, strideH, strideW, padding);
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
    public boolean max() {
        return true;
    }

    /** Reads {@link #toJson()}'s form. */
    public static MaxPool2DConfig read(LayerJson j) {
        int[] k = Images.pair(j, "kernel");
        int[] s = Images.pair(j, "stride");
        return new MaxPool2DConfig(k[0], k[1], s[0], s[1], j.padding("padding"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(MaxPool2DConfig.of(2), 2, 4, 4),
                LayerExample.of(new MaxPool2DConfig(3, 3, 2, 2, Padding.same()), 1, 5, 5));
    }

    @Override
    public String toString() {
        return describe();
    }
}
