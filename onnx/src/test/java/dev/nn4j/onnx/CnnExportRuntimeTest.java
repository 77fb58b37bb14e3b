package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.AvgPool2DConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.DropoutConfig;
import dev.nn4j.nn.FlattenConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.MaxPool2DConfig;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CNNs with every layer type, exported and run in ONNX Runtime, give nn4j's predictions on
 * every backend. Batch-norm statistics are set to non-trivial values first, so the inference
 * form is really exercised.
 */
class CnnExportRuntimeTest {
    static final TestSupport.Worst WORST = new TestSupport.Worst("nn4j predict vs ONNX Runtime, CNNs");

    static java.util.stream.Stream<String> backends() {
        return TestSupport.backends();
    }

    /** Every layer type: conv (valid, same, explicit padding, with and without bias), both pools, batch norm after conv and dense, dropout, standalone activations, flatten, global pooling. */
    static Sequential everyLayer(String backend) {
        return Sequential.builder().input(2, 11, 10)
                .layer(new Conv2DConfig(4, 3, 3, 1, 1, Padding.same(), true, Activation.IDENTITY))
                .layer(new BatchNormConfig(1e-3, 0.1))
                .layer(new ActivationConfig(Activation.RELU))
                .layer(new MaxPool2DConfig(2, 2, 2, 2, Padding.same()))
                .layer(new Conv2DConfig(5, 3, 2, 2, 1, Padding.of(1, 0, 2, 1), false, Activation.elu(0.5)))
                .layer(new AvgPool2DConfig(3, 3, 1, 1, Padding.of(1, 1, 1, 1)))
                .layer(new DropoutConfig(0.25))
                .layer(new Conv2DConfig(6, 1, 1, 1, 1, Padding.valid(), true, Activation.GELU))
                .layer(new FlattenConfig())
                .dense(12, Activation.IDENTITY)
                .layer(new BatchNormConfig(1e-5, 0.1))
                .layer(new ActivationConfig(Activation.TANH))
                .dense(4, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).seed(5)
                .backend(TestSupport.backend(backend)).build();
    }

    static Sequential globalPool(String backend) {
        return Sequential.builder().input(3, 8, 8)
                .layer(new Conv2DConfig(6, 3, 3, 2, 2, Padding.valid(), true, Activation.leakyRelu(0.1)))
                .layer(new ActivationConfig(Activation.SIGMOID))
                .layer(new GlobalAvgPool2DConfig())
                .dense(3, Activation.IDENTITY)
                .loss(Losses.mse()).optimizer(new Adam(1e-3)).seed(6)
                .backend(TestSupport.backend(backend)).build();
    }

    /** Gives running means and variances values away from 0 and 1. */
    static void randomStatistics(dev.nn4j.nn.GraphModel m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Parameter p : m.statistics()) {
            double[] v = new double[p.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = p.name().endsWith("running_var") ? 0.5 + r.nextDouble() : r.nextDouble() - 0.5;
            }
            p.set(v);
        }
        for (Parameter p : m.parameters()) {
            if (p.name().endsWith("gamma") || p.name().endsWith("beta")) {
                double[] v = new double[p.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = p.name().endsWith("gamma") ? 0.5 + r.nextDouble() : r.nextDouble() - 0.5;
                }
                p.set(v);
            }
        }
    }

    private static void check(Sequential m, String what, String backend) throws Exception {
        randomStatistics(m, 9);
        int[] in = LayerShapes.inputShape(m);
        int per = ChainReader.size(in);
        int batch = 3;
        float[] x = TestSupport.randomInput(batch * per, 13);
        long[] shape = {batch, in[0], in[1], in[2]};
        float[] ours = TestSupport.predict(m, x, batch);
        float[] ort = OrtRunner.run(OnnxExport.toBytes(m), x, shape);
        double d = TestSupport.maxDiff(ort, ours);
        WORST.record(d, what + " on " + backend);
        assertTrue(d <= ExportRuntimeTest.TOLERANCE, "max |nn4j - ORT| = " + d + " for " + what + " on " + backend);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void cnnWithEveryLayerTypeMatchesOnnxRuntime(String backend) throws Exception {
        try (Sequential m = everyLayer(backend)) {
            check(m, "every-layer CNN", backend);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void globalPoolingCnnMatchesOnnxRuntime(String backend) throws Exception {
        try (Sequential m = globalPool(backend)) {
            check(m, "global-pool CNN", backend);
        }
    }

    @AfterAll
    static void report() {
        WORST.print();
    }
}
