package dev.nn4j.examples;

import dev.nn4j.data.MnistFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spark}: the Fashion-MNIST MLP trained data-parallel on Apache Spark with nn4j-spark,
 * on {@code local[N]} or, under {@code spark-submit}, on a cluster; {@code --single} trains the
 * same model on one machine without Spark, for comparison. Spark is not inside the examples
 * jar (the cluster provides it): run it with {@code examples/spark.sh}, which puts Spark's jars
 * from the Maven build on the class path, or with {@code spark-submit} (docs/distributed.md).
 * The command checks for Spark before it touches any Spark class.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Trains the Fashion-MNIST MLP data-parallel on Apache Spark (local[N] or spark-submit) and "
                + "prints examples/s, the per-round time split and the test accuracy.")
final class SparkCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    Path data = MnistFormat.DEBIAN_FASHION_MNIST;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2]; default: spark.master as spark-submit sets it, else local[2].")
    String master;

    @Option(names = "--workers", paramLabel = "N", description = "Shards, one task each per round (default: ${DEFAULT-VALUE}).")
    int workers = 2;

    @Option(names = "--batch", paramLabel = "N", description = "Examples per worker batch (default: ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--sync", paramLabel = "MODE",
            description = "gradient (exact, a job per step) or parameters (a job per K steps) (default: ${DEFAULT-VALUE}).")
    String sync = "parameters";

    @Option(names = "--every", paramLabel = "K", description = "Local steps between parameter averages (default: ${DEFAULT-VALUE}).")
    int every = 16;

    @Option(names = "--no-state-averaging",
            description = "Do not average Adam's state; every worker restarts it each round (smaller messages).")
    boolean noStateAveraging;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 3;

    @Option(names = "--learning-rate", paramLabel = "R", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-3;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights and of shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training samples only (default: all).")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test samples only (default: all).")
    Integer testLimit;

    @Option(names = "--single", description = "Train on this machine without Spark (batch --batch), for comparison.")
    boolean single;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON summary of the run to FILE.")
    Path report;

    @Mixin
    BackendOption backend = new BackendOption();

    @Override
    public Integer call() throws Exception {
        TrainingOptions.positive("--workers", workers);
        TrainingOptions.positive("--batch", batch);
        TrainingOptions.positive("--every", every);
        TrainingOptions.positive("--epochs", epochs);
        if (!sync.equals("gradient") && !sync.equals("parameters")) {
            throw new IllegalArgumentException("--sync must be gradient or parameters, got '" + sync + "'");
        }
        if (!single) {
            try {
                Class.forName("org.apache.spark.api.java.JavaSparkContext", false, SparkCommand.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("Spark is not on the class path; run this command with "
                        + "examples/spark.sh (local[N]) or spark-submit (a cluster), see docs/distributed.md");
            }
        }
        return new SparkTraining(this, backend.resolvePreferring("plain",
                "fastest on this MLP with one thread per worker")).run();
    }
}
