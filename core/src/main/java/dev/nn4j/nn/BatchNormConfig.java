package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation, as PyTorch's {@code BatchNorm1d}/{@code BatchNorm2d}: per channel
 * after a convolution (statistics over N, H and W of {@code [N, C, H, W]}), per feature after a
 * dense layer (over N of {@code [N, F]}). {@code y = gamma · (x - mean) / sqrt(var + eps) + beta}.
 *
 * <p>In {@link Mode#TRAINING} the batch's mean and biased variance normalise, and the running
 * statistics move towards the batch's: {@code running = (1 - momentum)·running + momentum·batch},
 * where the variance is stored as the unbiased estimate ({@code · M/(M-1)}, {@code M = N·H·W});
 * a training batch needs {@code M >= 2}. In {@link Mode#INFERENCE} the running statistics
 * normalise. Parameters {@code gamma [C]} (starts at 1) and {@code beta [C]} (0) are trained;
 * statistics {@code running_mean [C]} (0) and {@code running_var [C]} (1) are not touched by
 * the optimizer and are saved in model files. Defaults: eps 1e-5, momentum 0.1.
 */
public record BatchNormConfig(double eps, double momentum) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "batchnorm";

    /** eps 1e-5 and momentum 0.1, PyTorch's defaults. */
    public BatchNormConfig() {
        this(1e-5, 0.1);
    }

    /** Validates eps and momentum, naming the value. */
    public BatchNormConfig {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("batchnorm: eps must be positive and finite, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchnorm: momentum must be in [0, 1], got " + momentum);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 1 && input.rank() != 3) {
            throw new IllegalArgumentException("takes [features] or images [channels x height x width] per sample but gets "
                    + input);
        }
        return input;
    }

    /** Per channel (or feature): {@code gamma} (1) and {@code beta} (0), then the statistics {@code running_mean} (0) and {@code running_var} (1). */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        int c = input.dim(0);
        p.constant("gamma", 1, c).constant("beta", 0, c).statistic("running_mean", 0, c).statistic("running_var", 1, c);
    }

    /** One fused op ({@link F#batchNorm}) that also moves the running statistics when training. */
    @Override
    public Var forward(LayerScope s, Var x) {
        return F.batchNorm(x, s.param("gamma"), s.param("beta"), s.statistic("running_mean"),
                s.statistic("running_var"), eps, momentum, s.training());
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eps", eps);
        m.put("momentum", momentum);
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static BatchNormConfig read(LayerJson j) {
        return new BatchNormConfig(j.number("eps"), j.number("momentum"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new BatchNormConfig(), 3), LayerExample.of(new BatchNormConfig(1e-3, 0.2), 2, 3, 3));
    }

    /**
     * ONNX: {@code BatchNormalization} in its inference form (the running statistics as
     * initializers); ONNX's {@code momentum} weighs the running value, so it is {@code 1 - momentum}.
     */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        int ch = layer.inputShape().dim(0);
        sink.node(name + ".batchnorm", "BatchNormalization", OnnxForms.parameter(sink, layer, name, "gamma", ch),
                        OnnxForms.parameter(sink, layer, name, "beta", ch),
                        OnnxForms.parameter(sink, layer, name, "running_mean", ch),
                        OnnxForms.parameter(sink, layer, name, "running_var", ch))
                .attribute("epsilon", eps).attribute("momentum", 1 - momentum);
    }

    @Override
    public String toString() {
        return TYPE + " eps " + eps + " momentum " + momentum;
    }
}
