package dev.nn4j.nn;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.tensor.Activation;

/**
 * The pieces several layers' ONNX forms share: an activation's node, a pooling or convolution
 * window's attributes, a parameter by name. Used by {@link LayerConfig#toOnnx} implementations.
 */
final class OnnxForms {
    private OnnxForms() {
    }

    /** Appends the node of {@code f} on values of per-sample {@code shape}; the identity adds none. */
    static void activation(OnnxSink g, String name, Activation f, int[] shape) {
        switch (f.kind()) {
            case IDENTITY -> {
            }
            case SIGMOID -> g.node(name + ".sigmoid", "Sigmoid");
            case TANH -> g.node(name + ".tanh", "Tanh");
            case RELU -> g.node(name + ".relu", "Relu");
            case LEAKY_RELU -> g.node(name + ".leaky_relu", "LeakyRelu").attribute("alpha", f.alpha());
            case ELU -> g.node(name + ".elu", "Elu").attribute("alpha", f.alpha());
            case SOFTMAX -> {
                if (shape.length != 1) {
                    throw new IllegalArgumentException("onnx export: " + name + ": softmax over a [batch, "
                            + join(shape) + "] value has no ONNX form here (only over [batch, features])");
                }
                g.node(name + ".softmax", "Softmax").attribute("axis", 1L);
            }
            case GELU -> g.node(name + ".gelu", "Gelu").attribute("approximate", "tanh");
            default -> throw new IllegalArgumentException("onnx export: " + name + ": activation " + f.id()
                    + " has no ONNX form");
        }
    }

    /** kernel_shape, strides and explicit pads ({@code [top, left, bottom, right]}, as ONNX orders them) for input {@code [C, H, W]}. */
    static void window(OnnxSink.Node node, Padding padding, int[] in, int kh, int kw, int sh, int sw) {
        int[] p = padding.resolve(in[1], in[2], kh, kw, sh, sw);
        node.ints("kernel_shape", kh, kw).ints("strides", sh, sw).ints("pads", p[0], p[1], p[2], p[3]);
    }

    /** Writes {@code layer}'s parameter or statistic {@code name + "." + suffix} with shape {@code dims}. */
    static String parameter(OnnxSink g, Layer layer, String name, String suffix, long... dims) {
        String full = name + "." + suffix;
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(full)) {
                return g.initializer(p, dims);
            }
        }
        for (Parameter p : layer.statistics()) {
            if (p.name().equals(full)) {
                return g.initializer(p, dims);
            }
        }
        throw new IllegalStateException("onnx export: layer has no parameter " + full + "; it has "
                + layer.parameters() + " and " + layer.statistics());
    }

    /** The node of a merge that takes every input at once ({@code Concat}). */
    static OnnxSink.Node merge(OnnxSink g, String name, String op) {
        java.util.List<String> in = g.inputs();
        return g.node(name, op, in.subList(1, in.size()).toArray(new String[0]));
    }

    /**
     * A binary element-wise merge ({@code Add}, {@code Mul}) of every input, left to right: ONNX's
     * {@code Add} and {@code Mul} take exactly two inputs, so three inputs are two nodes
     * ({@code name}, {@code name_2}), added in the order nn4j adds them.
     */
    static void binaryMerge(OnnxSink g, String name, String op) {
        java.util.List<String> in = g.inputs();
        for (int i = 1; i < in.size(); i++) {
            g.node(i == 1 ? name : name + "_" + i, op, in.get(i));
        }
    }

    private static String join(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.toString();
    }
}
