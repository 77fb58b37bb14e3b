package dev.nn4j.onnx;

import dev.nn4j.nn.Sequential;

/** Model input shapes between ONNX and nn4j's builder. */
final class LayerShapes {
    private LayerShapes() {
    }

    /** The per-sample shape of the model's input. */
    static int[] inputShape(Sequential model) {
        return new int[] {model.inputSize()};
    }

    /** Sets the builder's per-sample input shape. */
    static void input(Sequential.Builder b, int[] shape) {
        if (shape.length != 1) {
            throw new IllegalArgumentException("input [batch, " + ChainReader.join(shape) + "] needs image layers");
        }
        b.input(shape[0]);
    }
}
