package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A 2-D convolution layer (cross-correlation, as in PyTorch and ONNX): {@code filters} kernels
 * of {@code kernelH x kernelW}, strides, {@link Padding}, an optional bias and an activation
 * (fused into the kernel where the backend can).
 *
 * <p>Shapes per sample: input {@code [C, H, W]}, output {@code [filters, Ho, Wo]} with
 * {@code Ho = floor((H + padTop + padBottom - kernelH) / strideH) + 1} (SAME: {@code ceil(H / strideH)}).
 * Parameters: {@code weights [filters, C, kernelH, kernelW]} (the PyTorch and ONNX layout) and,
 * with bias, {@code bias [filters]}. He and Xavier initialisation use fan-in {@code C·kh·kw}
 * and fan-out {@code filters·kh·kw}. Forward cost {@code 2·N·filters·Ho·Wo·C·kh·kw} flops,
 * backward twice that.
 */
public record Conv2DConfig(int filters, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                           boolean bias, Activation activation) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "conv2d";

    /** Validates every hyper-parameter, naming the value. */
    public Conv2DConfig {
        Objects.requireNonNull(padding, "conv2d: padding");
        Objects.requireNonNull(activation, "conv2d: activation");
        if (filters < 1) {
            throw new IllegalArgumentException("conv2d: filters must be >= 1, got " + filters);
        }
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("conv2d: kernel must be at least 1x1, got " + kernelH + "x" + kernelW);
        }
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("conv2d: stride must be >= 1, got " + strideH + "x" + strideW);
        }
        if (activation.isRowWise()) {
            throw new IllegalArgumentException("conv2d: activation " + activation.id()
                    + " works per row of a matrix; use it after flatten() in a dense layer");
        }
    }

    /** {@code filters} square {@code kernel x kernel} kernels, stride 1, with bias. */
    public static Conv2DConfig of(int filters, int kernel, Padding padding, Activation activation) {
        return new Conv2DConfig(filters, kernel, kernel, 1, 1, padding, true, activation);
    }

    /** This config with stride {@code s x s}. */
    public Conv2DConfig withStride(int s) {
        return new Conv2DConfig(filters, kernelH, kernelW, s, s, padding, bias, activation);
    }

    /** This config with or without bias. */
    public Conv2DConfig withBias(boolean on) {
        return new Conv2DConfig(filters, kernelH, kernelW, strideH, strideW, padding, on, activation);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        ConvGeometry g = geometry(1, input);
        return Shape.of(filters, g.outHeight(), g.outWidth());
    }

    /** {@code filters·C·kh·kw} weights, plus {@code filters} biases with a bias. */
    @Override
    public long storedValues(Shape input) {
        double weights = (double) filters * input.dim(0) * kernelH * kernelW;
        return weights >= 0x1p62 ? Long.MAX_VALUE : (long) filters * input.dim(0) * kernelH * kernelW + (bias ? filters : 0);
    }

    /** The geometry over a batch of {@code n} samples of per-sample shape {@code input}. */
    ConvGeometry geometry(int n, Shape input) {
        return Images.geometry(n, input, kernelH, kernelW, strideH, strideW, padding);
    }

    @Override
    public Layer create(String name, Shape input, Backend backend, DType dtype) {
        outputShape(input);
        return new Conv2D(name, this, input, backend, dtype);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filters", filters);
        m.put("kernel", List.of(kernelH, kernelW));
        m.put("stride", List.of(strideH, strideW));
        m.put("padding", padding.toJson());
        m.put("bias", bias);
        m.put("activation", activation.id());
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static Conv2DConfig read(LayerJson j) {
        int[] k = Images.pair(j, "kernel");
        int[] s = Images.pair(j, "stride");
        return new Conv2DConfig(j.integer("filters"), k[0], k[1], s[0], s[1], j.padding("padding"), j.bool("bias"),
                j.activation("activation"));
    }

    /** ONNX: a {@code Conv} (weights {@code [F, C, kh, kw]}, explicit pads, group 1), then the activation's node. */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        int[] in = layer.inputShape().dims();
        String w = OnnxForms.parameter(sink, layer, name, "weights", filters, in[0], kernelH, kernelW);
        OnnxSink.Node node = bias ? sink.node(name + ".conv", "Conv", w,
                OnnxForms.parameter(sink, layer, name, "bias", filters)) : sink.node(name + ".conv", "Conv", w);
        node.attribute("group", 1L).ints("dilations", 1, 1);
        OnnxForms.window(node, padding, in, kernelH, kernelW, strideH, strideW);
        OnnxForms.activation(sink, name, activation, layer.outputShape().dims());
    }

    /** E.g. {@code conv2d 32 3x3 stride 1x1 same relu}. */
    @Override
    public String toString() {
        return "conv2d " + filters + " " + kernelH + "x" + kernelW + " stride " + strideH + "x" + strideW + " "
                + padding + (bias ? "" : " no-bias") + " " + activation.id();
    }

    /** The layer: {@code z = conv(x, W) + b}, {@code y = f(z)}; backward {@code dz = f'(z) ⊙ dy}, then dW, db and dx. */
    static final class Conv2D implements Layer {

        private final String name;
        private final Conv2DConfig config;
        private final Shape inputShape;
        private final Shape outputShape;
        private final Tensor weights;
        private final Tensor weightsGradient;
        private final Tensor bias;
        private final Tensor biasGradient;
        private final List<Parameter> parameters;
        private final Backend backend;
        private final DType dtype;
        /** The geometry of the last batch size seen (immutable, so safe to share between threads). */
        private volatile ConvGeometry geometry;

        Conv2D(String name, Conv2DConfig config, Shape inputShape, Backend backend, DType dtype) {
            this.name = name;
            this.config = config;
            this.inputShape = inputShape;
            this.outputShape = config.outputShape(inputShape);
            this.backend = backend;
            this.dtype = dtype;
            Shape w = Shape.of(config.filters, inputShape.dim(0), config.kernelH, config.kernelW);
            this.weights = backend.create(dtype, w);
            this.weightsGradient = backend.create(dtype, w);
            List<Parameter> ps = new ArrayList<>();
            ps.add(new Parameter(name + ".weights", weights, weightsGradient));
            if (config.bias) {
                this.bias = backend.create(dtype, Shape.of(config.filters));
                this.biasGradient = backend.create(dtype, Shape.of(config.filters));
                ps.add(new Parameter(name + ".bias", bias, biasGradient));
            } else {
                this.bias = null;
                this.biasGradient = null;
            }
            this.parameters = List.copyOf(ps);
            this.geometry = config.geometry(1, inputShape);
        }

        private ConvGeometry geometry(int n) {
            ConvGeometry g = geometry;
            if (g.batch() != n) {
                g = config.geometry(n, inputShape);
                geometry = g;
            }
            return g;
        }

        @Override
        public Var forward(Scope scope, Var x) {
            Var b = config.bias ? scope.param(parameters.get(1)) : null;
            Var[] yz = F.conv2d(x, scope.param(parameters.get(0)), b, geometry(x.dim(0)), config.activation);
            return yz[0];
        }

        @Override
        public List<Parameter> parameters() {
            return parameters;
        }

        @Override
        public Shape inputShape() {
            return inputShape;
        }

        @Override
        public Shape outputShape() {
            return outputShape;
        }

        @Override
        public void initialize(Initializer initializer, Rng rng) {
            int receptive = config.kernelH * config.kernelW;
            int fanIn = inputShape.dim(0) * receptive;
            int fanOut = config.filters * receptive;
            weights.setAll(initializer.weights(rng, fanIn, fanOut, weights.size()));
            if (bias != null) {
                bias.setAll(initializer.bias(rng, fanIn, config.filters));
            }
        }

        @Override
        public LayerConfig config() {
            return config;
        }

        @Override
        public void close() {
            weights.close();
            weightsGradient.close();
            if (bias != null) {
                bias.close();
                biasGradient.close();
            }
        }

        @Override
        public String toString() {
            return name + " (" + config + ")";
        }
    }
}
