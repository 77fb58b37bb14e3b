package dev.nn4j.onnx;

import static dev.nn4j.onnx.Graphs.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.tensor.DType;
import org.junit.jupiter.api.Test;

/** Image nodes with attributes nn4j cannot represent are refused, naming the node, op and attribute. */
class ImageGraphErrorTest {

    private static Graphs conv(AttributeProto... attrs) {
        return Graphs.input(2, 5, 5).init("W", new long[] {3, 2, 3, 3}, new float[54])
                .node("Conv", in("x", "W"), "y", attrs);
    }

    private static String error(byte[] bytes) {
        return assertThrows(OnnxFormatException.class, () -> OnnxImport.fromBytes(null, bytes, TestSupport.backend("plain"),
                DType.FLOAT32, null, null).close()).getMessage();
    }

    private static void refused(String expected, byte[] bytes) {
        String msg = error(bytes);
        assertTrue(msg.contains(expected), "expected '" + expected + "' in: " + msg);
    }

    @Test
    void convAttributes() {
        refused("(Conv): attribute dilations [2, 2] is not supported", conv(GraphBuilder.intsAttr("dilations", 2, 2))
                .output("y", 3, 1, 1));
        refused("(Conv): attribute group=2 is not supported", conv(GraphBuilder.intAttr("group", 2)).output("y", 3, 3, 3));
        refused("(Conv): attribute auto_pad=SAME_LOWER is not supported",
                conv(GraphBuilder.stringAttr("auto_pad", "SAME_LOWER")).output("y", 3, 5, 5));
        refused("weights [3, 2, 3, 3] take 2 channels, the input has 4", Graphs.input(4, 5, 5)
                .init("W", new long[] {3, 2, 3, 3}, new float[54]).node("Conv", in("x", "W"), "y").output("y", 3, 3, 3));
    }

    @Test
    void poolAttributes() {
        Graphs g = Graphs.input(2, 6, 6);
        refused("(MaxPool): attribute ceil_mode=1 is not supported", g.node("MaxPool", in("x"), "y",
                GraphBuilder.intsAttr("kernel_shape", 2, 2), GraphBuilder.intAttr("ceil_mode", 1)).output("y", 2, 3, 3));
        refused("(AveragePool): attribute count_include_pad=1 with pads [1, 1, 1, 1]", Graphs.input(2, 6, 6)
                .node("AveragePool", in("x"), "y", GraphBuilder.intsAttr("kernel_shape", 3, 3),
                        GraphBuilder.intsAttr("pads", 1, 1, 1, 1), GraphBuilder.intAttr("count_include_pad", 1))
                .output("y", 2, 6, 6));
        refused("(MaxPool): attribute kernel_shape is missing", Graphs.input(2, 6, 6).node("MaxPool", in("x"), "y")
                .output("y", 2, 6, 6));
        refused("(MaxPool): its Indices output 'idx' is used", Graphs.input(2, 6, 6).node(
                ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setName("mp").setOpType("MaxPool").addInput("x")
                        .addOutput("y").addOutput("idx").addAttribute(GraphBuilder.intsAttr("kernel_shape", 2, 2)).build())
                .output("idx", 2, 5, 5));
    }

    @Test
    void denseOnImagesAndSoftmaxOverChannels() {
        refused("(Gemm): needs a [batch, features] input but gets [batch, 2, 3, 3]; add a Flatten", Graphs.input(2, 3, 3)
                .init("W", new long[] {18, 2}, new float[36]).node("Gemm", in("x", "W"), "y").output("y", 2));
        refused("softmax over axis 1 of a [batch, 2, 3, 3] value", Graphs.input(2, 3, 3)
                .node("Softmax", in("x"), "y", GraphBuilder.intAttr("axis", 1)).output("y", 2, 3, 3));
    }

    @Test
    void sameUpperAndExplicitPadsBecomeNn4jPadding() throws Exception {
        // nn4j models end flat: a Flatten after the Conv
        byte[] same = conv(GraphBuilder.stringAttr("auto_pad", "SAME_UPPER"), GraphBuilder.intsAttr("strides", 2, 2))
                .node("Flatten", in("y"), "f").output("f", 27);
        try (Sequential m = OnnxImport.fromBytes(null, same, TestSupport.backend("plain"), DType.FLOAT32, null, null)) {
            assertEquals(new Conv2DConfig(3, 3, 3, 2, 2, Padding.same(), false, dev.nn4j.tensor.Activation.IDENTITY),
                    m.layerConfigs().get(0));
        }
        byte[] explicit = conv(GraphBuilder.intsAttr("pads", 0, 1, 2, 1)).node("Flatten", in("y"), "f").output("f", 75);
        try (Sequential m = OnnxImport.fromBytes(null, explicit, TestSupport.backend("plain"), DType.FLOAT32, null, null)) {
            assertEquals(Padding.of(0, 1, 2, 1), ((Conv2DConfig) m.layerConfigs().get(0)).padding());
            assertEquals(java.util.List.of(3, 5, 5), java.util.Arrays.stream(m.layers().get(0).outputShape().dims()).boxed()
                    .collect(java.util.stream.Collectors.toList()));
        }
    }
}
