package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One graph node seen by the importer: typed attribute access with defaults, and messages
 * that name the node and its op ({@code node '/0/Conv' (Conv): ...}).
 */
final class OnnxNode {
    final NodeProto proto;
    final String label;
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();

    OnnxNode(NodeProto proto, int index) {
        this.proto = proto;
        String name = proto.getName().isEmpty() ? "#" + index : proto.getName();
        this.label = "node '" + name + "' (" + proto.getOpType() + ")";
        for (AttributeProto a : proto.getAttributeList()) {
            attributes.put(a.getName(), a);
        }
    }

    String op() {
        return proto.getOpType();
    }

    /** An exception naming this node. */
    IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(label + ": " + problem);
    }

    /** Rejects any attribute outside {@code known}. */
    void allowOnly(String... known) {
        Set<String> k = Set.of(known);
        for (String a : attributes.keySet()) {
            if (!k.contains(a)) {
                throw error("attribute '" + a + "' is not supported" + (known.length == 0 ? "" : " (nn4j reads "
                        + String.join(", ", known) + ")"));
            }
        }
    }

    boolean has(String name) {
        return attributes.containsKey(name);
    }

    long intAttr(String name, long dflt) {
        AttributeProto a = typed(name, AttributeProto.AttributeType.INT);
        return a == null ? dflt : a.getI();
    }

    float floatAttr(String name, float dflt) {
        AttributeProto a = typed(name, AttributeProto.AttributeType.FLOAT);
        return a == null ? dflt : a.getF();
    }

    /**
     * A FLOAT attribute as the shortest decimal that gives the same float ({@code 0.3f} reads
     * as 0.3, not 0.30000001192092896): ONNX stores attributes in float32, the writer meant the decimal.
     */
    double decimalAttr(String name, double dflt) {
        AttributeProto a = typed(name, AttributeProto.AttributeType.FLOAT);
        return a == null ? dflt : Double.parseDouble(Float.toString(a.getF()));
    }

    String stringAttr(String name, String dflt) {
        AttributeProto a = typed(name, AttributeProto.AttributeType.STRING);
        return a == null ? dflt : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** An INTS attribute, or {@code dflt} (may be null) when absent. */
    long[] intsAttr(String name, long[] dflt) {
        AttributeProto a = typed(name, AttributeProto.AttributeType.INTS);
        if (a == null) {
            return dflt;
        }
        long[] out = new long[a.getIntsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getInts(i);
        }
        return out;
    }

    /** Requires an INTS attribute of exactly {@code n} values when present. */
    long[] intsAttr(String name, int n, long[] dflt) {
        long[] v = intsAttr(name, dflt);
        if (v != null && v.length != n) {
            throw error("attribute " + name + " " + Arrays.toString(v) + " should have " + n + " values");
        }
        return v;
    }

    AttributeProto attribute(String name) {
        return attributes.get(name);
    }

    private AttributeProto typed(String name, AttributeProto.AttributeType type) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return null;
        }
        // Files from old writers leave the type unset; accept them when the field is there.
        if (a.getType() != type && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            throw error("attribute " + name + " is a " + a.getType() + ", expected " + type);
        }
        return a;
    }
}
