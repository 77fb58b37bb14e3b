package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.AddConfig;
import dev.nn4j.nn.AvgPool2DConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.ConcatConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.DropoutConfig;
import dev.nn4j.nn.FlattenConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.MaxPool2DConfig;
import dev.nn4j.nn.MultiplyConfig;
import dev.nn4j.nn.Padding;
import dev.nn4j.tensor.Activation;
import java.util.List;

/** The ONNX nodes of each nn4j layer type; see {@link OnnxExport} for the mapping. */
final class LayerExport {
    private LayerExport() {
    }

    /** Appends the nodes of {@code layer} (parameters named {@code name.weights}, ...) to the chain. */
    static void emit(GraphBuilder g, String name, Layer layer) {
        LayerConfig c = layer.config();
        int[] in = layer.inputShape().dims();
        if (c instanceof DenseConfig) {
            DenseConfig d = (DenseConfig) c;
            String w = weights(g, layer, name + ".weights", d.inputSize(), d.outputSize());
            String b = weights(g, layer, name + ".bias", d.outputSize());
            g.node(name + ".gemm", "Gemm", w, b);
            activation(g, name, d.activation(), layer.outputShape().dims());
        } else if (c instanceof Conv2DConfig) {
            Conv2DConfig k = (Conv2DConfig) c;
            String w = weights(g, layer, name + ".weights", k.filters(), in[0], k.kernelH(), k.kernelW());
            NodeProto.Builder node = k.bias()
                    ? g.node(name + ".conv", "Conv", w, weights(g, layer, name + ".bias", k.filters()))
                    : g.node(name + ".conv", "Conv", w);
            node.addAttribute(GraphBuilder.intAttr("group", 1)).addAttribute(GraphBuilder.intsAttr("dilations", 1, 1));
            window(node, k.padding(), in, k.kernelH(), k.kernelW(), k.strideH(), k.strideW());
            activation(g, name, k.activation(), layer.outputShape().dims());
        } else if (c instanceof MaxPool2DConfig) {
            MaxPool2DConfig p = (MaxPool2DConfig) c;
            window(g.node(name + ".maxpool", "MaxPool"), p.padding(), in, p.kernelH(), p.kernelW(), p.strideH(), p.strideW());
        } else if (c instanceof AvgPool2DConfig) {
            AvgPool2DConfig p = (AvgPool2DConfig) c;
            NodeProto.Builder node = g.node(name + ".avgpool", "AveragePool")
                    .addAttribute(GraphBuilder.intAttr("count_include_pad", 0));
            window(node, p.padding(), in, p.kernelH(), p.kernelW(), p.strideH(), p.strideW());
        } else if (c instanceof GlobalAvgPool2DConfig) {
            g.node(name + ".globalavgpool", "GlobalAveragePool");
            g.node(name + ".flatten", "Flatten").addAttribute(GraphBuilder.intAttr("axis", 1));
        } else if (c instanceof FlattenConfig) {
            g.node(name + ".flatten", "Flatten").addAttribute(GraphBuilder.intAttr("axis", 1));
        } else if (c instanceof DropoutConfig) {
            return; // inference form: dropout is the identity
        } else if (c instanceof BatchNormConfig) {
            BatchNormConfig b = (BatchNormConfig) c;
            int ch = in[0];
            g.node(name + ".batchnorm", "BatchNormalization", weights(g, layer, name + ".gamma", ch),
                            weights(g, layer, name + ".beta", ch), weights(g, layer, name + ".running_mean", ch),
                            weights(g, layer, name + ".running_var", ch))
                    .addAttribute(GraphBuilder.floatAttr("epsilon", b.eps()))
                    .addAttribute(GraphBuilder.floatAttr("momentum", 1 - b.momentum()));   // ONNX weighs the running value
        } else if (c instanceof ActivationConfig) {
            activation(g, name, ((ActivationConfig) c).activation(), layer.outputShape().dims());
        } else {
            throw new IllegalArgumentException("onnx export: " + name + " (" + c + ") is a layer type '" + c.type()
                    + "' with no ONNX form in nn4j-onnx");
        }
    }

