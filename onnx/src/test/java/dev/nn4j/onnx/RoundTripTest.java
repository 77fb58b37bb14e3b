package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.nn.DropoutConfig;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.RmsProp;
import dev.nn4j.tensor.Activation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @ParameterizedTest
    @MethodSource("backends")
    void cnnWithEveryLayerTypeSurvivesExportAndImport(String backend, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("cnn.onnx");
        try (Sequential original = CnnExportRuntimeTest.everyLayer(backend)) {
            CnnExportRuntimeTest.randomStatistics(original, 2);
            OnnxExport.save(original, file);
            try (Sequential back = OnnxImport.load(file, TestSupport.backend(backend))) {
                // the same layer types but dropout (left out of ONNX); padding comes back resolved to explicit sizes
                List<String> kept = new ArrayList<>();
                for (LayerConfig c : original.layerConfigs()) {
                    if (!(c instanceof DropoutConfig)) {
                        kept.add(c.type());
                    }
                }
                List<String> got = new ArrayList<>();
                for (LayerConfig c : back.layerConfigs()) {
                    got.add(c.type());
                }
                assertEquals(kept, got);
                List<Parameter> a = original.savedTensors();
                List<Parameter> b = back.savedTensors();
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).value().toFloatArray(), b.get(i).value().toFloatArray(),
                            a.get(i).name() + " vs " + b.get(i).name());
                }
                float[] x = TestSupport.randomInput(4 * 2 * 11 * 10, 8);
                assertArrayEquals(TestSupport.predict(original, x, 4), TestSupport.predict(back, x, 4), 1e-6f);
            }
        }
    }
}
