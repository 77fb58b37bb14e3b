package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.data.CsvReader;
import dev.nn4j.data.Dataset;
import dev.nn4j.data.FeatureScaler;
import dev.nn4j.data.MnistFormat;
import dev.nn4j.data.Split;
import dev.nn4j.data.TrainTest;
import dev.nn4j.eval.ConfusionMatrix;
import dev.nn4j.eval.Predictions;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.ClassTokenConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.EmbeddingConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.LayerNormConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.PatchesConfig;
import dev.nn4j.nn.PositionEmbeddingConfig;
import dev.nn4j.nn.RecurrentConfig;
import dev.nn4j.nn.ReshapeConfig;
import dev.nn4j.nn.SequencePoolConfig;
import dev.nn4j.nn.Sequential;
import dev.nn4j.nn.TransformerEncoderConfig;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.AdamW;
import dev.nn4j.tensor.Activation;
import dev.nn4j.toy.NeuralNetwork;
import dev.nn4j.train.EarlyStopping;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.LearningRateSchedule;
import dev.nn4j.train.StepSchedule;
import dev.nn4j.train.StopReason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code examples of README.md, as written there, so the README cannot drift from the API. */
class ReadmeExamplesTest {
    private static final double[][] XOR_IN = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] XOR_OUT = {{0}, {1}, {1}, {0}};

    @BeforeEach
    void plain() {
        Backends.setDefault("plain");
    }

    @AfterEach
    void clear() {
        Backends.setDefault(null);
    }

    @Test
    void cnnWithSummary() {
        Sequential cnn = Sequential.builder()
                .input(1, 28, 28)                                   // channels, height, width
                .conv2d(32, 3, Padding.same(), Activation.IDENTITY).batchNorm().activation(Activation.RELU).maxPool(2)
                .conv2d(64, 3, Padding.same(), Activation.IDENTITY).batchNorm().activation(Activation.RELU).maxPool(2)
                .flatten()
                .dense(128, Activation.RELU).dropout(0.25)
                .dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).initializer(Initializer.HE)
                .build();
        String summary = cnn.summary();
        assertTrue(summary.contains("[64x7x7]") && summary.contains("total: 422,026 parameters"), summary);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Sequential.builder().input(1, 28, 28).conv2d(32, 3, Padding.same(), Activation.RELU)
                        .dense(10, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                        .build());
        assertEquals("model builder: layer1 (dense) takes flat samples [features] but gets [32x28x28]; add flatten()"
                + " before it", e.getMessage());
    }

    @Test
    void visionTransformer(@TempDir Path dir) throws IOException {
        Input image = Input.of("image", 1, 28, 28);
        Node x = image.then(new PatchesConfig(7)).dense(64, Activation.IDENTITY)   // 16 tokens of 64
                .then(new ClassTokenConfig(64)).then(PositionEmbeddingConfig.learned(17, 64));
        for (int i = 0; i < 4; i++) {
            x = x.then(TransformerEncoderConfig.of(64, 4, 128).withNormFirst(true).withActivation("gelu").withDropout(0));
        }
        Node classes = x.then(new LayerNormConfig()).then(SequencePoolConfig.first()).dense(10, Activation.SOFTMAX);
        GraphModel vit = GraphModel.builder(image, classes).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(1e-3)).initializer(Initializer.XAVIER).build();
        String summary = vit.summary();
        assertTrue(summary.lines().anyMatch(l -> l.startsWith("transformer_encoder_4") && l.contains("[17x64]")), summary);
        double[][] xs = new double[8][784];
        double[][] ys = new double[8][10];
        for (int i = 0; i < 8; i++) {
            xs[i][i * 97] = 1;
            ys[i][i % 10] = 1;
        }
        Dataset data = Dataset.of(xs, ys);
        double before = vit.loss(data);
        vit.fit(data, FitConfig.builder().epochs(5).batchSize(4).logEpochs(false).build());
        assertTrue(vit.loss(data) < before, "training lowers the loss");
        Path file = dir.resolve("vit.nn4j");
        ModelFile.save(vit, file);
        try (GraphModel back = ModelFile.loadGraph(file)) {
            assertArrayEquals(vit.predict(xs)[3], back.predict(xs)[3], 0);
        }
        vit.close();
    }

    @Test
    void lstmOverTheRowsOfAnImage() {
        Input image = Input.of("image", 1, 28, 28);
        Node rows = image.then(ReshapeConfig.of(28, 28));                  // 28 steps of 28 pixels
        Node digits = rows.then(RecurrentConfig.lstm(28, 128)).dense(10, Activation.SOFTMAX);   // last step
        try (GraphModel lstm = GraphModel.builder(image, digits).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(1e-3)).build()) {
            assertEquals(List.of("image", "reshape_1", "recurrent_1", "dense_1"),
                    lstm.summary().lines().skip(1).limit(4).map(l -> l.split(" ")[0]).toList(), lstm.summary());
            assertEquals(4 * 128 * (28 + 128) + 2 * 4 * 128 + 128 * 10 + 10, lstm.parameterCount());
        }
    }

    @Test
    void characterLanguageModel() {
        int context = 16;                                                  // the README's 128, smaller for a test
        Input chars = Input.tokens("chars", context);                      // character ids, INT32
        Node x = chars.then(EmbeddingConfig.of(96, 32)).then(PositionEmbeddingConfig.learned(context, 32));
        for (int i = 0; i < 2; i++) {
            x = x.then(TransformerEncoderConfig.of(32, 4, 64).withNormFirst(true).withActivation("gelu")
                    .withCausalMask(true).withDropout(0));
        }
        Node logits = x.then(new LayerNormConfig()).dense(96, Activation.IDENTITY);  // the next character at every step
        try (GraphModel lm = GraphModel.builder(chars, logits).loss(Losses.tokenCrossEntropy())
                .optimizer(new AdamW(1e-3, 0.01)).initializer(Initializer.XAVIER).seed(1).build()) {
            int n = 64;
            int[] windows = new int[n * context];
            int[] nextChars = new int[n * context];
            String text = "the quick brown fox jumps over the lazy dog. ".repeat(40);
            for (int w = 0; w < n; w++) {
                for (int t = 0; t < context; t++) {
                    windows[w * context + t] = text.charAt(w * 7 + t) - 31;
                    nextChars[w * context + t] = text.charAt(w * 7 + t + 1) - 31;
                }
            }
            Dataset data = Dataset.ofTokens(windows, context, nextChars, context);
            double before = lm.loss(data);
            lm.fit(data, FitConfig.builder().epochs(6).batchSize(16).logEpochs(false)
                    .stepSchedule(StepSchedule.warmupCosine(4, 24, 0)).clipGradientNorm(1.0).build());
            assertTrue(lm.loss(data) < before - 1, "training lowers the loss by more than a nat: " + before + " -> "
                    + lm.loss(data));
            assertEquals(List.of(n, context), List.of(lm.targetBatchShape(n).dim(0), lm.targetBatchShape(n).dim(1)));
        }
    }

    @Test
    void residualBlockAsAGraph(@TempDir Path dir) throws IOException {
        Input image = Input.of("image", 1, 28, 28);
        Node x = image.then("stem", Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU));
        Node y = x.then(Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY).withBias(false))   // a residual block
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU))
                .then(Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig());
        Node block = Node.add(y, x).then(new ActivationConfig(Activation.RELU));                      // y + shortcut
        Node probabilities = block.then(new GlobalAvgPool2DConfig()).dense(10, Activation.SOFTMAX);
        GraphModel resnet = GraphModel.builder(image, probabilities)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).initializer(Initializer.HE).build();
        String summary = resnet.summary();
        assertTrue(summary.lines().anyMatch(l -> l.startsWith("add_1") && l.endsWith("batchnorm_3, activation_1")),
                summary);
        double[][] xs = new double[8][784];
        double[][] ys = new double[8][10];
        for (int i = 0; i < 8; i++) {
            xs[i][i * 50] = 1;
            ys[i][i % 10] = 1;
        }
        resnet.fit(Dataset.of(xs, ys), FitConfig.builder().epochs(1).batchSize(4).logEpochs(false).build());
        Path file = dir.resolve("resnet.nn4j");
        ModelFile.save(resnet, file);
        try (GraphModel back = ModelFile.loadGraph(file)) {
            assertArrayEquals(resnet.predict(xs)[3], back.predict(xs)[3], 0);
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Node.add(y, block.then(new GlobalAvgPool2DConfig())));
        assertTrue(e.getMessage().contains("batchnorm [16x28x28], globalavgpool2d [16]"), e.getMessage());
        resnet.close();
    }

    @Test
    void sequentialXor() {
        Sequential model = Sequential.builder()
                .input(2)
                .dense(4, Activation.TANH)
                .dense(1, Activation.SIGMOID)
                .loss(Losses.mse())
                .optimizer(new Adam(0.05))
                .seed(42)
                .build();
        History h = model.fit(Dataset.of(XOR_IN, XOR_OUT), FitConfig.builder().epochs(500).batchSize(4).build());
        double[][] out = model.predict(XOR_IN);
        for (int k = 0; k < 4; k++) {
            assertEquals(XOR_OUT[k][0], out[k][0], 0.2, "xor " + k);
        }
        assertTrue(h.finalLoss() < 0.05, h.toString());
    }

    @Test
    void toyFacade() {
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 42);
        nn.train(new double[] {1, 0}, new double[] {1});
        double[] y = nn.predict(new double[] {1, 0});
        String json = nn.toJson();
        assertEquals(1, y.length);
        assertTrue(json.contains("\"activation\":\"sigmoid\""), json);
    }

    @Test
    void fashionMnistLibraryExample(@TempDir Path dir) throws IOException {
        assumeTrue(MnistFormat.isPresent(Path.of("/usr/share/datasets/fashion-mnist")),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        TrainTest data = MnistFormat.load(Path.of("/usr/share/datasets/fashion-mnist"));
        Sequential model = Sequential.builder().input(784)
                .dense(256, Activation.RELU).dense(128, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).initializer(Initializer.HE).build();
        model.fit(data.train().first(2000), FitConfig.builder().epochs(1).batchSize(32)
                .schedule(LearningRateSchedule.cosine(10, 1e-6))
                .build());
        ConfusionMatrix cm = Predictions.confusion(model, data.test().first(500), MnistFormat.FASHION_CLASS_NAMES);
        assertTrue(cm.accuracy() > 0.5, cm.toString());
        ModelFile.save(model, dir.resolve("fashion.nn4j"));
        assertEquals(cm.accuracy(), Predictions.confusion(ModelFile.load(dir.resolve("fashion.nn4j"),
                Backends.get("plain")), data.test().first(500), MnistFormat.FASHION_CLASS_NAMES).accuracy());
    }

    /** Writes an iris-like CSV: three species, four measurements each, 150 rows. */
    private static Path irisLikeCsv(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        String[] names = {"setosa", "versicolor", "virginica"};
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 150; i++) {
            int c = i % 3;
            csv.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%s%n", 5 + c * 0.8 + r.nextGaussian() * 0.3,
                    3.4 - c * 0.3 + r.nextGaussian() * 0.3, 1.5 + c * 2 + r.nextGaussian() * 0.3,
                    0.2 + c * 0.8 + r.nextGaussian() * 0.15, names[c]));
        }
        return java.nio.file.Files.writeString(dir.resolve("iris.csv"), csv);
    }

    @Test
    void csvSplitScaleAndEarlyStopping(@TempDir Path dir) throws IOException {
        Path file = irisLikeCsv(dir);
        CsvReader reader = CsvReader.labelColumn("species");                 // the header row names the columns
        List<String> species = reader.labelNames(file);                      // [setosa, versicolor, virginica]
        Dataset all = reader.readClassification(file, species);              // numbers 0..2 instead: readClassification(file, 3)
        Split split = Split.of(all, 0.2, 42);                                // seeded random 80/20 split
        FeatureScaler scaler = FeatureScaler.standardize(split.train());     // statistics of the training part only
        Dataset train = scaler.apply(split.train());
        Dataset validation = scaler.apply(split.validation());
        Sequential model = Sequential.builder().input(train.featureCount())
                .dense(16, Activation.RELU).dense(species.size(), Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01)).build();
        History h = model.fit(train, FitConfig.builder().epochs(200).batchSize(16)
                .validationData(validation)                                  // val_loss, val_accuracy per epoch in h
                .earlyStopping(EarlyStopping.onValidationLoss(validation, 10))  // keeps the best epoch's weights
                .build());
        System.out.println(Predictions.confusion(model, validation, species));

        assertEquals(List.of("setosa", "versicolor", "virginica"), species);
        assertEquals(h.epochs(), h.validationLosses().length);
        assertTrue(h.stopReason() == StopReason.EARLY_STOPPING || h.epochs() == 200, h.toString());
        assertTrue(Predictions.accuracy(model, validation) > 0.85, h.toString());
    }
}
