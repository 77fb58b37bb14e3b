package dev.nn4j.onnx;

import dev.nn4j.nn.Layer;
import dev.nn4j.nn.Sequential;
import java.util.List;

/** Per-sample shapes between ONNX ({@code [batch, ...]}) and nn4j's builder. */
final class LayerShapes {
    private LayerShapes() {
    }

    /** The per-sample shape of the model's input: {@code [features]} or {@code [C, H, W]}. */
    static int[] inputShape(Sequential model) {
        return model.inputShape().dims();
    }

    /** The per-sample shape of the model's output. */
    static int[] outputShape(Sequential model) {
        List<Layer> layers = model.layers();
        return layers.get(layers.size() - 1).outputShape().dims();
    }

    /** Sets the builder's per-sample input shape. */
    static void input(Sequential.Builder b, int[] shape) {
        b.input(shape);
    }
}
