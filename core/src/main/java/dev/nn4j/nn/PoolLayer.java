package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;

/**
 * The layer behind {@link MaxPool2DConfig} and {@link AvgPool2DConfig}: a window slid over each
 * channel of NCHW images, no parameters. Input {@code [C, H, W]} per sample, output
 * {@code [C, Ho, Wo]}. Max pooling's backward pass recomputes the maxima from the saved input.
 */
final class PoolLayer extends ShapeOnlyLayer {

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
    public Var forward(Scope scope, Var x) {
        ConvGeometry g = geometry(x.dim(0));
        return max ? F.maxPool2d(x, g) : F.avgPool2d(x, g);
    }

}
