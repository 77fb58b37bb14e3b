package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer normalisation over the last {@code dims} dimensions of each sample, as PyTorch's
 * {@code nn.LayerNorm(shape[-dims:], eps, elementwise_affine)}: each slice is shifted by its mean
 * and divided by {@code sqrt(σ² + eps)} ({@code σ²} its biased variance), then, with
 * {@code affine}, multiplied by {@code weight} (starts at 1) and shifted by {@code bias} (0),
 * each shaped as those dimensions. A token sequence {@code [T, d]} with {@code dims} 1 normalises
 * each token. Any shape of rank at least {@code dims}; the output has the input's shape.
 * Defaults: {@code dims} 1, {@code eps} 1e-5, affine. Cost: a few passes over the input.
 */
public record LayerNormConfig(int dims, double eps, boolean affine) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "layernorm";

    /** Over the last dimension, eps 1e-5, with weight and bias: PyTorch's defaults. */
    public LayerNormConfig() {
        this(1, 1e-5, true);
    }

    /** Validates the dimensions and eps, naming the value. */
    public LayerNormConfig {
        if (dims < 1) {
            throw new IllegalArgumentException("layernorm: dims must be >= 1, got " + dims);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("layernorm: eps must be positive and finite, got " + eps);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The input's shape, which needs a rank of at least {@code dims}. */
    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() < dims) {
            throw new IllegalArgumentException("normalises the last " + dims + " dimensions but gets " + input);
        }
        return input;
    }

    /** With {@code affine}: {@code weight} (1) and {@code bias} (0), shaped as the normalised dimensions. */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        if (affine) {
            int[] last = normalized(input);
            p.constant("weight", 1, last).constant("bias", 0, last);
        }
    }

    /** One op ({@link F#layerNorm}) with its own backward pass. */
    @Override
    public Var forward(LayerScope s, Var x) {
        return F.layerNorm(x, affine ? s.param("weight") : null, affine ? s.param("bias") : null, dims, eps);
    }

    private int[] normalized(Shape input) {
        int[] last = new int[dims];
        System.arraycopy(input.dims(), input.rank() - dims, last, 0, dims);
        return last;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dims", dims);
        m.put("eps", eps);
        m.put("affine", affine);
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static LayerNormConfig read(LayerJson j) {
        return new LayerNormConfig(j.integer("dims"), j.number("eps"), j.bool("affine"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new LayerNormConfig(), 3, 4), LayerExample.of(new LayerNormConfig(), 5),
                LayerExample.of(new LayerNormConfig(2, 1e-3, true), 2, 3, 4),
                LayerExample.of(new LayerNormConfig(1, 1e-5, false), 3, 4));
    }

    /** ONNX: {@code LayerNormalization} (opset 17) over the last {@code dims} axes; without affine, weight 1 and bias 0 as constants. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        if (!affine) {
            throw new IllegalArgumentException("onnx export: " + name + " (" + this + "): layer norm without"
                    + " elementwise affine has no ONNX form here");
        }
        int[] last = normalized(layer.inputShape());
        long[] d = java.util.Arrays.stream(last).asLongStream().toArray();
        sink.node(name + ".layernorm", "LayerNormalization", OnnxForms.parameter(sink, layer, name, "weight", d),
                OnnxForms.parameter(sink, layer, name, "bias", d)).attribute("axis", (long) -dims)
                .attribute("epsilon", eps);
    }

    /** E.g. {@code layernorm last 1 eps 1.0E-5}. */
    @Override
    public String toString() {
        return TYPE + " last " + dims + " eps " + eps + (affine ? "" : " no-affine");
    }
}
