package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn4j.data.Dataset;
import dev.nn4j.data.MnistFormat;
import dev.nn4j.data.TrainTest;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.train.FitConfig;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trained Fashion-MNIST models, exported: the README's MLP (784-256-128-10) and a small CNN
 * with batch norm, trained briefly on the plain backend; ONNX Runtime's outputs on 1000 test
 * images match nn4j's on every backend.
 */
class FashionMnistExportTest {
    static final TestSupport.Worst WORST = new TestSupport.Worst("nn4j predict vs ONNX Runtime, trained Fashion-MNIST models");
    static final int TEST = 1000;

    @TempDir
    static Path dir;
    static Path saved;
    static Path savedCnn;
    static Dataset test;

    @BeforeAll
    static void train() throws Exception {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        TrainTest data = MnistFormat.load(MnistFormat.DEBIAN_FASHION_MNIST);
        test = data.test().first(TEST);
        saved = dir.resolve("fashion.nn4j");
        try (Sequential m = Sequential.builder().input(784)
                .dense(256, Activation.RELU).dense(128, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).initializer(Initializer.HE)
                .backend(TestSupport.backend("plain")).build()) {
            m.fit(data.train().first(5000), FitConfig.builder().epochs(1).batchSize(32).build());
            ModelFile.save(m, saved);
        }
        savedCnn = dir.resolve("fashion-cnn.nn4j");
        try (Sequential m = Sequential.builder().input(1, 28, 28)
                .conv2d(8, 3, Padding.same(), Activation.RELU).maxPool(2)
                .conv2d(16, 3, Padding.same(), Activation.IDENTITY).batchNorm().activation(Activation.RELU).maxPool(2)
                .flatten().dropout(0.25).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).initializer(Initializer.HE)
                .backend(TestSupport.backend("plain")).build()) {
            m.fit(data.train().first(2000), FitConfig.builder().epochs(1).batchSize(64).build());
            ModelFile.save(m, savedCnn);
        }
    }

    static java.util.stream.Stream<String> backends() {
        return TestSupport.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainedModelMatchesOnnxRuntime(String backend) throws Exception {
        try (Sequential m = ModelFile.load(saved, TestSupport.backend(backend))) {
            float[] x = Arrays.copyOf(test.features(), TEST * 784);
            float[] ours = TestSupport.predict(m, x, TEST);
            float[] ort = OrtRunner.run(OnnxExport.toBytes(m), x, TEST, 784);
            double d = TestSupport.maxDiff(ort, ours);
            WORST.record(d, "fashion-mnist MLP on " + backend);
            assertTrue(d <= ExportRuntimeTest.TOLERANCE, "max |nn4j - ORT| = " + d + " on " + backend);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainedCnnMatchesOnnxRuntime(String backend) throws Exception {
        try (Sequential m = ModelFile.load(savedCnn, TestSupport.backend(backend))) {
            int n = 200;
            float[] x = Arrays.copyOf(test.features(), n * 784);
            float[] ours = TestSupport.predict(m, x, n);
            float[] ort = OrtRunner.run(OnnxExport.toBytes(m), x, n, 1, 28, 28);
            double d = TestSupport.maxDiff(ort, ours);
            WORST.record(d, "fashion-mnist CNN on " + backend);
            assertTrue(d <= ExportRuntimeTest.TOLERANCE, "max |nn4j - ORT| = " + d + " on " + backend);
        }
    }

    @AfterAll
    static void report() {
        WORST.print();
    }
}
