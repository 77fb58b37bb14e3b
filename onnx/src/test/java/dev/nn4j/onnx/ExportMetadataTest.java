package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exported file states its opset, a named input with a dynamic batch dimension, and who produced it. */
class ExportMetadataTest {

    @Test
    void opsetInputOutputAndProducerAreStated() throws Exception {
        ModelProto m;
        try (Sequential model = Sequential.builder().input(3).dense(4, Activation.GELU).dense(2, Activation.IDENTITY)
                .loss(Losses.mse()).optimizer(new Sgd(0.1)).backend(TestSupport.backend("plain")).build()) {
            m = ModelProto.parseFrom(OnnxExport.toBytes(model));
        }
        assertEquals(OnnxExport.IR_VERSION, m.getIrVersion());
        assertEquals(1, m.getOpsetImportCount());
        assertEquals("", m.getOpsetImport(0).getDomain());
        assertEquals(20, m.getOpsetImport(0).getVersion());
        assertEquals("nn4j", m.getProducerName());
        assertFalse(m.getProducerVersion().isEmpty() || m.getProducerVersion().contains("${"), m.getProducerVersion());
        assertTrue(m.getDocString().contains("dense"), m.getDocString());
        TensorShapeProto in = m.getGraph().getInput(0).getType().getTensorType().getShape();
        assertEquals("input", m.getGraph().getInput(0).getName());
        assertEquals("batch", in.getDim(0).getDimParam());
        assertEquals(3, in.getDim(1).getDimValue());
        TensorShapeProto out = m.getGraph().getOutput(0).getType().getTensorType().getShape();
        assertEquals("output", m.getGraph().getOutput(0).getName());
        assertEquals("batch", out.getDim(0).getDimParam());
        assertEquals(2, out.getDim(1).getDimValue());
        List<String> ops = new ArrayList<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            ops.add(n.getOpType());
        }
        assertEquals(List.of("Gemm", "Gelu", "Gemm"), ops);
        assertEquals("output", m.getGraph().getNode(2).getOutput(0));
        assertEquals("mse", m.getMetadataProps(0).getValue());
    }
}
