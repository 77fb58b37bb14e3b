package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * The layer behind {@link MaxPool2DConfig} and {@link AvgPool2DConfig}: a window slid over each
 * channel of NCHW images, no parameters. Input {@code [C, H, W]} per sample, output
 * {@code [C, Ho, Wo]}. Max pooling's backward pass recomputes the maxima from the saved input.
 */
final class PoolLayer extends ShapeOnlyLayer {
    private static final int Y = 0;
    private static final int DX = 1;

    private final boolean max;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final Padding padding;
    private final Backend backend;
    private final DType dtype;
    private volatile ConvGeometry geometry;

    PoolLayer(String name, Pool2DConfig config, Shape inputShape, Backend backend, DType dtype) {
        super(name, config, inputShape);
        this.max = config.max();
        this.kh = config.kernelH();
        this.kw = config.kernelW();
        this.sh = config.strideH();
        this.sw = config.strideW();
        this.padding = config.padding();
        this.backend = backend;
        this.dtype = dtype;
        this.geometry = Images.geometry(1, inputShape, kh, kw, sh, sw, padding);
    }

    /** The output shape, refusing padding that is not smaller than the window. */
    static Shape shape(Shape input, int kh, int kw, int sh, int sw, Padding padding) {
        ConvGeometry g = Images.geometry(1, input, kh, kw, sh, sw, padding);
        if (g.padTop() >= kh || g.padBottom() >= kh || g.padLeft() >= kw || g.padRight() >= kw) {
            throw new IllegalArgumentException("padding " + padding + " must be smaller than the " + kh + "x" + kw
                    + " window on every side");
        }
        return Shape.of(input.dim(0), g.outHeight(), g.outWidth());
    }

    /** Validates the window and stride of a pooling config. */
    static void validate(String type, int kh, int kw, int sh, int sw, Padding padding) {
        java.util.Objects.requireNonNull(padding, type + ": padding");
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException(type + ": window must be at least 1x1, got " + kh + "x" + kw);
        }
        if (sh < 1 || sw < 1) {
            throw new IllegalArgumentException(type + ": stride must be >= 1, got " + sh + "x" + sw);
        }
    }

    private ConvGeometry geometry(int n) {
        ConvGeometry g = geometry;
        if (g.batch() != n) {
            g = Images.geometry(n, inputShape, kh, kw, sh, sw, padding);
            geometry = g;
        }
        return g;
    }

    @Override
    public LayerState newState() {
        return new LayerState(x -> new Tensor[] {
            backend.create(dtype, Images.batch(x.shape().dim(0), outputShape)), backend.create(dtype, x.shape())});
    }

    @Override
    public Var forward(Scope scope, Var x) {
        ConvGeometry g = geometry(x.dim(0));
        return max ? F.maxPool2d(x, g) : F.avgPool2d(x, g);
    }

    @Override
    public Tensor forward(Tensor input, LayerState state, Mode mode) {
        Images.checkInput(this, input, inputShape, null);
        Tensor[] b = state.bind(input);
        ConvGeometry g = geometry(input.shape().dim(0));
        if (max) {
            ImageOps.maxPool2d(input, g, b[Y]);
        } else {
            ImageOps.avgPool2d(input, g, b[Y]);
        }
        return b[Y];
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerState state, boolean inputGradient) {
        Tensor[] b = state.buffers();
        if (!inputGradient) {
            return null;
        }
        Tensor x = state.input();
        ConvGeometry g = geometry(x.shape().dim(0));
        if (max) {
            ImageOps.maxPool2dBackward(x, gradOutput, g, b[DX]);
        } else {
            ImageOps.avgPool2dBackward(gradOutput, g, b[DX]);
        }
        return b[DX];
    }
}
