package dev.nn4j.onnx;

import dev.nn4j.nn.Activation;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.Parameter;

/** The ONNX nodes of each nn4j layer type; see {@link OnnxExport} for the mapping. */
final class LayerExport {
    private LayerExport() {
    }

    /** Appends the nodes of {@code layer} (parameters named {@code name.weights}, ...) to the chain. */
    static void emit(GraphBuilder g, String name, Layer layer) {
        LayerConfig c = layer.config();
        if (c instanceof DenseConfig) {
            DenseConfig d = (DenseConfig) c;
            String w = g.initializer(name + ".weights", new long[] {d.inputSize(), d.outputSize()},
                    param(layer, name + ".weights").value().toFloatArray());
            String b = g.initializer(name + ".bias", new long[] {d.outputSize()},
                    param(layer, name + ".bias").value().toFloatArray());
            g.node(name + ".gemm", "Gemm", w, b);
            activation(g, name, d.activation());
            return;
        }
        throw new IllegalArgumentException("onnx export: " + name + " (" + c + ") is a layer type '" + c.type()
                + "' with no ONNX form in nn4j-onnx");
    }

    /** Appends the node of {@code f}; identity adds none. */
    static void activation(GraphBuilder g, String name, Activation f) {
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
                g.node(name + ".softmax", "Softmax").addAttribute(GraphBuilder.intAttr("axis", 1));
                return;
            case GELU:
                g.node(name + ".gelu", "Gelu").addAttribute(GraphBuilder.stringAttr("approximate", "tanh"));
                return;
            default:
                throw new IllegalArgumentException("onnx export: " + name + ": activation " + f.id() + " has no ONNX form");
        }
    }

    private static Parameter param(Layer layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("onnx export: layer has no parameter " + name + "; it has " + layer.parameters());
    }
}