    /** Whether {@code layer} joins two or more values (add, multiply, concat). */
    static boolean isMerge(Layer layer) {
        LayerConfig c = layer.config();
        return c instanceof AddConfig || c instanceof MultiplyConfig || c instanceof ConcatConfig;
    }

    /**
     * Appends the ONNX node of a merge layer ({@code Add}, {@code Mul}, {@code Concat}) on the
     * values {@code inputs} and returns true, or returns false for any other layer.
     */
    static boolean emitMerge(GraphBuilder g, String name, Layer layer, List<String> inputs) {
        LayerConfig c = layer.config();
        if (c instanceof AddConfig) {
            g.merge(name + ".add", "Add", inputs);
        } else if (c instanceof MultiplyConfig) {
            g.merge(name + ".mul", "Mul", inputs);
        } else if (c instanceof ConcatConfig k) {
            g.merge(name + ".concat", "Concat", inputs)
                    .addAttribute(GraphBuilder.intAttr("axis", k.axis() < 0 ? k.axis() : k.axis() + 1));
        } else {
            return false;
        }
        return true;
    }

    /** kernel_shape, strides and the padding: auto_pad VALID or SAME_UPPER for nn4j's valid and same, else explicit pads. */
    private static void window(NodeProto.Builder node, Padding padding, int[] in, int kh, int kw, int sh, int sw) {
        node.addAttribute(GraphBuilder.intsAttr("kernel_shape", kh, kw)).addAttribute(GraphBuilder.intsAttr("strides", sh, sw));
        int[] p = padding.resolve(in[1], in[2], kh, kw, sh, sw);
        // ONNX pads: [H_begin, W_begin, H_end, W_end] = nn4j's {top, left, bottom, right}
        node.addAttribute(GraphBuilder.intsAttr("pads", p[0], p[1], p[2], p[3]));
    }

    /** Appends the node of {@code f} on values of per-sample {@code shape}; identity adds none. */
    static void activation(GraphBuilder g, String name, Activation f, int[] shape) {
        switch (f.kind()) {
            case IDENTITY:
                return;
            case SIGMOID:
                g.node(name + ".sigmoid", "Sigmoid");
                return;
            case TANH:
                g.node(name + ".tanh", "Tanh");
                return;
            case RELU:
                g.node(name + ".relu", "Relu");
                return;
            case LEAKY_RELU:
                g.node(name + ".leaky_relu", "LeakyRelu").addAttribute(GraphBuilder.floatAttr("alpha", f.alpha()));
                return;
            case ELU:
                g.node(name + ".elu", "Elu").addAttribute(GraphBuilder.floatAttr("alpha", f.alpha()));
                return;
            case SOFTMAX:
                if (shape.length != 1) {
                    throw new IllegalArgumentException("onnx export: " + name + ": softmax over a [batch, "
                            + ChainReader.join(shape) + "] value has no ONNX form here (only over [batch, features])");
                }
                g.node(name + ".softmax", "Softmax").addAttribute(GraphBuilder.intAttr("axis", 1));
                return;
            case GELU:
                g.node(name + ".gelu", "Gelu").addAttribute(GraphBuilder.stringAttr("approximate", "tanh"));
                return;
            default:
                throw new IllegalArgumentException("onnx export: " + name + ": activation " + f.id() + " has no ONNX form");
        }
    }

    /** Adds the parameter or statistic {@code pname} of {@code layer} as a FLOAT initializer of shape {@code dims}. */
    private static String weights(GraphBuilder g, Layer layer, String pname, int... dims) {
        long[] d = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = dims[i];
        }
        return g.initializer(pname, d, find(layer, pname).value().toFloatArray());
    }

    private static Parameter find(Layer layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        for (Parameter p : layer.statistics()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("onnx export: layer has no parameter " + name + "; it has " + layer.parameters()
                + " and " + layer.statistics());
    }
}
