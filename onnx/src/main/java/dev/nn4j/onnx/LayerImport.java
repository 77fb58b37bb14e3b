package dev.nn4j.onnx;

import dev.nn4j.nn.Activation;

/** The ONNX nodes that become nn4j's image layers (Conv, pools, BatchNormalization, Flatten). */
final class LayerImport {
    private LayerImport() {
    }

    /** Translates an image-layer node and advances {@code reader}; null when {@code n}'s op is not one of them. */
    static ImportedLayer imageLayer(OnnxNode n, ChainReader reader) {
        return null;
    }

    /** A standalone activation layer on values of per-sample {@code shape}. */
    static ImportedLayer standaloneActivation(OnnxNode n, Activation f, int[] shape) {
        throw n.error("activation " + f.id() + " does not follow a Dense layer; nn4j has no standalone activation layer");
    }

    /** A flatten layer from per-sample {@code shape} to its element count. */
    static ImportedLayer flatten(OnnxNode n, int[] shape) {
        throw n.error("flattening a [batch, " + ChainReader.join(shape) + "] value needs image layers");
    }
}
