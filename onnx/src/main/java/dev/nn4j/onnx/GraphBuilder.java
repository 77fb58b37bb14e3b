package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the nodes and initializers of an exported graph as a chain: each {@link #node}
 * call consumes the current value and makes its output the new current value. Used by
 * {@link OnnxExport}; one instance per export, not thread-safe.
 */
final class GraphBuilder {
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private String current;

    GraphBuilder(String input) {
        this.current = input;
    }

    /** The name of the value the chain has reached. */
    String current() {
        return current;
    }

    /** Continues the chain from value {@code name} (a graph input or an earlier node's output). */
    void from(String name) {
        current = name;
    }

    /** An {@code Identity} node from value {@code from} to the graph output {@code name}. */
    void output(String from, String name) {
        nodes.add(NodeProto.newBuilder().setName(name + ".identity").setOpType("Identity").addInput(from).addOutput(name));
    }

    /** Adds a FLOAT initializer and returns its name. */
    String initializer(String name, long[] dims, float[] values) {
        initializers.add(OnnxTensors.floatTensor(name, dims, values));
        return name;
    }

    /** Adds an INT64 initializer and returns its name. */
    String initializer(String name, long[] values) {
        initializers.add(OnnxTensors.longTensor(name, values));
        return name;
    }

    /**
     * Appends node {@code name} of type {@code op} on the current value followed by {@code extraInputs}
     * (initializer names); its single output becomes the current value.
     */
    NodeProto.Builder node(String name, String op, String... extraInputs) {
        String out = name + ".out";
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op).addInput(current);
        for (String in : extraInputs) {
            n.addInput(in);
        }
        n.addOutput(out);
        nodes.add(n);
        current = out;
        return n;
    }

    /** Renames the current value to {@code name} (the graph output), adding an Identity node if the chain is empty. */
    void finish(String name) {
        if (nodes.isEmpty()) {
            node("identity", "Identity");
        }
        nodes.get(nodes.size() - 1).setOutput(0, name);
        current = name;
    }

    List<NodeProto> nodes() {
        List<NodeProto> out = new ArrayList<>();
        for (NodeProto.Builder n : nodes) {
            out.add(n.build());
        }
        return out;
    }

    List<TensorProto> initializers() {
        return initializers;
    }

    static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto floatAttr(String name, double v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) v).build();
    }

    static AttributeProto intsAttr(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    static AttributeProto stringAttr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }
}
