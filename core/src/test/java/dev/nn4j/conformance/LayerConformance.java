package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.data.Dataset;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.AvgPool2DConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.DropoutConfig;
import dev.nn4j.nn.GradientCheck;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.MaxPool2DConfig;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.FitConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers of image models on every backend: finite-difference gradient checks in FLOAT64
 * (convolution with stride, padding and without bias, both pools, batch norm in training mode,
 * dropout with a fixed mask, a whole small CNN), shape inference and its errors, training and
 * inference modes, model files with batch-norm statistics, and many threads predicting on one model.
 */
public abstract class LayerConformance extends ConformanceSupport {
    private static final double GRAD_TOLERANCE = 1e-6;

    private Sequential.Builder f64(int... input) {
        return Sequential.builder().input(input).dtype(DType.FLOAT64).backend(backend()).seed(3)
                .initializer(Initializer.XAVIER).optimizer(new Sgd(0.1));
    }

    private Tensor random(DType dtype, long seed, int... dims) {
        Rng rng = new Rng(seed);
        Tensor t = backend().zeros(dtype, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        t.setAll(v);
        return t;
    }

    private void assertGradients(Sequential model, int batch) {
        Tensor x = random(DType.FLOAT64, 11, model.batchShape(batch).dims());
        Tensor t = random(DType.FLOAT64, 12, batch, model.outputSize());
        if (model.lossFunction().fusesWith(Activation.SOFTMAX)) {   // softmax cross-entropy wants distributions: one-hot rows
            double[] oneHot = new double[t.size()];
            for (int i = 0; i < batch; i++) {
                oneHot[i * model.outputSize() + i % model.outputSize()] = 1;
            }
            t.setAll(oneHot);
        }
        GradientCheck.Report r = GradientCheck.check(model, x, t);
        assertTrue(r.passes(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void convolutionGradientsWithStridePaddingAndNoBias() {
        assertGradients(f64(2, 5, 6)
                .layer(new Conv2DConfig(3, 3, 2, 2, 2, Padding.of(1, 0, 1, 1), false, Activation.TANH))
                .flatten().dense(2, Activation.IDENTITY).loss(Losses.mse()).build(), 2);
        assertGradients(f64(1, 5, 4)
                .layer(new Conv2DConfig(2, 2, 2, 1, 1, Padding.same(), true, Activation.SIGMOID))
                .flatten().dense(2, Activation.IDENTITY).loss(Losses.mse()).build(), 2);
        assertGradients(f64(3, 4, 4).conv2d(2, 1, Padding.valid(), Activation.IDENTITY)
                .flatten().dense(1, Activation.IDENTITY).loss(Losses.mse()).build(), 1);
    }

    @Test
    void poolingGradients() {
        assertGradients(f64(2, 6, 5).conv2d(2, 3, Padding.same(), Activation.TANH).maxPool(2)
                .flatten().dense(2, Activation.IDENTITY).loss(Losses.mse()).build(), 2);
        assertGradients(f64(2, 5, 5).conv2d(2, 3, Padding.same(), Activation.TANH)
                .layer(new AvgPool2DConfig(3, 3, 2, 2, Padding.same()))
                .flatten().dense(2, Activation.IDENTITY).loss(Losses.mse()).build(), 2);
        assertGradients(f64(2, 4, 3).conv2d(3, 2, Padding.same(), Activation.TANH).globalAvgPool()
                .dense(2, Activation.IDENTITY).loss(Losses.mse()).build(), 2);
    }

    @Test
    void batchNormGradientsInTrainingMode() {
        assertGradients(f64(2, 4, 4).conv2d(3, 3, Padding.same(), Activation.IDENTITY).batchNorm()
                .activation(Activation.TANH).flatten().dense(2, Activation.IDENTITY).loss(Losses.mse()).build(), 3);
        assertGradients(f64(5).dense(4, Activation.IDENTITY).batchNorm().activation(Activation.SIGMOID)
                .dense(2, Activation.IDENTITY).loss(Losses.mse()).build(), 4);
    }

    @Test
    void dropoutGradientsWithAFixedMask() {
        assertGradients(f64(6).dense(8, Activation.TANH).dropout(0.5).dense(2, Activation.IDENTITY)
                .loss(Losses.mse()).build(), 3);
    }

    @Test
    void seedDropoutRestartsTheMaskStream() {
        Sequential m = f64(6).dense(8, Activation.TANH).dropout(0.5).dense(2, Activation.IDENTITY)
                .loss(Losses.mse()).build();
        Tensor x = random(DType.FLOAT64, 11, 4, 6);
        Tensor t = random(DType.FLOAT64, 12, 4, 2);
        double[][] g = new double[3][];
        long[] seeds = {5, 5, 6};
        for (int i = 0; i < 3; i++) {
            m.seedDropout(seeds[i]);
            m.computeGradients(x, t);
            g[i] = m.parameters().get(0).gradient().toDoubleArray();
        }
        assertArrayEquals(g[0], g[1], 0.0, "the same seed draws the same masks");
        assertFalse(java.util.Arrays.equals(g[0], g[2]), "another seed draws other masks");
        m.close();
    }

    @Test
    void wholeSmallCnnGradients() {
        assertGradients(f64(1, 8, 8).conv2d(4, 3, Padding.same(), Activation.IDENTITY).batchNorm()
                .activation(Activation.TANH).maxPool(2).conv2d(3, 3, Padding.valid(), Activation.SIGMOID)
                .flatten().dense(5, Activation.TANH).dropout(0.25).dense(3, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).build(), 3);
    }

    @Test
    void shapesAreInferredAndSummarised() {
        Sequential m = Sequential.builder().input(1, 28, 28).backend(backend())
                .conv2d(32, 3, Padding.same(), Activation.IDENTITY).batchNorm().activation(Activation.RELU).maxPool(2)
                .layer(Conv2DConfig.of(64, 3, Padding.valid(), Activation.RELU).withStride(2))
                .flatten().dense(10, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .build();
        assertEquals(Shape.of(32, 28, 28), m.layers().get(0).outputShape());
        assertEquals(Shape.of(32, 14, 14), m.layers().get(3).outputShape());
        assertEquals(Shape.of(64, 6, 6), m.layers().get(4).outputShape());   // floor((14 - 3) / 2) + 1
        assertEquals(Shape.of(2304), m.layers().get(5).outputShape());
        assertEquals(Shape.of(1, 28, 28), m.inputShape());
        String summary = m.summary();
        assertTrue(summary.contains("conv2d") && summary.contains("[32x28x28]") && summary.contains("[2304]"), summary);
        long params = 32 * 9 + 32 + 2 * 32 + 64 * 32 * 9 + 64 + 2304 * 10 + 10;
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "total: %,d parameters (%,d trainable, %,d statistics)",
                params + 64, params, 64)), summary);
        assertEquals(params, m.parameterCount());
        m.close();
    }

    @Test
    void storedValuesPerLayerCountWhatEachBuiltLayerKeeps() {
        Sequential.Builder b = Sequential.builder().input(3, 12, 10).backend(backend())
                .layer(Conv2DConfig.of(6, 3, Padding.same(), Activation.IDENTITY).withBias(false)).batchNorm()
                .activation(Activation.RELU).maxPool(2).conv2d(5, 3, Padding.valid(), Activation.RELU)
                .layer(new AvgPool2DConfig(2, 2, 2, 2, Padding.valid())).flatten().dropout(0.2).dense(7, Activation.TANH)
                .batchNorm().dense(4, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1));
        long[] counted = b.storedValuesPerLayer();
        Sequential m = b.build();
        assertEquals(m.layers().size(), counted.length);
        for (int i = 0; i < counted.length; i++) {
            long kept = 0;
            for (dev.nn4j.autodiff.Parameter p : m.layers().get(i).parameters()) {
                kept += p.size();
            }
            for (dev.nn4j.autodiff.Parameter p : m.layers().get(i).statistics()) {
                kept += p.size();
            }
            assertEquals(kept, counted[i], "layer" + i + " " + m.layers().get(i).config().type());
        }
        assertEquals(6 * 27 + 4 * 6 + 5 * 54 + 5 + 10 * 7 + 7 + 4 * 7 + 7 * 4 + 4,
                java.util.Arrays.stream(counted).sum());
        m.close();
    }

    @Test
    void sameAndValidFollowTheDocumentedRules() {
        Sequential m = Sequential.builder().input(2, 7, 6).backend(backend())
                .layer(new Conv2DConfig(3, 4, 2, 2, 3, Padding.same(), true, Activation.RELU))   // ceil(7/2) x ceil(6/3)
                .layer(new MaxPool2DConfig(2, 2, 1, 1, Padding.valid()))
                .flatten().dense(1, Activation.SIGMOID).loss(Losses.binaryCrossEntropy()).optimizer(new Sgd(0.1)).build();
        assertEquals(Shape.of(3, 4, 2), m.layers().get(0).outputShape());
        assertEquals(Shape.of(3, 3, 1), m.layers().get(1).outputShape());
        m.close();
    }

    @Test
    void buildNamesTheLayerAndBothShapesOrTheImpossibleValue() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sequential.builder().input(1, 8, 8)
                .backend(backend()).conv2d(4, 3, Padding.same(), Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).build());
        assertTrue(e.getMessage().contains("layer1 (dense)") && e.getMessage().contains("[4x8x8]")
                && e.getMessage().contains("flatten"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Sequential.builder().input(1, 4, 4).backend(backend())
                .conv2d(2, 5, Padding.valid(), Activation.RELU).flatten().dense(1, Activation.SIGMOID)
                .loss(Losses.mse()).optimizer(new Sgd(0.1)).build());
        assertTrue(e.getMessage().contains("layer0 (conv2d)") && e.getMessage().contains("kernel 5x5")
                && e.getMessage().contains("4x4"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Sequential.builder().input(784).backend(backend())
                .maxPool(2).flatten().dense(1, Activation.SIGMOID).loss(Losses.mse()).optimizer(new Sgd(0.1)).build());
        assertTrue(e.getMessage().contains("layer0 (maxpool2d)") && e.getMessage().contains("[784]"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().input(1, 4, 4).dropout(1.0));
        assertTrue(a.getMessage().contains("layer0") && a.getMessage().contains("[0, 1)")
                && a.getMessage().contains("1.0"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class,
                () -> new Conv2DConfig(2, 3, 3, 0, 1, Padding.valid(), true, Activation.RELU));
        assertTrue(a.getMessage().contains("stride") && a.getMessage().contains("0x1"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new DropoutConfig(-0.1));
        assertTrue(a.getMessage().contains("-0.1"), a.getMessage());
    }

    @Test
    void dropoutAndBatchNormFollowTheMode() {
        Sequential m = Sequential.builder().input(4).backend(backend()).seed(5).dense(6, Activation.RELU)
                .batchNorm().dropout(0.5).dense(2, Activation.IDENTITY).loss(Losses.mse()).optimizer(new Sgd(0.1)).build();
        Tensor x = random(DType.FLOAT32, 1, 8, 4);
        Tensor p1 = m.predict(x);
        Tensor p2 = m.predict(x);
        assertArrayEquals(p1.toFloatArray(), p2.toFloatArray());               // inference: deterministic
        float[] t1 = m.forward(x, Mode.TRAINING).toFloatArray();
        float[] t2 = m.forward(x, Mode.TRAINING).toFloatArray();
        assertNotEquals(java.util.Arrays.toString(t1), java.util.Arrays.toString(t2));   // new masks each pass
        double[] running = m.parameter("layer1.running_mean").value().toDoubleArray();
        assertTrue(java.util.Arrays.stream(running).anyMatch(v -> v != 0), "training passes move the running mean");
        Tensor p3 = m.predict(x);
        assertNotEquals(java.util.Arrays.toString(p1.toFloatArray()), java.util.Arrays.toString(p3.toFloatArray()),
                "inference uses the updated running statistics");
        m.setMode(Mode.TRAINING);
        assertEquals(Mode.TRAINING, m.mode());
        m.close();
    }

    @Test
    void cnnModelFileKeepsBatchNormStatistics(@TempDir Path dir) throws Exception {
        Sequential m = cnn(backend(), DType.FLOAT32);
        Dataset data = images(64, 7);
        m.fit(data, FitConfig.builder().epochs(1).batchSize(16).build());
        Path file = dir.resolve("cnn.nn4j");
        ModelFile.save(m, file);
        try (Sequential loaded = ModelFile.load(file, backend())) {
            assertEquals(m.summary(), loaded.summary());
            assertArrayEquals(m.parameter("layer1.running_var").value().toFloatArray(),
                    loaded.parameter("layer1.running_var").value().toFloatArray());
            Tensor x = random(DType.FLOAT32, 9, 5, 1, 8, 8);
            assertArrayEquals(m.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
        }
        m.close();
    }

    @Test
    void cnnTrainsOnEveryBackendLikeOnPlainArithmetic() {
        Sequential m = cnn(backend(), DType.FLOAT32);
        Dataset data = images(96, 3);
        double before = m.loss(data);
        m.fit(data, FitConfig.builder().epochs(8).batchSize(16).build());
        double after = m.loss(data);
        assertTrue(after < 0.6 * before, "loss " + before + " -> " + after);
        m.close();
    }

    /** A small CNN over 1x8x8 images with every layer type. */
    static Sequential cnn(dev.nn4j.tensor.Backend backend, DType dtype) {
        return Sequential.builder().input(1, 8, 8).backend(backend).dtype(dtype).seed(21).initializer(Initializer.HE)
                .conv2d(4, 3, Padding.same(), Activation.IDENTITY).batchNorm().activation(Activation.RELU).maxPool(2)
                .layer(new Conv2DConfig(6, 3, 3, 1, 1, Padding.same(), false, Activation.RELU))
                .layer(new AvgPool2DConfig(2, 2, 2, 2, Padding.valid())).flatten().dense(8, Activation.RELU)
                .dropout(0.2).dense(2, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01))
                .build();
    }

    /** Images of a bright square in the left or right half: class 0 or 1. */
    static Dataset images(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] x = new double[n][64];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            int r = rng.nextInt(6);
            int c = label * 4 + rng.nextInt(3);
            for (int j = 0; j < 64; j++) {
                x[i][j] = 0.1 * rng.nextDouble();
            }
            for (int dr = 0; dr < 2; dr++) {
                for (int dc = 0; dc < 2; dc++) {
                    x[i][(r + dr) * 8 + c + dc] = 1;
                }
            }
            y[i][label] = 1;
        }
        return Dataset.of(x, y);
    }

    @Test
    void manyThreadsPredictExactlyWhatOneThreadPredicts() throws Exception {
        Sequential m = Sequential.builder().input(2).backend(backend()).seed(8).dense(4, Activation.TANH)
                .dense(1, Activation.SIGMOID).loss(Losses.mse()).optimizer(new Sgd(0.5)).build();
        int threads = 8;
        int perThread = predictionsPerThread();
        double[][] inputs = new double[64][];
        double[] expected = new double[inputs.length];
        Rng rng = new Rng(4);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new double[] {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
            expected[i] = m.predict(inputs[i])[0];
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            results.add(pool.submit(() -> {
                start.await();
                int wrong = 0;
                for (int i = 0; i < perThread; i++) {
                    int k = (i * 7 + offset) % inputs.length;
                    if (m.predict(inputs[k])[0] != expected[k]) {
                        wrong++;
                    }
                }
                return wrong;
            }));
        }
        start.countDown();
        int wrong = 0;
        for (Future<Integer> f : results) {
            wrong += f.get();
        }
        pool.shutdown();
        assertEquals(0, wrong, wrong + " of " + threads * perThread + " concurrent predictions differ");
        m.close();
    }

    /** Predictions per thread in the concurrency test (the issue asks for 100,000). */
    protected int predictionsPerThread() {
        return 100_000;
    }

    @Test
    void trainingFromASecondThreadFailsFastAndLeavesTheWeightsAlone() throws Exception {
        Sequential m = Sequential.builder().input(2).backend(backend()).seed(8).dense(4, Activation.TANH)
                .dense(1, Activation.SIGMOID).loss(Losses.mse()).optimizer(new Sgd(0.5)).build();
        Dataset data = LearningFixtures.xor();
        CountDownLatch inFit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FitConfig config = FitConfig.builder().epochs(2).batchSize(4).listener(new dev.nn4j.train.TrainingListener() {
            @Override
            public void onEpochEnd(dev.nn4j.train.TrainingContext context) {
                inFit.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        Thread trainer = new Thread(() -> m.fit(data, config));
        trainer.start();
        inFit.await();
        double[] weights = m.parameter("layer0.weights").value().toDoubleArray();
        try (Tensor x = backend().matrix(new double[][] {{0, 1}}); Tensor y = backend().matrix(new double[][] {{1}})) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.trainStep(x, y));
            assertTrue(e.getMessage().contains("another thread is training"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> m.predict(new double[] {0, 1}));
            assertTrue(e.getMessage().contains("being trained on another thread"), e.getMessage());
        }
        assertArrayEquals(weights, m.parameter("layer0.weights").value().toDoubleArray());
        release.countDown();
        trainer.join();
        assertEquals(1, m.predict(new double[][] {{0, 1}}).length);   // free again after fit returns
        m.close();
    }

    @Test
    void flattenIsAViewOnArrayBackends() {
        Tensor t = random(DType.FLOAT32, 2, 2, 3, 2, 2);
        Tensor v = dev.nn4j.tensor.Ops.reshape(t, Shape.matrix(2, 12));
        assertArrayEquals(t.toFloatArray(), v.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> dev.nn4j.tensor.Ops.reshape(t, Shape.matrix(5, 5)));
    }
}
