package dev.nn4j.spark.examples;

import dev.nn4j.data.MnistFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Fashion-MNIST MLP (784-256-128-10, ReLU, softmax cross-entropy, He, Adam) trained
 * data-parallel with nn4j-spark on {@code local[N]} or, under {@code spark-submit}, on a
 * cluster; {@code --single} trains the same model on one machine without Spark, for
 * comparison. Spark is not inside the jar (the cluster provides it): run it with
 * {@code spark-examples/spark.sh}, which puts Spark's jars from the Maven build on the class
 * path, or with {@code spark-submit} (docs/distributed.md). This class names no Spark type, so
 * it can say that Spark is missing instead of failing to load.
 *
 * <p>Exit codes: 0 success, 2 bad usage or input.
 */
@Command(name = "nn4j-spark-examples", mixinStandardHelpOptions = true, version = "nn4j spark examples 0.1.0",
        description = "Trains a Fashion-MNIST MLP or CNN data-parallel on Apache Spark (local[N] or spark-submit) and "
                + "prints examples/s, the per-round time split and the test accuracy.")
public final class FashionMnistOnSpark implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four Fashion-MNIST IDX files, on the driver (default: ${DEFAULT-VALUE}).")
    Path data = MnistFormat.DEBIAN_FASHION_MNIST;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2]; default: spark.master as spark-submit sets it, else local[2].")
    String master;

    @Option(names = "--model", paramLabel = "NAME",
            description = "The network: mlp (784-256-128-10) or cnn (the examples' default CNN: conv-BN-ReLU-pool "
                    + "twice, dense 128, dropout 0.25) (default: ${DEFAULT-VALUE}).")
    String model = "mlp";

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

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend of driver and workers (default: ${DEFAULT-VALUE}).")
    String backend = "plain";

    @Option(names = "--single", description = "Train on this machine without Spark (batch --batch), for comparison.")
    boolean single;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON summary of the run to FILE.")
    Path report;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new FashionMnistOnSpark());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        positive("--workers", workers);
        positive("--batch", batch);
        positive("--every", every);
        positive("--epochs", epochs);
        if (limit != null) {
            positive("--limit", limit);
        }
        if (testLimit != null) {
            positive("--test-limit", testLimit);
        }
        if (!model.equals("mlp") && !model.equals("cnn")) {
            throw new IllegalArgumentException("--model must be mlp or cnn, got '" + model + "'");
        }
        if (!sync.equals("gradient") && !sync.equals("parameters")) {
            throw new IllegalArgumentException("--sync must be gradient or parameters, got '" + sync + "'");
        }
        if (!single) {
            try {
                Class.forName("org.apache.spark.api.java.JavaSparkContext", false,
                        FashionMnistOnSpark.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("Spark is not on the class path; run this jar with "
                        + "spark-examples/spark.sh (local[N]) or spark-submit (a cluster), see docs/distributed.md");
            }
        }
        return new SparkTraining(this).run();
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
    }
}
