package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
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

    /** Per channel (or feature): gamma, beta, the running mean and the running variance. */
    @Override
    public long storedValues(Shape input) {
        return 4L * input.dim(0);
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        outputShape(input);
        return new BatchNorm(name, this, input, backend, dtype);
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

    /** The layer; see the config for the arithmetic. */
    static final class BatchNorm extends ShapeOnlyLayer {

        private final BatchNormConfig bn;
        private final int channels;
        private final Tensor gamma;
        private final Tensor beta;
        private final Tensor gammaGradient;
        private final Tensor betaGradient;
        private final Tensor runningMean;
        private final Tensor runningVar;
        private final List<Parameter> parameters;
        private final List<Parameter> statistics;
        private final Backend backend;
        private final DType dtype;

        BatchNorm(String name, BatchNormConfig config, Shape input, Backend backend, DType dtype) {
            super(name, config, input);
            this.bn = config;
            this.channels = input.dim(0);
            this.backend = backend;
            this.dtype = dtype;
            Shape c = Shape.of(channels);
            gamma = backend.create(dtype, c);
            beta = backend.create(dtype, c);
            gammaGradient = backend.create(dtype, c);
            betaGradient = backend.create(dtype, c);
            runningMean = backend.create(dtype, c);
            runningVar = backend.create(dtype, c);
            parameters = List.of(new Parameter(name + ".gamma", gamma, gammaGradient),
                    new Parameter(name + ".beta", beta, betaGradient));
            statistics = List.of(Parameter.statistic(name + ".running_mean", runningMean),
                    Parameter.statistic(name + ".running_var", runningVar));
            initialize(null, null);
        }

        @Override
        public Var forward(Scope scope, Var x) {
            return F.batchNorm(x, scope.param(parameters.get(0)), scope.param(parameters.get(1)),
                    scope.statistic(statistics.get(0)), scope.statistic(statistics.get(1)), bn.eps, bn.momentum,
                    scope.training());
        }

        @Override
        public List<Parameter> parameters() {
            return parameters;
        }

        @Override
        public List<Parameter> statistics() {
            return statistics;
        }

        /** gamma 1, beta 0, running mean 0, running variance 1; draws nothing. */
        @Override
        public void initialize(Initializer initializer, Rng rng) {
            Ops.fill(gamma, 1);
            Ops.fill(beta, 0);
            Ops.fill(runningMean, 0);
            Ops.fill(runningVar, 1);
        }

        @Override
        public void close() {
            for (Tensor t : new Tensor[] {gamma, beta, gammaGradient, betaGradient, runningMean, runningVar}) {
                t.close();
            }
        }
    }
}
