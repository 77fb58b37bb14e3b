package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exported models run in ONNX Runtime and give nn4j's own predictions, on every backend:
 * one MLP per activation (as hidden and as output activation).
 */
class ExportRuntimeTest {
    static final double TOLERANCE = 1e-5;
    static final TestSupport.Worst WORST = new TestSupport.Worst("nn4j predict vs ONNX Runtime, MLPs");

    static List<Activation> activations() {
        return List.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.leakyRelu(0.2), Activation.SOFTMAX, Activation.elu(0.6), Activation.GELU);
    }

    static Stream<Arguments> cases() {
        return TestSupport.onEveryBackend(activations());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void mlpMatchesOnnxRuntime(Activation f, String backend) throws Exception {
        Activation hidden = f.isRowWise() ? Activation.TANH : f;
        try (Sequential model = Sequential.builder().input(7)
                .dense(9, hidden).dense(6, f).dense(3, f)
                .loss(Losses.mse()).optimizer(new Adam(1e-3)).initializer(Initializer.HE).seed(7)
                .backend(TestSupport.backend(backend)).build()) {
            int batch = 5;
            float[] x = TestSupport.randomInput(batch * 7, 11);
            float[] ours = TestSupport.predict(model, x, batch);
            float[] ort = OrtRunner.run(OnnxExport.toBytes(model), x, batch, 7);
            double d = TestSupport.maxDiff(ort, ours);
            WORST.record(d, "mlp " + f + " on " + backend);
            assertTrue(d <= TOLERANCE, "max |nn4j - ORT| = " + d + " for " + f + " on " + backend);
        }
    }

    @AfterAll
    static void report() {
        WORST.print();
    }
}
