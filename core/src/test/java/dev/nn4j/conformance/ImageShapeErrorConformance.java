package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link ImageOps} and {@link Ops#reshape} reject bad operands before a kernel runs, with an
 * {@link OpException} that names the operation, the operands with their shapes and dtypes, and
 * the rule; {@link ConvGeometry} rejects an impossible window with an
 * {@link IllegalArgumentException}.
 */
public abstract class ImageShapeErrorConformance extends ConformanceSupport {

    private Tensor zeros(int... dims) {
        return backend().zeros(DType.FLOAT32, dims);
    }

    /** Asserts an OpException whose message contains every fragment. */
    private static void expectError(Executable call, String... fragments) {
        expect(OpException.class, call, fragments);
    }

    private static void expect(Class<? extends IllegalArgumentException> type, Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f),
                    "message should contain '" + f + "' but was: " + e.getMessage());
        }
    }

    /** 3x3 window, stride 1, padding 1 over {@code [2x3x5x4]}: output {@code [2xFx5x4]}. */
    private static ConvGeometry geometry() {
        return ConvGeometry.of(Shape.of(2, 3, 5, 4), 3, 3, 1, 1, new int[] {1, 1, 1, 1});
    }

    @Test
    void convNamesTheWrongShape() {
        ConvGeometry g = geometry();
        Tensor x = zeros(2, 3, 5, 4);
        Tensor w = zeros(8, 3, 3, 3);
        Tensor z = zeros(2, 8, 5, 4);
        expectError(() -> ImageOps.conv2d(x, zeros(8, 2, 3, 3), null, g, Activation.RELU, z, z),
                "conv2d", "w is [8x2x3x3]", "[2x3x5x4]", "[filters x 3x3x3]");
        expectError(() -> ImageOps.conv2d(zeros(2, 3, 4, 5), w, null, g, Activation.RELU, z, z),
                "conv2d: x is [2x3x4x5] FLOAT32; expected [2x3x5x4]");
        expectError(() -> ImageOps.conv2d(x, w, null, g, Activation.RELU, zeros(2, 8, 3, 2), z),
                "conv2d", "z is [2x8x3x2]", "expected [2x8x5x4]");
        expectError(() -> ImageOps.conv2d(x, w, null, g, Activation.RELU, z, zeros(2, 4, 5, 4)),
                "conv2d", "y is [2x4x5x4]", "expected [2x8x5x4]");
        expectError(() -> ImageOps.conv2d(x, w, zeros(4), g, Activation.RELU, z, z),
                "conv2d", "bias is [4]", "expected [8]");
        expectError(() -> ImageOps.conv2d(x, w, null, g, Activation.SOFTMAX, z, z), "conv2d", "softmax");
        expectError(() -> ImageOps.conv2d(x, backend().zeros(DType.FLOAT64, 8, 3, 3, 3), null, g, Activation.RELU, z, z),
                "conv2d", "FLOAT64", "FLOAT32");
    }

    @Test
    void convBackwardNamesTheWrongShape() {
        ConvGeometry g = geometry();
        Tensor x = zeros(2, 3, 5, 4);
        Tensor w = zeros(8, 3, 3, 3);
        Tensor dz = zeros(2, 8, 5, 4);
        expectError(() -> ImageOps.conv2dBackward(x, w, zeros(2, 8, 4, 4), g, zeros(8, 3, 3, 3), null, null),
                "conv2d backward", "dz is [2x8x4x4]", "expected [2x8x5x4]");
        expectError(() -> ImageOps.conv2dBackward(x, w, dz, g, zeros(8, 3, 1, 1), null, null),
                "conv2d backward", "dw is [8x3x1x1]", "expected [8x3x3x3]");
        expectError(() -> ImageOps.conv2dBackward(x, w, dz, g, zeros(8, 3, 3, 3), zeros(3), null),
                "conv2d backward", "bias is [3]", "expected [8]");
        expectError(() -> ImageOps.conv2dBackward(x, w, dz, g, zeros(8, 3, 3, 3), null, zeros(2, 3, 4, 5)),
                "conv2d backward", "dx is [2x3x4x5]", "expected [2x3x5x4]");
        expectError(() -> ImageOps.conv2dBackward(x, w, dz, g, w, null, null), "conv2d backward", "dw");
    }

    @Test
    void poolingNamesTheWrongShape() {
        Tensor x = zeros(2, 3, 6, 6);
        ConvGeometry g = ConvGeometry.of(x.shape(), 2, 2, 2, 2, new int[] {0, 0, 0, 0});
        expectError(() -> ImageOps.maxPool2d(x, g, zeros(2, 3, 6, 6)), "maxPool2d", "y is [2x3x6x6]",
                "expected [2x3x3x3]");
        expectError(() -> ImageOps.maxPool2d(zeros(2, 3, 6, 5), g, zeros(2, 3, 3, 3)), "maxPool2d",
                "x is [2x3x6x5]", "expected [2x3x6x6]");
        expectError(() -> ImageOps.maxPool2dBackward(x, zeros(2, 3, 3, 3), g, zeros(2, 3, 3, 3)),
                "maxPool2d backward", "dx is [2x3x3x3]", "expected [2x3x6x6]");
        expectError(() -> ImageOps.avgPool2d(x, g, zeros(2, 3, 3, 2)), "avgPool2d", "y is [2x3x3x2]");
        expectError(() -> ImageOps.avgPool2dBackward(zeros(2, 3, 3, 3), g, zeros(1, 3, 6, 6)),
                "avgPool2d backward", "dx is [1x3x6x6]", "expected [2x3x6x6]");
        ConvGeometry padded = ConvGeometry.of(x.shape(), 2, 2, 1, 1, new int[] {2, 0, 0, 0});
        expectError(() -> ImageOps.maxPool2d(x, padded, zeros(padded.outputShape(3).dims())), "maxPool2d",
                "padding 2,0,0,0", "smaller than the window");
    }

    @Test
    void geometryNamesAWindowLargerThanTheInput() {
        expect(IllegalArgumentException.class, () -> ConvGeometry.of(Shape.of(1, 1, 4, 4), 5, 5, 1, 1,
                new int[] {0, 0, 0, 0}), "kernel 5x5", "padded input 4x4");
        expect(IllegalArgumentException.class, () -> ConvGeometry.of(Shape.of(1, 1, 4, 4), 2, 2, 0, 1,
                new int[] {0, 0, 0, 0}), "stride 0x1");
        expect(IllegalArgumentException.class, () -> ConvGeometry.of(Shape.of(16, 4), 2, 2, 1, 1,
                new int[] {0, 0, 0, 0}), "[16x4]", "NCHW");
    }

    @Test
    void batchNormNamesTheWrongShapeOrValue() {
        Tensor x = zeros(4, 3, 2, 2);
        Tensor c3 = zeros(3);
        expectError(() -> ImageOps.channelMeanVariance(x, 2, zeros(2), zeros(2)), "channelMeanVariance",
                "x is [4x3x2x2]", "2 channels");
        expectError(() -> ImageOps.channelMeanVariance(x, 3, zeros(3), zeros(4)), "channelMeanVariance",
                "variance is [4]", "[3]");
        expectError(() -> ImageOps.batchNorm(x, 3, c3, c3, 0, c3, c3, zeros(4, 3, 2, 2)), "batchNorm", "eps", "0.0");
        expectError(() -> ImageOps.batchNorm(x, 3, c3, c3, 1e-5, zeros(1, 3), c3, zeros(4, 3, 2, 2)),
                "batchNorm", "gamma is [1x3]", "[3]");
        expectError(() -> ImageOps.batchNorm(x, 3, c3, c3, 1e-5, c3, c3, zeros(4, 3, 4)), "batchNorm",
                "y is [4x3x4]", "expected [4x3x2x2]");
        expectError(() -> ImageOps.batchNormBackward(x, zeros(4, 3, 2, 2), 3, c3, c3, 1e-5, c3, zeros(4, 12), c3, c3),
                "batchNorm backward", "dx is [4x12]", "expected [4x3x2x2]");
        expectError(() -> ImageOps.batchNormBackward(x, zeros(4, 3, 2, 2), 3, c3, c3, 1e-5, c3, x, zeros(2), c3),
                "batchNorm backward", "dgamma is [2]");
    }

    @Test
    void reshapeNamesBothSizes() {
        expectError(() -> Ops.reshape(zeros(2, 3), Shape.of(4)), "reshape", "t is [2x3] FLOAT32", "6 elements",
                "[4] has 4");
    }
}
