package dev.nn4j.tensor;


/**
 * Where a 2-D window (a convolution kernel or a pooling window) goes over a batch of NCHW
 * images: the input {@code [batch, channels, height, width]}, the window {@code kernelH x
 * kernelW}, the strides, the zero padding on each side and the resulting output size. The
 * kernels of the convolution and pooling layers take one; layers build it with
 * {@link #of} from the input shape and their hyper-parameters.
 *
 * <p>Output size per spatial dimension: {@code out = floor((in + padBefore + padAfter - kernel) / stride) + 1}.
 * Output position {@code (oy, ox)} reads input rows {@code oy·strideH - padTop + ky} for
 * {@code ky < kernelH} (columns likewise); positions outside the input are padding (zero for
 * convolution, skipped by pooling). Immutable and thread-safe.
 */
public record ConvGeometry(int batch, int channels, int height, int width,
                           int kernelH, int kernelW, int strideH, int strideW,
                           int padTop, int padLeft, int padBottom, int padRight,
                           int outHeight, int outWidth) {

    /** Validates the fields; use {@link #of} to derive the output size. */
    public ConvGeometry {
        if (batch < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("window geometry: input must be at least [1x1x1x1], got ["
                    + batch + "x" + channels + "x" + height + "x" + width + "]");
        }
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("window geometry: kernel " + kernelH + "x" + kernelW + " and stride "
                    + strideH + "x" + strideW + " must be >= 1");
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("window geometry: padding must be >= 0, got top " + padTop + " left "
                    + padLeft + " bottom " + padBottom + " right " + padRight);
        }
        if (outHeight != outSize(height, kernelH, strideH, padTop, padBottom)
                || outWidth != outSize(width, kernelW, strideW, padLeft, padRight)) {
            throw new IllegalArgumentException("window geometry: output " + outHeight + "x" + outWidth
                    + " does not follow from the input, kernel, stride and padding");
        }
    }

    /**
     * The geometry of a {@code kernelH x kernelW} window with the given strides and padding
     * ({@code pad = {top, left, bottom, right}}) over {@code input [batch, channels, height, width]}.
     *
     * @throws IllegalArgumentException when the window is larger than the padded input, naming both
     */
    public static ConvGeometry of(Shape input, int kernelH, int kernelW, int strideH, int strideW, int[] pad) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("window geometry: input is " + input + "; NCHW images [batch x channels x height x width] are required");
        }
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("window geometry: kernel " + kernelH + "x" + kernelW + " and stride "
                    + strideH + "x" + strideW + " must be >= 1");
        }
        int h = input.dim(2);
        int w = input.dim(3);
        if (h + pad[0] + pad[2] < kernelH || w + pad[1] + pad[3] < kernelW) {
            throw new IllegalArgumentException("window geometry: kernel " + kernelH + "x" + kernelW
                    + " is larger than the padded input " + (h + pad[0] + pad[2]) + "x" + (w + pad[1] + pad[3])
                    + " (input " + h + "x" + w + ")");
        }
        return new ConvGeometry(input.dim(0), input.dim(1), h, w, kernelH, kernelW, strideH, strideW,
                pad[0], pad[1], pad[2], pad[3],
                outSize(h, kernelH, strideH, pad[0], pad[2]), outSize(w, kernelW, strideW, pad[1], pad[3]));
    }

    /** {@code floor((in + before + after - kernel) / stride) + 1}; 0 or less when the window does not fit. */
    public static int outSize(int in, int kernel, int stride, int before, int after) {
        int span = in + before + after - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    /** The input shape {@code [batch, channels, height, width]}. */
    public Shape inputShape() {
        return Shape.of(batch, channels, height, width);
    }

    /** The output shape with {@code outChannels} channels: {@code [batch, outChannels, outHeight, outWidth]}. */
    public Shape outputShape(int outChannels) {
        return Shape.of(batch, outChannels, outHeight, outWidth);
    }

    /** True when {@code shape} equals {@link #inputShape()}; allocates nothing. */
    public boolean isInput(Shape shape) {
        return is(shape, batch, channels, height, width);
    }

    /** True when {@code shape} equals {@link #outputShape(int) outputShape(outChannels)}; allocates nothing. */
    public boolean isOutput(Shape shape, int outChannels) {
        return is(shape, batch, outChannels, outHeight, outWidth);
    }

    private static boolean is(Shape shape, int n, int c, int h, int w) {
        return shape.rank() == 4 && shape.dim(0) == n && shape.dim(1) == c && shape.dim(2) == h && shape.dim(3) == w;
    }

    /** Values per input image: {@code channels·height·width}. */
    public int inputPlane() {
        return channels * height * width;
    }

    /** Output positions per channel and image: {@code outHeight·outWidth}. */
    public int outPixels() {
        return outHeight * outWidth;
    }

    /** Rows of the im2col matrix: {@code channels·kernelH·kernelW}, the fan-in of one output value. */
    public int patchSize() {
        return channels * kernelH * kernelW;
    }

    /** True when every side's padding is zero. */
    public boolean unpadded() {
        return padTop == 0 && padLeft == 0 && padBottom == 0 && padRight == 0;
    }

    /** E.g. {@code 3x3 window, stride 1x1, padding 1,1,1,1 over [64x32x14x14] -> 14x14}. */
    @Override
    public String toString() {
        return kernelH + "x" + kernelW + " window, stride " + strideH + "x" + strideW + ", padding " + padTop + ","
                + padLeft + "," + padBottom + "," + padRight + " over [" + batch + "x" + channels + "x" + height + "x"
                + width + "] -> " + outHeight + "x" + outWidth;
    }
}
