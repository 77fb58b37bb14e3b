package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Shape;
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

    /**
     * {@code weights [filters, C, kernelH, kernelW]} with fans {@code C·kh·kw} and
     * {@code filters·kh·kw}, then, with bias, {@code bias [filters]}.
     */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        int receptive = kernelH * kernelW;
        int fanIn = (int) Math.min(Integer.MAX_VALUE, (long) input.dim(0) * receptive);
        int fanOut = (int) Math.min(Integer.MAX_VALUE, (long) filters * receptive);
        p.weights("weights", fanIn, fanOut, filters, input.dim(0), kernelH, kernelW);
        if (bias) {
            p.bias("bias", fanIn, filters);
        }
    }

    /** {@code y = f(conv(x, W) + b)} as one fused op ({@link F#conv2d}). */
    @Override
    public Var forward(LayerScope s, Var x) {
        ConvGeometry g = geometry(x.dim(0), Shape.of(x.dim(1), x.dim(2), x.dim(3)));
        return F.conv2d(x, s.param("weights"), bias ? s.param("bias") : null, g, activation)[0];
    }

    /** The geometry over a batch of {@code n} samples of per-sample shape {@code input}. */
    ConvGeometry geometry(int n, Shape input) {
        return Images.geometry(n, input, kernelH, kernelW, strideH, strideW, padding);
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

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(Conv2DConfig.of(2, 3, Padding.same(), Activation.TANH), 2, 5, 5),
                LayerExample.of(new Conv2DConfig(3, 2, 3, 2, 1, Padding.valid(), false, Activation.IDENTITY), 1, 6, 5),
                LayerExample.of(new Conv2DConfig(2, 3, 3, 2, 2, Padding.same(), true, Activation.SIGMOID), 2, 6, 6));
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
}
