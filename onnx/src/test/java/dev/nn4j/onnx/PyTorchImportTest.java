package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.nn.Sequential;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Models exported by PyTorch 1.13 import into nn4j and reproduce PyTorch's outputs on every backend. */
class PyTorchImportTest {
    static final double TOLERANCE = 1e-5;
    static final TestSupport.Worst WORST = new TestSupport.Worst("nn4j import vs PyTorch");

    static List<String> fixtures() {
        return List.of("mlp", "matmul_add", "act_identity", "act_sigmoid", "act_tanh", "act_relu", "act_leaky_relu",
                "act_softmax", "act_elu", "act_gelu", "cnn", "cnn_gap", "cnn_view");
    }

    static Stream<Arguments> cases() {
        return TestSupport.onEveryBackend(fixtures());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void reproducesPyTorch(String name, String backend) throws Exception {
        Fixture f = Fixture.load(name);
        try (Sequential model = OnnxImport.load(f.onnx(), TestSupport.backend(backend))) {
            float[] ours = TestSupport.predict(model, f.input(), f.batch());
            double d = TestSupport.maxDiff(f.output(), ours);
            WORST.record(d, name + " on " + backend);
            assertTrue(d <= TOLERANCE, "max |nn4j - PyTorch| = " + d + " for " + name + " on " + backend);
        }
    }

    @AfterAll
    static void report() {
        WORST.print();
    }
}
