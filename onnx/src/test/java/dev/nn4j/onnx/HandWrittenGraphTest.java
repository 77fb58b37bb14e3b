package dev.nn4j.onnx;

import static dev.nn4j.onnx.Graphs.in;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.Sequential;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import org.junit.jupiter.api.Test;

/**
 * Import of graphs written by hand: the Gemm attributes, the tensor encodings PyTorch does not
 * use, pass-through nodes, and the errors for what nn4j cannot represent. Expected values are
 * worked out by hand.
 */
class HandWrittenGraphTest {
    private static final Backend PLAIN = TestSupport.backend("plain");

    private static Sequential load(byte[] bytes) throws OnnxFormatException {
        return OnnxImport.fromBytes(null, bytes, PLAIN, DType.FLOAT64, null, null);
    }

    private static String error(byte[] bytes) {
        return assertThrows(OnnxFormatException.class, () -> load(bytes).close()).getMessage();
    }

    @Test
    void gemmWithoutTransposeScalesByAlphaAndBeta() throws Exception {
        byte[] m = Graphs.input(2)
                .init("W", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .init("C", new long[] {1, 3}, 10, 20, 30)
                .node("Gemm", in("x", "W", "C"), "y", GraphBuilder.floatAttr("alpha", 2), GraphBuilder.floatAttr("beta", 0.5))
                .output("y", 3);
        try (Sequential s = load(m)) {
            // y = 2 * [1, -1] . W + 0.5 * C = 2 * [-3, -3, -3] + [5, 10, 15]
            assertArrayEquals(new double[] {-1, 4, 9}, s.predict(new double[] {1, -1}), 1e-12);
        }
    }

    @Test
    void weightsInFloatDataDoubleDataAndConstantNodes() throws Exception {
        TensorProto w = TensorProto.newBuilder().setName("W").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(2).addFloatData(1).addFloatData(2).addFloatData(3).addFloatData(4).build();
        TensorProto b = TensorProto.newBuilder().setName("unused").setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addDims(2).addDoubleData(0.5).addDoubleData(-0.5).build();
        byte[] m = Graphs.input(2).init(w)
                .node(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Constant").addOutput("B")
                        .addAttribute(ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("value")
                                .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.TENSOR).setT(b)).build())
                .node("MatMul", in("x", "W"), "h")
                .node("Add", in("B", "h"), "z")
                .node("Identity", in("z"), "z2")
                .node("Dropout", in("z2"), "y", GraphBuilder.intAttr("seed", 3))
                .output("y", 2);
        try (Sequential s = load(m)) {
            assertEquals(1, s.layers().size());
            assertEquals(new DenseConfig(2, 2, Activation.IDENTITY), s.layerConfigs().get(0));
            // [1, 1] . [[1, 2], [3, 4]] + [0.5, -0.5]
            assertArrayEquals(new double[] {4.5, 5.5}, s.predict(new double[] {1, 1}), 1e-12);
        }
    }

    @Test
    void geluOpWithTanhApproximationAndReshapeToTwoD() throws Exception {
        byte[] m = Graphs.input(1).opset(20)
                .init("W", new long[] {1, 1}, 1)
                .init("shape", new long[] {2}, 0, 0)   // replaced below
                .node("Gemm", in("x", "W"), "h")
                .node("Gelu", in("h"), "g", GraphBuilder.stringAttr("approximate", "tanh"))
                .node("Reshape", in("g", "s"), "y")
                .init(OnnxTensors.longTensor("s", new long[] {-1, 1}))
                .output("y", 1);
        try (Sequential s = load(m)) {
            assertEquals(Activation.GELU, ((DenseConfig) s.layerConfigs().get(0)).activation());
            assertEquals(Activation.GELU.apply(0.7), s.predict(new double[] {0.7})[0], 1e-12);
        }
    }

    @Test
    void reshapeToTheBatchSizeReadFromShape() throws Exception {
        // x.view(x.size(0), -1) as PyTorch writes it
        byte[] m = Graphs.input(2)
                .init(OnnxTensors.longTensor("zero", new long[] {0}).toBuilder().clearDims().build())
                .init(OnnxTensors.longTensor("axes", new long[] {0}))
                .init(OnnxTensors.longTensor("minus1", new long[] {-1}))
                .init("W", new long[] {2, 1}, 1, 2)
                .node("Shape", in("x"), "s").node("Gather", in("s", "zero"), "b", GraphBuilder.intAttr("axis", 0))
                .node("Unsqueeze", in("b", "axes"), "b1").node("Concat", in("b1", "minus1"), "target",
                        GraphBuilder.intAttr("axis", 0))
                .node("Reshape", in("x", "target"), "flat").node("Gemm", in("flat", "W"), "y")
                .output("y", 1);
        try (Sequential s = load(m)) {
            assertEquals(1, s.layers().size());
            assertArrayEquals(new double[] {5}, s.predict(new double[] {1, 2}), 1e-12);
        }
        String bad = error(Graphs.input(2).init(OnnxTensors.longTensor("one", new long[] {1}))
                .init(OnnxTensors.longTensor("minus1", new long[] {-1})).init("W", new long[] {2, 1}, 1, 2)
                .node("Shape", in("x"), "s").node("Gather", in("s", "one"), "b")
                .node("Concat", in("b", "minus1"), "target", GraphBuilder.intAttr("axis", 0))
                .node("Reshape", in("x", "target"), "flat").node("Gemm", in("flat", "W"), "y").output("y", 1));
        assertTrue(bad.contains("shape [2, -1]") && bad.contains("(Reshape)"), bad);
    }

