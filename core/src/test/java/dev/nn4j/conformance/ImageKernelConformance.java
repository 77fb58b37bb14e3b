package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The image kernels ({@link ImageOps}: convolution, max and average pooling, batch
 * normalisation) and {@link Ops#reshape} on small cases worked out by hand; each expected value
 * is derived in a comment next to it. Every value here is exact in FLOAT32, so both dtypes are
 * held to 1e-6 (1e-12 for FLOAT64).
 */
public abstract class ImageKernelConformance extends ConformanceSupport {

    private static double tol(DType dt) {
        return dt == DType.FLOAT64 ? 1e-12 : 1e-6;
    }

    /** The NCHW tensor {@code [n, c, h, w]} holding {@code values}. */
    private Tensor images(DType dt, double[] values, int n, int c, int h, int w) {
        return tensor(dt, values, n, c, h, w);
    }

    private static ConvGeometry window(Tensor x, int kh, int kw, int sh, int sw, int top, int left, int bottom, int right) {
        return ConvGeometry.of(x.shape(), kh, kw, sh, sw, new int[] {top, left, bottom, right});
    }

    /** x = 1..9 as a 3x3 image: rows [1 2 3], [4 5 6], [7 8 9]. */
    private Tensor oneToNine(DType dt) {
        return images(dt, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    }

    /** w = [[1 2], [3 4]], one filter over one channel. */
    private Tensor kernel2x2(DType dt) {
        return tensor(dt, new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convValidWithBias(DType dt) {
        Tensor x = oneToNine(dt);
        ConvGeometry g = window(x, 2, 2, 1, 1, 0, 0, 0, 0);
        Tensor z = backend().zeros(dt, 1, 1, 2, 2);
        ImageOps.conv2d(x, kernel2x2(dt), tensor(dt, new double[] {0.5}, 1), g, Activation.IDENTITY, z, z);
        // (0,0): 1·1 + 2·2 + 3·4 + 4·5 = 37; (0,1): 1·2 + 2·3 + 3·5 + 4·6 = 47;
        // (1,0): 1·4 + 2·5 + 3·7 + 4·8 = 67; (1,1): 1·5 + 2·6 + 3·8 + 4·9 = 77; each + bias 0.5
        assertClose(new double[] {37.5, 47.5, 67.5, 77.5}, z, tol(dt), "conv2d 2x2 valid");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convFusesTheActivationIntoYAndKeepsZ(DType dt) {
        Tensor x = oneToNine(dt);
        ConvGeometry g = window(x, 2, 2, 1, 1, 0, 0, 0, 0);
        Tensor bias = tensor(dt, new double[] {-50}, 1);
        Tensor z = backend().zeros(dt, 1, 1, 2, 2);
        Tensor y = backend().zeros(dt, 1, 1, 2, 2);
        ImageOps.conv2d(x, kernel2x2(dt), bias, g, Activation.RELU, z, y);
        // z = [37 47 67 77] - 50 = [-13 -3 17 27]; y = relu(z)
        assertClose(new double[] {-13, -3, 17, 27}, z, tol(dt), "conv2d z before the activation");
        assertClose(new double[] {0, 0, 17, 27}, y, tol(dt), "conv2d y = relu(z)");
        // y aliasing z: the activation is applied in place
        ImageOps.conv2d(x, kernel2x2(dt), bias, g, Activation.leakyRelu(0.5), z, z);
        assertClose(new double[] {-6.5, -1.5, 17, 27}, z, tol(dt), "conv2d leaky relu(0.5) with y == z");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convSameWithAnEvenKernelPadsBottomAndRight(DType dt) {
        Tensor x = oneToNine(dt);
        // SAME, stride 1: out = 3, total padding 3 - 1 + 2 - 3 = 1, all of it after (bottom, right)
        ConvGeometry g = window(x, 2, 2, 1, 1, 0, 0, 1, 1);
        assertEquals(3, g.outHeight());
        Tensor z = backend().zeros(dt, 1, 1, 3, 3);
        ImageOps.conv2d(x, kernel2x2(dt), null, g, Activation.IDENTITY, z, z);
        // the 2x2 block as in convValidWithBias without bias; the last column sees only w[.,0]:
        // (0,2): 1·3 + 3·6 = 21, (1,2): 1·6 + 3·9 = 33; the last row only w[0,.]: (2,0): 1·7 + 2·8 = 23,
        // (2,1): 1·8 + 2·9 = 26; the corner only w[0,0]: 9
        assertClose(new double[] {37, 47, 21, 67, 77, 33, 23, 26, 9}, z, tol(dt), "conv2d SAME 2x2 stride 1");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convSameWithStrideTwo(DType dt) {
        Tensor x = oneToNine(dt);
        // SAME, stride 2 on 3: out = ceil(3/2) = 2, total padding (2-1)·2 + 2 - 3 = 1, after
        ConvGeometry g = window(x, 2, 2, 2, 2, 0, 0, 1, 1);
        Tensor z = backend().zeros(dt, 1, 1, 2, 2);
        ImageOps.conv2d(x, kernel2x2(dt), null, g, Activation.IDENTITY, z, z);
        // outputs (0,0), (0,2), (2,0), (2,2) of the stride-1 SAME result above
        assertClose(new double[] {37, 21, 23, 9}, z, tol(dt), "conv2d SAME 2x2 stride 2");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convOneByOneMixesChannels(DType dt) {
        // two channels [1 2; 3 4] and [10 20; 30 40]; filters f0 = (1, 0.5), f1 = (2, -0.1), bias (0, 1)
        Tensor x = images(dt, new double[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2);
        Tensor w = tensor(dt, new double[] {1, 0.5, 2, -0.1}, 2, 2, 1, 1);
        ConvGeometry g = window(x, 1, 1, 1, 1, 0, 0, 0, 0);
        Tensor z = backend().zeros(dt, 1, 2, 2, 2);
        ImageOps.conv2d(x, w, tensor(dt, new double[] {0, 1}, 2), g, Activation.IDENTITY, z, z);
        // f0: 1 + 5 = 6, 2 + 10 = 12, 18, 24; f1: 2 - 1 + 1 = 2, 4 - 2 + 1 = 3, 4, 5
        assertClose(new double[] {6, 12, 18, 24, 2, 3, 4, 5}, z, dt == DType.FLOAT64 ? 1e-12 : 1e-5,
                "conv2d 1x1, two channels, two filters");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convBackwardByHand(DType dt) {
        Tensor x = oneToNine(dt);
        Tensor w = kernel2x2(dt);
        ConvGeometry g = window(x, 2, 2, 1, 1, 0, 0, 0, 0);
        Tensor dz = tensor(dt, new double[] {1, 0, 0, 2}, 1, 1, 2, 2);
        Tensor dw = backend().zeros(dt, 1, 1, 2, 2);
        Tensor db = backend().zeros(dt, 1);
        Tensor dx = backend().zeros(dt, 1, 1, 3, 3);
        dw.setAll(new double[] {9, 9, 9, 9});        // overwritten, not accumulated
        dx.setAll(new double[] {9, 9, 9, 9, 9, 9, 9, 9, 9});
        ImageOps.conv2dBackward(x, w, dz, g, dw, db, dx);
        // dw = 1·patch(0,0) + 2·patch(1,1) = [1 2; 4 5] + 2·[5 6; 8 9] = [11 14; 20 23]
        assertClose(new double[] {11, 14, 20, 23}, dw, tol(dt), "conv2d backward dw");
        // db = 1 + 2
        assertClose(new double[] {3}, db, tol(dt), "conv2d backward db");
        // dx = w placed at (0,0) plus 2·w placed at (1,1): [1 2 0; 3 4+2 4; 0 6 8]
        assertClose(new double[] {1, 2, 0, 3, 6, 4, 0, 6, 8}, dx, tol(dt), "conv2d backward dx");
        // without bias and without dx: dw alone
        dw.setAll(new double[] {9, 9, 9, 9});
        ImageOps.conv2dBackward(x, w, dz, g, dw, null, null);
        assertClose(new double[] {11, 14, 20, 23}, dw, tol(dt), "conv2d backward dw without db and dx");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void maxPoolTiesGoToTheFirstInRowMajorWindowOrder(DType dt) {
        Tensor x = images(dt, new double[] {
            1, 3, 2, 2,
            3, 0, 1, 0,
            5, 6, 7, 7,
            6, 4, 7, 7}, 1, 1, 4, 4);
        ConvGeometry g = window(x, 2, 2, 2, 2, 0, 0, 0, 0);
        Tensor y = backend().zeros(dt, 1, 1, 2, 2);
        ImageOps.maxPool2d(x, g, y);
        // windows {1 3 3 0} -> 3, {2 2 1 0} -> 2, {5 6 6 4} -> 6, {7 7 7 7} -> 7
        assertClose(new double[] {3, 2, 6, 7}, y, tol(dt), "maxPool2d 2x2 stride 2");
        Tensor dx = backend().zeros(dt, 1, 1, 4, 4);
        ImageOps.maxPool2dBackward(x, tensor(dt, new double[] {1, 2, 3, 4}, 1, 1, 2, 2), g, dx);
        // first maxima: 3 at (0,1) (not (1,0)), 2 at (0,2) (not (0,3)), 6 at (2,1) (not (3,0)), 7 at (2,2)
        assertClose(new double[] {
            0, 1, 2, 0,
            0, 0, 0, 0,
            0, 3, 4, 0,
            0, 0, 0, 0}, dx, tol(dt), "maxPool2d backward, ties");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void maxPoolPaddingNeverWins(DType dt) {
        // x = -1 .. -9; SAME 2x2 stride 2 pads one row and column after, where a zero would win
        Tensor x = images(dt, new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}, 1, 1, 3, 3);
        ConvGeometry g = window(x, 2, 2, 2, 2, 0, 0, 1, 1);
        Tensor y = backend().zeros(dt, 1, 1, 2, 2);
        ImageOps.maxPool2d(x, g, y);
        // {-1 -2 -4 -5} -> -1, {-3 -6} -> -3, {-7 -8} -> -7, {-9} -> -9
        assertClose(new double[] {-1, -3, -7, -9}, y, tol(dt), "maxPool2d with padding");
        Tensor dx = backend().zeros(dt, 1, 1, 3, 3);
        ImageOps.maxPool2dBackward(x, tensor(dt, new double[] {1, 2, 3, 4}, 1, 1, 2, 2), g, dx);
        assertClose(new double[] {1, 0, 2, 0, 0, 0, 3, 0, 4}, dx, tol(dt), "maxPool2d backward with padding");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void maxPoolBackwardSumsOverlappingWindows(DType dt) {
        // 3x4 image, 3x3 windows, stride 1: two windows (columns 0-2 and 1-3), both with max 9 at (1,1)
        Tensor x = images(dt, new double[] {1, 2, 3, 4, 5, 9, 6, 7, 8, 0, 1, 2}, 1, 1, 3, 4);
        ConvGeometry g = window(x, 3, 3, 1, 1, 0, 0, 0, 0);
        Tensor y = backend().zeros(dt, 1, 1, 1, 2);
        ImageOps.maxPool2d(x, g, y);
        assertClose(new double[] {9, 9}, y, tol(dt), "maxPool2d overlapping");
        Tensor dx = backend().zeros(dt, 1, 1, 3, 4);
        ImageOps.maxPool2dBackward(x, tensor(dt, new double[] {1, 2}, 1, 1, 1, 2), g, dx);
        // dy 1 + 2 both routed to (1,1)
        assertClose(new double[] {0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0}, dx, tol(dt), "maxPool2d backward overlapping");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void avgPoolDoesNotCountPadding(DType dt) {
        Tensor x = oneToNine(dt);
        ConvGeometry g = window(x, 2, 2, 2, 2, 0, 0, 1, 1);
        Tensor y = backend().zeros(dt, 1, 1, 2, 2);
        ImageOps.avgPool2d(x, g, y);
        // (1+2+4+5)/4 = 3, (3+6)/2 = 4.5, (7+8)/2 = 7.5, 9/1 = 9
        assertClose(new double[] {3, 4.5, 7.5, 9}, y, tol(dt), "avgPool2d with padding after");
        Tensor dx = backend().zeros(dt, 1, 1, 3, 3);
        dx.setAll(new double[] {9, 9, 9, 9, 9, 9, 9, 9, 9});
        ImageOps.avgPool2dBackward(tensor(dt, new double[] {4, 6, 8, 3}, 1, 1, 2, 2), g, dx);
        // shares: 4/4 = 1 to the 2x2 block, 6/2 = 3 to (0,2) and (1,2), 8/2 = 4 to (2,0) and (2,1), 3/1 to (2,2)
        assertClose(new double[] {1, 1, 3, 1, 1, 3, 4, 4, 3}, dx, tol(dt), "avgPool2d backward with padding");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void avgPoolWithPaddingOnEverySide(DType dt) {
        // [1 2; 3 4], 2x2 windows, stride 1, padding 1 all round: 3x3 outputs
        Tensor x = images(dt, new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        ConvGeometry g = window(x, 2, 2, 1, 1, 1, 1, 1, 1);
        Tensor y = backend().zeros(dt, 1, 1, 3, 3);
        ImageOps.avgPool2d(x, g, y);
        // corners see one value, edges two ((1+2)/2, (1+3)/2, (2+4)/2, (3+4)/2), the centre all four (2.5)
        assertClose(new double[] {1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4}, y, tol(dt), "avgPool2d padding 1");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void channelStatisticsOfFeaturesAndImages(DType dt) {
        // [4 x 2] features: columns (1 2 3 4) and (10 20 30 40)
        Tensor f = tensor(dt, new double[] {1, 10, 2, 20, 3, 30, 4, 40}, 4, 2);
        Tensor mean = backend().zeros(dt, 2);
        Tensor var = backend().zeros(dt, 2);
        ImageOps.channelMeanVariance(f, 2, mean, var);
        // means 2.5 and 25; biased variances (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25 and 100 times that
        assertClose(new double[] {2.5, 25}, mean, tol(dt), "channelMeanVariance [N,F] mean");
        assertClose(new double[] {1.25, 125}, var, tol(dt), "channelMeanVariance [N,F] variance");
        // [2 x 2 x 1 x 2] images: channel 0 holds (1 3) and (5 7), channel 1 (0 0) and (2 -2)
        Tensor x = images(dt, new double[] {1, 3, 0, 0, 5, 7, 2, -2}, 2, 2, 1, 2);
        ImageOps.channelMeanVariance(x, 2, mean, var);
        // channel 0: mean 4, variance (9 + 1 + 1 + 9)/4 = 5; channel 1: mean 0, variance (0 + 0 + 4 + 4)/4 = 2
        assertClose(new double[] {4, 0}, mean, tol(dt), "channelMeanVariance [N,C,H,W] mean");
        assertClose(new double[] {5, 2}, var, tol(dt), "channelMeanVariance [N,C,H,W] variance");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchNormNormalisesPerChannel(DType dt) {
        Tensor f = tensor(dt, new double[] {1, 10, 2, 20, 3, 30, 4, 40}, 4, 2);
        // variance + eps = 3.75 + 0.25 = 4 (sigma 2) and 99.75 + 0.25 = 100 (sigma 10)
        Tensor mean = tensor(dt, new double[] {2.5, 25}, 2);
        Tensor var = tensor(dt, new double[] {3.75, 99.75}, 2);
        Tensor gamma = tensor(dt, new double[] {2, -1}, 2);
        Tensor beta = tensor(dt, new double[] {1, 0.5}, 2);
        Tensor y = backend().zeros(dt, 4, 2);
        ImageOps.batchNorm(f, 2, mean, var, 0.25, gamma, beta, y);
        // channel 0: 2·(x - 2.5)/2 + 1 = x - 1.5; channel 1: -(x - 25)/10 + 0.5
        assertClose(new double[] {-0.5, 2, 0.5, 1, 1.5, 0, 2.5, -1}, y, tol(dt), "batchNorm [N,F]");
        // rank 4, in place: channel 0 of [2x2x1x2] above, (1 3 5 7) -> (-0.5 1.5 3.5 5.5)
        Tensor x = images(dt, new double[] {1, 3, 0, 0, 5, 7, 2, -2}, 2, 2, 1, 2);
        ImageOps.batchNorm(x, 2, mean, var, 0.25, gamma, beta, x);
        // channel 1: -(x - 25)/10 + 0.5 = 3 - x/10: (0 0 2 -2) -> (3 3 2.8 3.2)
        assertClose(new double[] {-0.5, 1.5, 3, 3, 3.5, 5.5, 2.8, 3.2}, x, dt == DType.FLOAT64 ? 1e-12 : 1e-6,
                "batchNorm [N,C,H,W] with y == x");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchNormBackwardByHand(DType dt) {
        // x = (1 2 3 4) as [4 x 1]: mean 2.5, variance 1.25, eps 0.3125 so sigma = 1.25 and x̂ = 0.8·(x - 2.5)
        // = (-1.2 -0.4 0.4 1.2); gamma 2, dy = (1 0 0 0), M = 4
        Tensor x = tensor(dt, new double[] {1, 2, 3, 4}, 4, 1);
        Tensor dy = tensor(dt, new double[] {1, 0, 0, 0}, 4, 1);
        Tensor mean = tensor(dt, new double[] {2.5}, 1);
        Tensor var = tensor(dt, new double[] {1.25}, 1);
        Tensor gamma = tensor(dt, new double[] {2}, 1);
        Tensor dgamma = backend().zeros(dt, 1);
        Tensor dbeta = backend().zeros(dt, 1);
        // dx aliasing dy
        ImageOps.batchNormBackward(x, dy, 1, mean, var, 0.3125, gamma, dy, dgamma, dbeta);
        // dbeta = Σ dy = 1; dgamma = Σ dy·x̂ = -1.2
        assertClose(new double[] {1}, dbeta, tol(dt), "batchNorm backward dbeta");
        assertClose(new double[] {-1.2}, dgamma, dt == DType.FLOAT64 ? 1e-12 : 1e-6, "batchNorm backward dgamma");
        // dx = 2·0.8·(dy - 1/4 - x̂·(-1.2)/4) = 1.6·(dy - 0.25 + 0.3·x̂): 1.6·0.39, 1.6·(-0.37), 1.6·(-0.13), 1.6·0.11
        assertClose(new double[] {0.624, -0.592, -0.208, 0.176}, dy, dt == DType.FLOAT64 ? 1e-12 : 1e-6,
                "batchNorm backward dx (dx == dy)");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reshapeKeepsRowMajorOrder(DType dt) {
        Tensor t = tensor(dt, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = Ops.reshape(t, Shape.of(3, 2));
        assertArrayEquals(new int[] {3, 2}, r.shape().dims());
        assertEquals(dt, r.dtype());
        assertEquals(backend(), r.backend());
        assertClose(new double[] {1, 2, 3, 4, 5, 6}, r, 0, "reshape [2x3] -> [3x2]");
        assertEquals(4.0, r.get(1, 1));                  // row 1 of [[1 2] [3 4] [5 6]]
        Tensor image = Ops.reshape(t, Shape.of(1, 2, 3, 1));
        assertEquals(6.0, image.get(0, 1, 2, 0));
        Tensor flat = Ops.reshape(image, Shape.of(6));
        assertClose(new double[] {1, 2, 3, 4, 5, 6}, flat, 0, "reshape [1x2x3x1] -> [6]");
        // a reshaped tensor feeds kernels like any other: [3x2]·[2x1]
        Tensor product = Ops.matmul(r, tensor(dt, new double[] {1, -1}, 2, 1));
        assertClose(new double[] {-1, -1, -1}, product, 0, "matmul of a reshaped tensor");
        // closing the reshaped tensor leaves the original usable
        flat.close();
        image.close();
        r.close();
        assertClose(new double[] {1, 2, 3, 4, 5, 6}, t, 0, "original after closing its reshapes");
        Ops.scale(t, 2, t);
        assertClose(new double[] {2, 4, 6, 8, 10, 12}, t, 0, "original still writable");
    }
}
