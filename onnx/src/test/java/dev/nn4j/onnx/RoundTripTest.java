package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.nn.Activation;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Parameter;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.RmsProp;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Export then import gives the same architecture, parameters, loss, optimizer and predictions. */
class RoundTripTest {

    static java.util.stream.Stream<String> backends() {
        return TestSupport.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void mlpSurvivesExportAndImport(String backend, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("mlp.onnx");
        try (Sequential original = Sequential.builder().input(6)
                .dense(8, Activation.GELU).dense(7, Activation.elu(0.3)).dense(5, Activation.leakyRelu(0.05))
                .dense(4, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new RmsProp(0.01))
                .seed(3).backend(TestSupport.backend(backend)).build()) {
            OnnxExport.save(original, file);
            try (Sequential back = OnnxImport.load(file, TestSupport.backend(backend))) {
                assertEquals(original.layerConfigs(), back.layerConfigs());
                assertEquals(original.lossFunction().id(), back.lossFunction().id());
                assertEquals(original.optimizer().id(), back.optimizer().id());
                assertEquals(original.optimizer().config(), back.optimizer().config());
                for (Parameter p : original.parameters()) {
                    assertArrayEquals(p.value().toFloatArray(), back.parameter(p.name()).value().toFloatArray(), p.name());
                }
                float[] x = TestSupport.randomInput(9 * 6, 4);
                assertArrayEquals(TestSupport.predict(original, x, 9), TestSupport.predict(back, x, 9));
            }
        }
    }
}
