package dev.nn4j.spark.examples;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.data.MnistFormat;
import dev.nn4j.data.TrainTest;
import dev.nn4j.eval.Predictions;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.spark.RoundStats;
import dev.nn4j.spark.Samples;
import dev.nn4j.spark.SparkFit;
import dev.nn4j.spark.SparkProgressBar;
import dev.nn4j.spark.SparkTrainer;
import dev.nn4j.spark.Sync;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.listeners.HistoryListener;
import dev.nn4j.train.listeners.MetricsLog;
import dev.nn4j.train.listeners.ProgressBarListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The body of {@link FashionMnistOnSpark}, in a class of its own because it names Spark types:
 * it is loaded only after the command has found Spark on the class path.
 */
final class SparkTraining {
    private final FashionMnistOnSpark o;
    private final Backend backend;
    private final PrintStream out = System.out;

    SparkTraining(FashionMnistOnSpark options) {
        this.o = options;
        this.backend = Backends.get(options.backend);
    }

    /**
     * {@code --model}: the MLP 784-256-128-10 or the CNN of the examples' {@code fashion-mnist}
     * command (the same layers; nn4j-examples is not a dependency of this application jar).
     */
    private Sequential model(int inputs) {
        Sequential.Builder b = o.model.equals("cnn")
                ? Sequential.builder().input(1, 28, 28)
                        .layer(Conv2DConfig.of(32, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                        .batchNorm().activation(Activation.RELU).maxPool(2)
                        .layer(Conv2DConfig.of(64, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                        .batchNorm().activation(Activation.RELU).maxPool(2)
                        .flatten().dense(128, Activation.RELU).dropout(0.25)
                : Sequential.builder().input(inputs).dense(256, Activation.RELU).dense(128, Activation.RELU);
        return b.dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(o.learningRate))
                .initializer(Initializer.HE)
                .seed(o.seed)
                .backend(backend)
                .build();
    }

    private TrainTest load() throws IOException {
        TrainTest all;
        try {
            all = MnistFormat.load(o.data);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no data in " + o.data.toAbsolutePath() + " (" + e.getMessage()
                    + "); install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' or pass --data DIR");
        }
        return new TrainTest(first(all.train(), o.limit), first(all.test(), o.testLimit));
    }

    private static Dataset first(Dataset data, Integer limit) {
        return limit == null || limit >= data.size() ? data : data.first(limit);
    }

    int run() throws IOException {
        TrainTest data = load();
        Sequential mlp = model(data.train().featureCount());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("example", "fashion-mnist-on-spark");
        report.put("model", o.model);
        report.put("backend", backend.name());
        report.put("epochs", o.epochs);
        report.put("batchPerWorker", o.batch);
        report.put("trainSamples", data.train().size());
        report.put("testSamples", data.test().size());
        report.put("processors", Runtime.getRuntime().availableProcessors());
        double examplesPerSecond;
        double steady;   // examples/s after the first epoch (JIT warm-up), when there is more than one
        if (o.single) {
            HistoryListener log = new HistoryListener();
            FitConfig.Builder config = FitConfig.builder().epochs(o.epochs).batchSize(o.batch).seed(o.seed)
                    .recordStepLosses(false).logEpochs(o.noProgress).listener(log);   // a line per epoch without the bar
            if (!o.noProgress) {
                config.listener(new ProgressBarListener());
            }
            History h = mlp.fit(data.train(), config.build());
            examplesPerSecond = h.samplesSeen() / h.seconds();
            out.printf(Locale.ROOT, "single machine: %d epochs in %.2f s, %.0f examples/s, final loss %.4f%n",
                    h.epochs(), h.seconds(), examplesPerSecond, h.finalLoss());
            double[] perEpoch = log.log().series(MetricsLog.SAMPLES_PER_SECOND);
            double steadySeconds = 0;
            for (int e = Math.min(1, perEpoch.length - 1); e < perEpoch.length; e++) {
                steadySeconds += data.train().size() / perEpoch[e];
            }
            steady = data.train().size() * (perEpoch.length - Math.min(1, perEpoch.length - 1)) / steadySeconds;
            report.put("mode", "single");
            report.put("seconds", h.seconds());
            report.put("finalLoss", h.finalLoss());
            report.put("epochLosses", log.log().series(MetricsLog.LOSS));
        } else {
            // Model bytes are float data: LZ4 cannot shrink them, and a result above the default 1 MB
            // direct-result size takes a detour through the block manager. Both are overridable with --conf.
            SparkConf conf = new SparkConf().setAppName("nn4j-fashion-mnist")
                    .setIfMissing("spark.broadcast.compress", "false")
                    .setIfMissing("spark.task.maxDirectResultSize", "64m");
            String master = o.master != null ? o.master : conf.get("spark.master", "local[2]");
            conf.setMaster(master);
            if (master.startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                        .set("spark.ui.enabled", "false");
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                SparkTrainer.Builder b = SparkTrainer.builder().workers(o.workers).batchSizePerWorker(o.batch)
                        .sync(o.sync.equals("gradient") ? Sync.GRADIENT : Sync.PARAMETERS)
                        .averageOptimizerState(!o.noStateAveraging).seed(o.seed);
                if (o.sync.equals("parameters")) {
                    b.averagingEvery(o.every);
                }
                if (!o.noProgress) {
                    b.listener(new SparkProgressBar());
                }
                SparkTrainer trainer = b.build();
                out.printf("%s on %s, %s%n", trainer, master, mlp.toString().lines().findFirst().orElse(""));
                SparkFit<Sequential> fit = trainer.fit(sc, mlp, Samples.parallelize(sc, data.train(), o.workers), o.epochs);
                examplesPerSecond = fit.examplesPerSecond();
                steady = steadyExamplesPerSecond(fit.rounds());
                out.println(fit);
                double[] m = fit.meanRoundMillis();
                report.put("mode", o.sync);
                report.put("master", master);
                report.put("workers", o.workers);
                report.put("averagingEvery", o.sync.equals("gradient") ? 1 : o.every);
                report.put("stateAveraging", !o.noStateAveraging);
                report.put("seconds", fit.seconds());
                report.put("rounds", fit.rounds().size());
                report.put("meanBroadcastMillis", m[0]);
                report.put("meanComputeMillis", m[1]);
                report.put("meanWorkerMillis", m[2]);
                report.put("meanAggregateMillis", m[3]);
                report.put("epochLosses", fit.epochLosses());
                report.put("perRound", perRound(fit.rounds()));
            }
        }
        double accuracy = Predictions.accuracy(mlp, data.test());
        out.printf(Locale.ROOT, "test accuracy %.4f; %.0f examples/s after the first epoch%n", accuracy, steady);
        if (o.report != null) {
            report.put("examplesPerSecond", examplesPerSecond);
            report.put("steadyExamplesPerSecond", steady);
            report.put("testAccuracy", accuracy);
            Files.writeString(o.report, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(report)
                    + System.lineSeparator());
            out.println("Report written to " + o.report.toAbsolutePath());
        }
        mlp.close();
        return 0;
    }

    private static double steadyExamplesPerSecond(List<RoundStats> rounds) {
        int from = rounds.get(rounds.size() - 1).epoch() > 0 ? 1 : 0;
        long examples = 0;
        double millis = 0;
        for (RoundStats r : rounds) {
            if (r.epoch() >= from) {
                examples += r.examples();
                millis += r.totalMillis();
            }
        }
        return examples / (millis / 1e3);
    }

    private static List<Map<String, Object>> perRound(List<RoundStats> rounds) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RoundStats r : rounds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("steps", r.steps());
            m.put("examples", r.examples());
            m.put("loss", r.loss());
            m.put("broadcastMillis", r.broadcastMillis());
            m.put("computeMillis", r.computeMillis());
            m.put("workerMillis", r.workerMillis());
            m.put("aggregateMillis", r.aggregateMillis());
            out.add(m);
        }
        return out;
    }
}
