package dev.nn4j.nn;

import dev.nn4j.backend.Backend;
import dev.nn4j.tensor.DType;

/**
 * The architecture of one layer, without parameter values: what a model file stores to
 * rebuild the layer. Implementations are immutable records such as {@link DenseConfig}.
 */
public interface LayerConfig {

    /** The layer type in model files, e.g. {@code dense}. */
    String type();

    /** Values per input sample. */
    int inputSize();

    /** Values per output sample. */
    int outputSize();

    /**
     * A new layer with zero parameters on {@code backend} in {@code dtype}; {@code name}
     * prefixes its parameter names (e.g. {@code layer0} gives {@code layer0.weights}).
     */
    Layer create(String name, Backend backend, DType dtype);
}
