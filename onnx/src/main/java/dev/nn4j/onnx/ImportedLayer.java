package dev.nn4j.onnx;

import dev.nn4j.nn.LayerConfig;
import dev.nn4j.tensor.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One nn4j layer being assembled from ONNX nodes: its config (given the activation that the
 * following node may fold in) and its parameter values by suffix ({@code weights},
 * {@code bias}, ...), row-major in nn4j's layout.
 */
final class ImportedLayer {
    final String source;
    final boolean takesActivation;
    private final Function<Activation, LayerConfig> config;
    final Map<String, float[]> values = new LinkedHashMap<>();
    Activation activation = Activation.IDENTITY;
    /** A Dense layer: an Add after it may be its bias. */
    boolean dense;
    /** True while an Add may still fold into this layer's bias (a Dense right after its MatMul/Gemm). */
    boolean biasOpen;

    ImportedLayer(String source, boolean takesActivation, Function<Activation, LayerConfig> config) {
        this.source = source;
        this.takesActivation = takesActivation;
        this.config = config;
    }

    LayerConfig config() {
        return config.apply(activation);
    }
}
