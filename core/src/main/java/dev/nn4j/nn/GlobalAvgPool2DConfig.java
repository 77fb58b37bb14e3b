package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Map;

/**
 * Global average pooling: the mean of each channel over the whole image,
 * {@code [C, H, W] -> [C]} per sample (flat, as Keras' {@code GlobalAveragePooling2D}; ONNX's
 * {@code GlobalAveragePool} keeps {@code [C, 1, 1]}). No parameters.
 */
public record GlobalAvgPool2DConfig() implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "globalavgpool2d";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.requireImage(input);
        return Shape.of(input.dim(0));
    }

    /** No parameters. */
    @Override
    public long storedValues(Shape input) {
        return 0;
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        outputShape(input);
        return new ShapeOnlyLayer(name, this, input) {
            @Override
            public LayerState newState() {
                return new LayerState(x -> new Tensor[] {
                    backend.create(dtype, Shape.of(x.shape().dim(0), inputShape.dim(0), 1, 1)),
                    backend.create(dtype, x.shape())});
            }

            private ConvGeometry geometry(Tensor x) {
                return Images.geometry(x.shape().dim(0), inputShape, inputShape.dim(1), inputShape.dim(2), 1, 1,
                        Padding.valid());
            }

            @Override
            public Var forward(Scope scope, Var x) {
                ConvGeometry g = Images.geometry(x.dim(0), inputShape, inputShape.dim(1), inputShape.dim(2), 1, 1,
                        Padding.valid());
                return F.reshape(F.avgPool2d(x, g), Shape.matrix(x.dim(0), inputShape.dim(0)));
            }

            @Override
            public Tensor forward(Tensor x, LayerState state, Mode mode) {
                Images.checkInput(this, x, inputShape, null);
                Tensor[] b = state.bind(x);
                ImageOps.avgPool2d(x, geometry(x), b[0]);
                return Ops.reshape(b[0], Shape.matrix(x.shape().dim(0), inputShape.dim(0)));
            }

            @Override
            public Tensor backward(Tensor dy, LayerState state, boolean inputGradient) {
                if (!inputGradient) {
                    return null;
                }
                Tensor x = state.input();
                Tensor[] b = state.buffers();
                ImageOps.avgPool2dBackward(Ops.reshape(dy, b[0].shape()), geometry(x), b[1]);
                return b[1];
            }
        };
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of();
    }

    /** Reads {@link #toJson()}'s (empty) form. */
    public static GlobalAvgPool2DConfig read(LayerJson j) {
        return new GlobalAvgPool2DConfig();
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
