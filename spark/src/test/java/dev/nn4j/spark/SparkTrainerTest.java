package dev.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.train.FitConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SparkTrainer on {@code local[2,4]} (two task threads; a failed task is retried up to 4 times,
 * which plain {@code local[2]} does not do), loopback only, one SparkContext for the class.
 * The ground truth is nn4j's own single-machine {@code fit}: without shuffling, example i of
 * the RDD goes to shard i mod N, so step s of N workers at batch b sees exactly the examples of
 * single-machine batch s at batch N·b.
 */
class SparkTrainerTest {
    private static JavaSparkContext sc;

    /** Fires once, in the first attempt of one task; static because tasks run in this JVM. */
    static final AtomicInteger INJECTED = new AtomicInteger();

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("nn4j-spark-test")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** {@code n} examples with 5 features in [-1, 1] and one of 3 classes given by a fixed linear rule. */
    private static Dataset data(int n) {
        SplittableRandom r = new SplittableRandom(2024);
        float[] x = new float[n * 5];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] score = new double[3];
            for (int j = 0; j < 5; j++) {
                float v = (float) r.nextDouble(-1, 1);
                x[i * 5 + j] = v;
                score[0] += v * (j - 2);
                score[1] += v * (j % 2 == 0 ? 1 : -1);
                score[2] += v * 0.5;
            }
            labels[i] = score[0] > score[1] ? (score[0] > score[2] ? 0 : 2) : (score[1] > score[2] ? 1 : 2);
        }
        return Dataset.classification(x, 5, labels, 3);
    }

    private static Sequential model(DType dtype, Supplier<Optimizer> optimizer) {
        return Sequential.builder().input(5).dense(7, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(optimizer.get()).seed(11)
                .backend(Backends.get("plain")).dtype(dtype).build();
    }

    private static Sequential single(DType dtype, Supplier<Optimizer> optimizer, Dataset data, int batch, int epochs) {
        Sequential m = model(dtype, optimizer);
        m.fit(data, FitConfig.builder().epochs(epochs).batchSize(batch).shuffle(false).build());
        return m;
    }

    private static SparkTrainer.Builder trainer(int workers, int batch) {
        return SparkTrainer.builder().workers(workers).batchSizePerWorker(batch).shuffle(false);
    }

    private static SparkFit<Sequential> spark(SparkTrainer t, DType dtype, Supplier<Optimizer> optimizer, Dataset data, int epochs) {
        return t.fit(sc, model(dtype, optimizer), Samples.parallelize(sc, data, 3), epochs);
    }

    private static void assertSameParameters(GraphModel expected, GraphModel actual, double tolerance) {
        double worst = 0;
        for (int p = 0; p < expected.parameters().size(); p++) {
            double[] a = expected.parameters().get(p).value().toDoubleArray();
            double[] b = actual.parameters().get(p).value().toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
        }
        assertTrue(worst <= tolerance, "largest parameter difference " + worst + " exceeds " + tolerance);
        assertNotEquals(model(expected.dtype(), () -> new Sgd(0.1)).parameters().get(0).value().toDoubleArray()[0],
                actual.parameters().get(0).value().toDoubleArray()[0], "training must have moved the weights");
    }

    /** Parameters and statistics (batch norm's running mean and variance) must match bit for bit. */
    private static void assertBitwiseEqual(GraphModel expected, GraphModel actual) {
        for (int p = 0; p < expected.savedTensors().size(); p++) {
            Parameter a = expected.savedTensors().get(p);
            assertArrayEquals(a.value().toDoubleArray(), actual.savedTensors().get(p).value().toDoubleArray(), 0.0,
                    a.name());
        }
    }

    private static Sequential batchNormModel() {
        return Sequential.builder().input(5).dense(7, Activation.IDENTITY).batchNorm().activation(Activation.TANH)
                .dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.02)).seed(11)
                .backend(Backends.get("plain")).build();
    }

    @Test
    void gradientAveragingEqualsSingleMachineAtTheCombinedBatchForSgdAndAdam() {
        Dataset data = data(64);
        List<Supplier<Optimizer>> optimizers = List.of(() -> new Sgd(0.3, 0.9, true), () -> new Adam(0.02));
        SparkTrainer t = trainer(2, 8).sync(Sync.GRADIENT).build();
        for (Supplier<Optimizer> opt : optimizers) {
            assertSameParameters(single(DType.FLOAT64, opt, data, 16, 2), spark(t, DType.FLOAT64, opt, data, 2).model(),
                    1e-12);
            assertSameParameters(single(DType.FLOAT32, opt, data, 16, 2), spark(t, DType.FLOAT32, opt, data, 2).model(),
                    1e-6);
        }
    }

    @Test
    void parameterAveragingWithKOneAndPlainSgdEqualsSingleMachine() {
        Dataset data = data(64);
        Supplier<Optimizer> sgd = () -> new Sgd(0.3);
        SparkTrainer t = trainer(2, 8).sync(Sync.PARAMETERS).averagingEvery(1).build();
        assertSameParameters(single(DType.FLOAT64, sgd, data, 16, 2), spark(t, DType.FLOAT64, sgd, data, 2).model(),
                1e-12);
        assertSameParameters(single(DType.FLOAT32, sgd, data, 16, 2), spark(t, DType.FLOAT32, sgd, data, 2).model(),
                1e-6);
    }

    @Test
    void oneWorkerEqualsFitBitForBitInBothModes() {
        Dataset data = data(40);
        Supplier<Optimizer> adam = () -> new Adam(0.02);
        Sequential expected = single(DType.FLOAT32, adam, data, 8, 2);
        assertBitwiseEqual(expected, spark(trainer(1, 8).build(), DType.FLOAT32, adam, data, 2).model());
        SparkFit<Sequential> p = spark(trainer(1, 8).sync(Sync.PARAMETERS).averagingEvery(3).build(), DType.FLOAT32, adam, data, 2);
        assertBitwiseEqual(expected, p.model());
        assertEquals(4, p.rounds().size(), "5 steps per epoch in rounds of 3 and 2");
        assertEquals(List.of(3, 2, 3, 2), p.rounds().stream().map(RoundStats::steps).toList());
    }

    @Test
    void batchNormStatisticsTravelWithTheModelAndAreAveraged() {
        Dataset data = data(40);
        Sequential expected = batchNormModel();
        expected.fit(data, FitConfig.builder().epochs(2).batchSize(8).shuffle(false).build());
        assertEquals(2, expected.statistics().size(), "running mean and variance");
        for (SparkTrainer t : List.of(trainer(1, 8).build(),
                trainer(1, 8).sync(Sync.PARAMETERS).averagingEvery(2).build())) {
            Sequential m = batchNormModel();
            t.fit(sc, m, Samples.parallelize(sc, data, 2), 2);
            assertBitwiseEqual(expected, m);
        }
        for (SparkTrainer t : List.of(trainer(2, 4).build(),
                trainer(2, 4).sync(Sync.PARAMETERS).averagingEvery(2).build())) {
            Sequential m = batchNormModel();
            double[] before = m.statistics().get(0).value().toDoubleArray();
            t.fit(sc, m, Samples.parallelize(sc, data, 2), 1);
            double[] after = m.statistics().get(0).value().toDoubleArray();
            assertNotEquals(before[0], after[0], "the driver's running mean must follow the workers'");
        }
    }

    /** A small CNN on 1x4x5 images: samples travel flat, the workers feed them as images. */
    private static Sequential cnn(DType dtype) {
        return Sequential.builder().input(1, 4, 5)
                .conv2d(3, 3, dev.nn4j.nn.Padding.same(), Activation.TANH).maxPool(2).flatten()
                .dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.02)).seed(13)
                .backend(Backends.get("plain")).dtype(dtype).build();
    }

    private static Dataset images(int n) {
        SplittableRandom r = new SplittableRandom(99);
        float[] x = new float[n * 20];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < 20; j++) {
                x[i * 20 + j] = (float) r.nextDouble(-1, 1);
                sum += x[i * 20 + j] * (j < 10 ? 1 : -1);
            }
            labels[i] = sum > 0.5 ? 0 : sum < -0.5 ? 1 : 2;
        }
        return Dataset.classification(x, 20, labels, 3);
    }

    @Test
    void convolutionalModelsTrainOnImageShapedBatches() {
        Dataset data = images(48);
        Sequential expected = cnn(DType.FLOAT64);
        expected.fit(data, FitConfig.builder().epochs(2).batchSize(16).shuffle(false).build());
        Sequential gradient = cnn(DType.FLOAT64);
        trainer(2, 8).sync(Sync.GRADIENT).build().fit(sc, gradient, Samples.parallelize(sc, data, 2), 2);
        assertSameParameters(expected, gradient, 1e-12);
        Sequential one = cnn(DType.FLOAT32);
        Sequential oneSpark = cnn(DType.FLOAT32);
        one.fit(data, FitConfig.builder().epochs(2).batchSize(8).shuffle(false).build());
        trainer(1, 8).sync(Sync.PARAMETERS).averagingEvery(4).build()
                .fit(sc, oneSpark, Samples.parallelize(sc, data, 2), 2);
        assertBitwiseEqual(one, oneSpark);
    }

    /** A residual graph on 1x4x5 images: the same graph trained by fit and by one or two Spark workers. */
    private static GraphModel residual(DType dtype) {
        Input image = Input.of("image", 1, 4, 5);
        Node x = image.then(dev.nn4j.nn.Conv2DConfig.of(3, 3, dev.nn4j.nn.Padding.same(), Activation.TANH));
        Node y = x.then(dev.nn4j.nn.Conv2DConfig.of(3, 3, dev.nn4j.nn.Padding.same(), Activation.IDENTITY));
        Node out = Node.add(y, x).then(new dev.nn4j.nn.FlattenConfig()).dense(3, Activation.SOFTMAX);
        return GraphModel.builder(image, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.02)).seed(17)
                .backend(Backends.get("plain")).dtype(dtype).build();
    }

    @Test
    void graphModelsTrainLikeSequentialOnes() {
        Dataset data = images(48);
        GraphModel expected = residual(DType.FLOAT64);
        expected.fit(data, FitConfig.builder().epochs(2).batchSize(16).shuffle(false).build());
        GraphModel gradient = residual(DType.FLOAT64);
        SparkFit<GraphModel> fit = trainer(2, 8).sync(Sync.GRADIENT).build()
                .fit(sc, gradient, Samples.parallelize(sc, data, 2), 2);
        assertSameParameters(expected, fit.model(), 1e-12);
        GraphModel one = residual(DType.FLOAT32);
        GraphModel oneSpark = residual(DType.FLOAT32);
        one.fit(data, FitConfig.builder().epochs(2).batchSize(8).shuffle(false).build());
        trainer(1, 8).sync(Sync.PARAMETERS).averagingEvery(4).build()
                .fit(sc, oneSpark, Samples.parallelize(sc, data, 2), 2);
        assertBitwiseEqual(one, oneSpark);
        Input a = Input.of("a", 10);
        Input b = Input.of("b", 10);
        try (GraphModel two = GraphModel.builder(List.of(a, b), List.of(Node.add(a, b).dense(3, Activation.SOFTMAX)))
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.02)).backend(Backends.get("plain")).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer(1, 8).build().fit(sc, two, Samples.parallelize(sc, data, 2), 1));
            assertTrue(e.getMessage().contains("one input and one output"), e.getMessage());
        }
    }

    /**
     * A worker rebuilds its model from the broadcast file every round; the dropout masks must still
     * differ between rounds, epochs and shards (each was once the same), and repeat for the same one.
     */
    @Test
    void dropoutMasksDifferBetweenRoundsAndShardsAndRepeatForTheSameOne() throws Exception {
        Sequential m = Sequential.builder().input(5).dense(32, Activation.TANH).dropout(0.5)
                .dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).seed(11)
                .backend(Backends.get("plain")).build();
        var broadcast = sc.broadcast(ModelFile.toBytes(m, false));
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[8 * 5];
        float[] y = new float[8 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < 8; i++) {
            y[i * 3 + i % 3] = 1f;
        }
        double[] first = workerGradient(broadcast, 0, 0, 0, x, y);
        assertArrayEquals(first, workerGradient(broadcast, 0, 0, 0, x, y), 0.0, "same round and shard");
        for (int[] other : new int[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}) {
            double[] g = workerGradient(broadcast, other[0], other[1], other[2], x, y);
            assertTrue(!java.util.Arrays.equals(first, g),
                    "epoch " + other[0] + ", round " + other[1] + ", shard " + other[2] + " drew the masks of epoch 0,"
                            + " round 0, shard 0");
        }
    }

    /** The first layer's weight gradient a worker computes for one batch of 8 in the given round. */
    private static double[] workerGradient(org.apache.spark.broadcast.Broadcast<byte[]> model, int epoch, int round,
                                           int shard, float[] x, float[] y) throws Exception {
        RoundPlan plan = new RoundPlan(Sync.GRADIENT, "plain", 8, epoch, round, 0, 1, false, 11L, false, null);
        Iterator<WorkerResult> out = new RoundTask(model, plan).call(List.of(new Shard(shard, 8, 5, 3, x, y)).iterator());
        return out.next().gradients()[0];
    }

    @Test
    void twoRunsAreBitwiseIdentical() {
        Dataset data = data(96);
        SparkTrainer t = SparkTrainer.builder().workers(2).batchSizePerWorker(8).sync(Sync.PARAMETERS)
                .averagingEvery(2).seed(5).build();
        SparkFit a = spark(t, DType.FLOAT32, () -> new Adam(0.02), data, 2);
        SparkFit b = spark(t, DType.FLOAT32, () -> new Adam(0.02), data, 2);
        assertBitwiseEqual(a.model(), b.model());
        assertArrayEquals(a.epochLosses(), b.epochLosses(), 0.0);
        assertTrue(a.epochLosses()[1] < a.epochLosses()[0], "loss must fall: " + a);
    }

    @Test
    void unequalShardsAreWeightedByExamples() {
        Supplier<Optimizer> adam = () -> new Adam(0.02);
        SparkTrainer t = trainer(2, 8).build();
        // 67 examples: shards of 34 and 33, 5 steps per epoch, the last with 2 and 1 rows (single machine: 3).
        // 65 examples: shards of 33 and 32, the last step has 1 row on shard 0 and none on shard 1.
        for (int n : new int[] {67, 65}) {
            Dataset data = data(n);
            SparkFit<Sequential> fit = spark(t, DType.FLOAT64, adam, data, 2);
            assertSameParameters(single(DType.FLOAT64, adam, data, 16, 2), fit.model(), 1e-12);
            assertEquals(10, fit.rounds().size());
            assertEquals(2L * n, fit.examples());
            assertEquals(n % 16, fit.rounds().get(4).examples());
        }
    }

    @Test
    void aFailedTaskIsRetriedAndTheResultIsUnchanged() {
        Dataset data = data(64);
        SparkTrainer.Builder b = trainer(2, 8).sync(Sync.PARAMETERS).averagingEvery(2);
        SparkFit clean = spark(b.build(), DType.FLOAT32, () -> new Adam(0.02), data, 2);
        INJECTED.set(0);
        SparkTrainer failing = b.faultInjector((epoch, round, shard, attempt) -> {
            if (epoch == 1 && round == 1 && shard == 1 && attempt == 0) {
                INJECTED.incrementAndGet();
                throw new IllegalStateException("injected failure in epoch 1, round 1, shard 1");
            }
        }).build();
        SparkFit retried = spark(failing, DType.FLOAT32, () -> new Adam(0.02), data, 2);
        assertEquals(1, INJECTED.get(), "the failure must have been injected exactly once");
        assertBitwiseEqual(clean.model(), retried.model());
        assertArrayEquals(clean.epochLosses(), retried.epochLosses(), 0.0);
    }

    @Test
    void badConfigurationIsAClearError() {
        Dataset data = data(30);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().workers(0))
                .getMessage().contains("workers must be >= 1, got 0"));
        assertTrue(assertThrows(IllegalStateException.class, () -> SparkTrainer.builder().batchSizePerWorker(4).build())
                .getMessage().contains("workers is required"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> trainer(2, 4).averagingEvery(4).build()).getMessage().contains("needs sync(Sync.PARAMETERS)"));

        String tooLarge = assertThrows(IllegalArgumentException.class,
                () -> spark(trainer(2, 16).build(), DType.FLOAT32, () -> new Sgd(0.1), data, 1)).getMessage();
        assertTrue(tooLarge.contains("batchSizePerWorker 16 is larger than shard 0, which holds 15 of the 30"), tooLarge);

        String noBackend = assertThrows(IllegalArgumentException.class,
                () -> spark(trainer(2, 4).workerBackend("no-such-backend").build(), DType.FLOAT32, () -> new Sgd(0.1),
                        data, 1)).getMessage();
        assertTrue(noBackend.contains("cannot use backend 'no-such-backend'") && noBackend.contains("plain"), noBackend);

        JavaRDD<Sample> wrong = sc.parallelize(List.of(new Sample(new float[4], new float[3]),
                new Sample(new float[4], new float[3])), 1);
        String sizes = assertThrows(IllegalArgumentException.class, () -> trainer(1, 1).build()
                .fit(sc, model(DType.FLOAT32, () -> new Sgd(0.1)), wrong, 1)).getMessage();
        assertTrue(sizes.contains("samples have 4 features and 3 target values; the model takes 5"), sizes);
        assertThrows(IllegalArgumentException.class, () -> trainer(1, 1).build()
                .fit(sc, model(DType.FLOAT32, () -> new Sgd(0.1)), wrong, 0));
    }

    /** The README's example, as written there (with a small dataset and quiet progress bar). */
    @Test
    void readmeExample() {
        Sequential model = model(DType.FLOAT32, () -> new Adam(0.02));
        Dataset data = data(256);
        JavaSparkContext javaSparkContext = sc;
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        SparkFit<Sequential> fit = SparkTrainer.builder().workers(2).batchSizePerWorker(64)
                .sync(Sync.PARAMETERS).averagingEvery(64)
                .listener(new SparkProgressBar(quiet, false)).build()
                .fit(javaSparkContext, model, Samples.parallelize(javaSparkContext, data, 2), 5);
        assertEquals(5, fit.rounds().size(), "two steps per epoch fit in one round");
        assertTrue(fit.epochLosses()[4] < fit.epochLosses()[0], fit.toString());
        assertEquals(model, fit.model());
    }

    @Test
    void listenersRunOnTheDriverAndTheHistorySplitsEachRound() {
        Dataset data = data(64);
        List<String> events = new ArrayList<>();
        Thread driver = Thread.currentThread();
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        SparkTrainer t = trainer(2, 8).sync(Sync.PARAMETERS).averagingEvery(2)
                .listener(new RoundListener() {
                    @Override
                    public void onTrainBegin(int epochs, int roundsPerEpoch) {
                        events.add("begin " + epochs + "x" + roundsPerEpoch);
                    }

                    @Override
                    public void onRoundEnd(RoundStats round) {
                        assertEquals(driver, Thread.currentThread());
                        events.add("round " + round.epoch() + "." + round.round());
                    }

                    @Override
                    public void onEpochEnd(int epoch, double loss) {
                        events.add("epoch " + epoch);
                    }

                    @Override
                    public void onTrainEnd(SparkFit result) {
                        events.add("end");
                    }
                })
                .listener(new SparkProgressBar(new PrintStream(bar, true, StandardCharsets.UTF_8), false))
                .build();
        SparkFit<Sequential> fit = spark(t, DType.FLOAT32, () -> new Adam(0.02), data, 2);
        assertEquals(List.of("begin 2x2", "round 0.0", "round 0.1", "epoch 0", "round 1.0", "round 1.1", "epoch 1",
                "end"), events);
        String printed = bar.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("epoch 2/2") && printed.contains("examples/s"), printed);
        for (RoundStats r : fit.rounds()) {
            assertEquals(32, r.examples());
            assertTrue(r.broadcastMillis() >= 0 && r.aggregateMillis() >= 0 && r.workerMillis() > 0
                    && r.computeMillis() >= r.workerMillis(), r.toString());
            assertTrue(Double.isFinite(r.loss()) && r.loss() > 0, r.toString());
        }
        assertEquals(fit.seconds() > 0, true);
        assertTrue(fit.toString().contains("4 rounds, 128 examples"), fit.toString());
    }
}
