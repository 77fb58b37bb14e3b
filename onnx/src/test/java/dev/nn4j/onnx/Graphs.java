package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** Hand-built ONNX graphs for the import tests: the cases PyTorch does not write. */
final class Graphs {
    private final GraphProto.Builder g = GraphProto.newBuilder().setName("test");
    private int opset = 17;

    static Graphs input(long... perSample) {
        Graphs gs = new Graphs();
        gs.g.addInput(value("x", perSample));
        return gs;
    }

    Graphs opset(int v) {
        opset = v;
        return this;
    }

    Graphs init(String name, long[] dims, float... values) {
        g.addInitializer(OnnxTensors.floatTensor(name, dims, values));
        return this;
    }

    Graphs init(TensorProto t) {
        g.addInitializer(t);
        return this;
    }

    Graphs node(String op, String[] inputs, String output, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(op.toLowerCase() + g.getNodeCount()).setOpType(op).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        g.addNode(n);
        return this;
    }

    Graphs node(NodeProto n) {
        g.addNode(n);
        return this;
    }

    byte[] output(String name, long... perSample) {
        g.addOutput(value(name, perSample));
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset))
                .setGraph(g).build().toByteArray();
    }

    static String[] in(String... names) {
        return names;
    }

    static ValueInfoProto value(String name, long... perSample) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : perSample) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }
}
