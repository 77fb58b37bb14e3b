package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.nn.AddConfig;
import dev.nn4j.nn.ConcatConfig;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.MultiplyConfig;
import dev.nn4j.nn.OnnxSink;
import java.util.List;

/**
 * Writes each layer through its own ONNX form ({@link LayerConfig#toOnnx}) into the protobuf
 * graph: this class is the {@link OnnxSink} over {@link GraphBuilder}, so a new layer type
 * needs no edit here.
 */
final class LayerExport implements OnnxSink {
    private final GraphBuilder g;
    private final List<String> inputs;

    private LayerExport(GraphBuilder g, List<String> inputs) {
        this.g = g;
        this.inputs = List.copyOf(inputs);
    }

    /** Appends the nodes of {@code layer} (parameters named {@code name.weights}, ...) to the chain, from its current value. */
    static void emit(GraphBuilder g, String name, Layer layer) {
        emit(g, name, layer, List.of(g.current()));
    }

    /** Appends the nodes of {@code layer} reading the values {@code inputs} (the chain continues from the first). */
    static void emit(GraphBuilder g, String name, Layer layer, List<String> inputs) {
        g.from(inputs.get(0));
        layer.config().toOnnx(new LayerExport(g, inputs), name, layer);
    }

    /** Whether {@code layer} joins two or more values (add, multiply, concat). */
    static boolean isMerge(Layer layer) {
        LayerConfig c = layer.config();
        return c instanceof AddConfig || c instanceof MultiplyConfig || c instanceof ConcatConfig;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public Node node(String name, String op, String... extraInputs) {
        NodeProto.Builder n = g.node(name, op, extraInputs);
        return new Node() {
            @Override
            public Node attribute(String attribute, long value) {
                n.addAttribute(GraphBuilder.intAttr(attribute, value));
                return this;
            }

            @Override
            public Node attribute(String attribute, double value) {
                n.addAttribute(GraphBuilder.floatAttr(attribute, value));
                return this;
            }

            @Override
            public Node attribute(String attribute, String value) {
                n.addAttribute(GraphBuilder.stringAttr(attribute, value));
                return this;
            }

            @Override
            public Node ints(String attribute, long... values) {
                n.addAttribute(GraphBuilder.intsAttr(attribute, values));
                return this;
            }
        };
    }

    @Override
    public String constant(String name, long... values) {
        return g.initializer(name, values);
    }

    @Override
    public String initializer(Parameter p, long... dims) {
        return g.initializer(p.name(), dims, p.value().toFloatArray());
    }
}