    private static Graphs dense2() {
        return Graphs.input(2).init("W", new long[] {2, 2}, 1, 0, 0, 1);
    }

    @Test
    void unsupportedOpIsNamed() {
        String msg = error(dense2().node("Gemm", in("x", "W"), "h").node("Cos", in("h"), "y").output("y", 2));
        assertTrue(msg.contains("node 'cos1' (Cos)") && msg.contains("not supported"), msg);
    }

    @Test
    void branchingGraphIsNamed() {
        String msg = error(dense2().node("Gemm", in("x", "W"), "h").node("Relu", in("h"), "a")
                .node("Sigmoid", in("h"), "b").output("a", 2));
        assertTrue(msg.contains("value 'h' feeds") && msg.contains("relu1") && msg.contains("sigmoid2"), msg);
    }

    @Test
    void secondNonConstantInputIsABranch() {
        String msg = error(dense2().node("Gemm", in("x", "W"), "h").node("Relu", in("h"), "a")
                .node("Gemm", in("a", "h"), "y").output("y", 2));
        assertTrue(msg.contains("value 'h' feeds"), msg);
    }

    @Test
    void unsupportedAttributesAreNamed() {
        String transA = error(dense2().node("Gemm", in("x", "W"), "y", GraphBuilder.intAttr("transA", 1)).output("y", 2));
        assertTrue(transA.contains("(Gemm)") && transA.contains("transA=1"), transA);
        String unknown = error(dense2().node("Gemm", in("x", "W"), "h").node("Relu", in("h"), "y",
                GraphBuilder.intAttr("colour", 1)).output("y", 2));
        assertTrue(unknown.contains("(Relu)") && unknown.contains("'colour'"), unknown);
        String axis = error(dense2().node("Gemm", in("x", "W"), "h").node("Softmax", in("h"), "y",
                GraphBuilder.intAttr("axis", 0)).output("y", 2));
        assertTrue(axis.contains("(Softmax)") && axis.contains("axis 0"), axis);
        String exact = error(dense2().opset(20).node("Gemm", in("x", "W"), "h").node("Gelu", in("h"), "y").output("y", 2));
        assertTrue(exact.contains("exact GELU"), exact);
    }

    @Test
    void exactGeluWrittenOutIsRecognisedAndRefused() {
        // 0.5 * x * (1 + erf(x / sqrt(2))), the way PyTorch writes nn.GELU() without approximation
        byte[] m = dense2().node("Gemm", in("x", "W"), "h")
                .init("s2", new long[0], (float) Math.sqrt(2)).init("one", new long[0], 1).init("half", new long[0], 0.5f)
                .node("Div", in("h", "s2"), "d").node("Erf", in("d"), "e").node("Add", in("e", "one"), "a")
                .node("Mul", in("h", "a"), "m").node("Mul", in("m", "half"), "y").output("y", 2);
        String msg = error(m);
        assertTrue(msg.contains("exact (erf) GELU"), msg);
    }

    @Test
    void dropoutInTrainingModeIsRefused() {
        TensorProto yes = TensorProto.newBuilder().setName("t").setDataType(TensorProto.DataType.BOOL_VALUE)
                .addInt32Data(1).build();
        String msg = error(dense2().init(yes).node("Gemm", in("x", "W"), "h")
                .node("Dropout", in("h", "", "t"), "y").output("y", 2));
        assertTrue(msg.contains("(Dropout)") && msg.contains("training_mode"), msg);
    }

    @Test
    void weightsOfTheWrongSizeAreNamed() {
        String msg = error(Graphs.input(3).init("W", new long[] {2, 2}, 1, 0, 0, 1)
                .node("Gemm", in("x", "W"), "y").output("y", 2));
        assertTrue(msg.contains("take 2 inputs, the value before has 3"), msg);
        TensorProto shortRaw = OnnxTensors.floatTensor("W", new long[] {2, 2}, new float[] {1, 2, 3}).toBuilder()
                .clearDims().addDims(2).addDims(2).build();
        String raw = error(Graphs.input(2).init(shortRaw).node("Gemm", in("x", "W"), "y").output("y", 2));
        assertTrue(raw.contains("raw_data has 12 bytes, the dimensions need 16"), raw);
        TensorProto huge = shortRaw.toBuilder().clearDims().addDims(1L << 16).addDims(1L << 16).build();
        String big = error(Graphs.input(1 << 16).init(huge).node("Gemm", in("x", "W"), "y").output("y", 2));
        assertTrue(big.contains("more than 2^31 elements"), big);
    }

    @Test
    void nodesOffTheChainAreRefused() {
        String msg = error(dense2().node("Gemm", in("x", "W"), "y").node("Relu", in("W"), "dangling").output("y", 2));
        assertTrue(msg.contains("(Relu)") && msg.contains("not on the chain"), msg);
    }
}
