package dev.nn4j.examples;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.nn.Initializer;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streetlight}: the walk-through of "deep learning without frameworks" (Grokking Deep
 * Learning, chapter 6), written with core's tensors and {@link Ops} so every step shows:
 * predict, compare, learn.
 *
 * <ul>
 * <li>Single layer: 3 lights, 6 patterns, walk (1) or stop (0); weights start at the book's
 *     {@code [0.5, 0.48, -0.7]}, alpha 0.1, one update per pattern (online), 40 iterations.
 *     Only the middle light predicts walking, so the weights end near {@code [0, 1, 0]}.</li>
 * <li>Deep: the book's second data set, where walk = light 1 XOR light 2 (light 3 always on)
 *     and no single light predicts anything. A hidden layer of 4 ReLU units (weights uniform in
 *     [-1, 1) from seed 1, no biases, as in the book), alpha 0.2, 60 iterations.</li>
 * </ul>
 * The single layer provably cannot learn the second set: its patterns satisfy
 * {@code p1 + p2 = p3 + p4} (lights (1,0,1) + (0,1,1) = (0,0,1) + (1,1,1)), so the predictions
 * of any linear map do too, while the targets sum to 2 and 0. Minimising
 * {@code (p1-1)² + (p2-1)² + p3² + p4²} under that constraint gives 1.0: no weights do better.
 */
@Command(name = "streetlight", mixinStandardHelpOptions = true,
        description = {"The streetlight walk-through: a single layer learns which light means walk (weights end "
                + "near [0, 1, 0]); a network with a hidden layer of 4 ReLU units learns walk = light 1 XOR light 2, "
                + "which no single layer can.",
                "Why not: the patterns (1,0,1) + (0,1,1) equal (0,0,1) + (1,1,1), so any single layer's predictions "
                        + "satisfy p1 + p2 = p3 + p4 while the targets are 1, 1, 0, 0; the least squared error under "
                        + "that constraint, (p1-1)^2 + (p2-1)^2 + p3^2 + p4^2, is 1.0.",
                "Writes streetlight-error.png (800 x 450): the error per iteration of both.",
                "Learned when the single layer's weights are within 0.05 of [0, 1, 0] and the deep net's error per "
                        + "iteration ends at most 0.05 (every prediction within about 0.11 of its target, against at least 1.0 for "
                        + "any single layer); exit code 1 otherwise."})
final class StreetlightCommand implements Callable<Integer> {
    static final double[][] LIGHTS = {{1, 0, 1}, {0, 1, 1}, {0, 0, 1}, {1, 1, 1}, {0, 1, 1}, {1, 0, 1}};
    static final double[] WALK = {0, 1, 0, 1, 1, 0};
    static final double[] BOOK_WEIGHTS = {0.5, 0.48, -0.7};
    static final double[][] XOR_LIGHTS = {{1, 0, 1}, {0, 1, 1}, {0, 0, 1}, {1, 1, 1}};
    static final double[] XOR_WALK = {1, 1, 0, 0};
    static final int SINGLE_ITERATIONS = 40;
    static final int DEEP_ITERATIONS = 60;
    static final int HIDDEN = 4;
    /** The smallest squared error per iteration any single layer can reach on the XOR lights (see the class doc). */
    static final double SINGLE_LAYER_BOUND = 1.0;
    static final double WEIGHT_TOLERANCE = 0.05;
    static final double DEEP_ERROR_THRESHOLD = 0.05;
    static final int WIDTH = 800;
    static final int HEIGHT = 450;

    @Mixin
    BackendOption backend = new BackendOption();

    @Mixin
    OutOption out = new OutOption();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the deep net's initial weights (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    /** Errors per iteration, and the final weights of the single layer. */
    record Run(double[] errors, double[] weights) {
    }

    @Override
    public Integer call() throws IOException {
        Backend b = backend.resolve();
        Run single = singleLayer(b, LIGHTS, WALK, BOOK_WEIGHTS, 0.1, SINGLE_ITERATIONS);
        Run singleOnXor = singleLayer(b, XOR_LIGHTS, XOR_WALK, BOOK_WEIGHTS, 0.2, DEEP_ITERATIONS);
        double[] deep = deep(b, XOR_LIGHTS, XOR_WALK, seed, 0.2, DEEP_ITERATIONS);

        System.out.println("Squared error summed over the patterns, per iteration, on " + b.name() + ":");
        System.out.println("  iteration | single layer, 6 patterns | single layer, 1 XOR 2 | deep (4 ReLU), 1 XOR 2");
        for (int i = 0; i < DEEP_ITERATIONS; i++) {
            System.out.printf(Locale.ROOT, "  %9d | %24s | %21.6f | %22.6g%n", i + 1,
                    i < single.errors.length ? String.format(Locale.ROOT, "%.6f", single.errors[i]) : "",
                    singleOnXor.errors[i], deep[i]);
        }
        double[] w = single.weights;
        double offTarget = Math.max(Math.abs(w[0]), Math.max(Math.abs(w[1] - 1), Math.abs(w[2])));
        System.out.printf(Locale.ROOT, "%nSingle layer, 6 patterns: weights [%.4f, %.4f, %.4f]: the middle light "
                + "means walk.%n", w[0], w[1], w[2]);
        System.out.printf(Locale.ROOT, "Walk = light 1 XOR light 2: single layer ends at %.4f (no weights can go "
                + "below %.1f), the deep net at %.3g.%n%n", last(singleOnXor.errors), SINGLE_LAYER_BOUND, last(deep));

        Path png = out.file("streetlight-error.png");
        new LineChart("Streetlight: error per iteration", "iteration", "squared error (log scale)", true)
                .add("single layer, 6 patterns", single.errors, 1, 1)
                .add("single layer, light 1 XOR light 2", singleOnXor.errors, 1, 1)
                .add("deep, 4 ReLU, light 1 XOR light 2", deep, 1, 1)
                .write(png, WIDTH, HEIGHT);
        System.out.println("Error curves written to " + png.toAbsolutePath());
        int a = Goal.atMost("single layer's largest distance from [0, 1, 0]", WEIGHT_TOLERANCE).report(offTarget,
                System.out);
        int c = Goal.atMost("deep net's final error", DEEP_ERROR_THRESHOLD).report(last(deep), System.out);
        return Math.max(a, c);
    }

    /**
     * One layer of weights, no bias, trained online: for each pattern predict
     * {@code input · weights}, compare {@code delta = prediction − goal}, learn
     * {@code weights −= alpha · inputᵀ · delta}.
     */
    static Run singleLayer(Backend b, double[][] lights, double[] walk, double[] initial, double alpha,
            int iterations) {
        Tensor[] inputs = rows(b, lights);
        Tensor[] goals = goals(b, walk);
        try (Tensor weights = b.fromArray(initial, initial.length, 1);
             Tensor prediction = b.zeros(DType.FLOAT64, 1, 1);
             Tensor delta = b.zeros(DType.FLOAT64, 1, 1)) {
            double[] errors = new double[iterations];
            for (int it = 0; it < iterations; it++) {
                for (int i = 0; i < inputs.length; i++) {
                    Ops.matmul(inputs[i], weights, prediction);                    // predict
                    Ops.sub(prediction, goals[i], delta);                          // compare
                    errors[it] += Ops.dot(delta, delta);
                    Ops.gemm(true, false, -alpha, inputs[i], delta, 1, weights);  // learn
                }
            }
            return new Run(errors, weights.toDoubleArray());
        } finally {
            close(inputs);
            close(goals);
        }
    }

    /**
     * Three lights, a hidden layer of {@value #HIDDEN} ReLU units, one output, no biases,
     * trained online: predict through both layers, compare at the output, send the delta back
     * through {@code weights12} and the ReLU's slope, learn both weight matrices. Returns the
     * error per iteration.
     */
    static double[] deep(Backend b, double[][] lights, double[] walk, long seed, double alpha, int iterations) {
        Rng rng = new Rng(seed);
        Tensor[] inputs = rows(b, lights);
        Tensor[] goals = goals(b, walk);
        try (Tensor weights01 = b.fromArray(Initializer.UNIFORM.weights(rng, 3, HIDDEN), 3, HIDDEN);
             Tensor weights12 = b.fromArray(Initializer.UNIFORM.weights(rng, HIDDEN, 1), HIDDEN, 1);
             Tensor z1 = b.zeros(DType.FLOAT64, 1, HIDDEN);
             Tensor layer1 = b.zeros(DType.FLOAT64, 1, HIDDEN);
             Tensor layer1Error = b.zeros(DType.FLOAT64, 1, HIDDEN);
             Tensor layer1Delta = b.zeros(DType.FLOAT64, 1, HIDDEN);
             Tensor layer2 = b.zeros(DType.FLOAT64, 1, 1);
             Tensor layer2Delta = b.zeros(DType.FLOAT64, 1, 1)) {
            double[] errors = new double[iterations];
            for (int it = 0; it < iterations; it++) {
                for (int i = 0; i < inputs.length; i++) {
                    Ops.matmul(inputs[i], weights01, z1);                                 // predict
                    Ops.activation(Activation.RELU, z1, layer1);
                    Ops.matmul(layer1, weights12, layer2);
                    Ops.sub(layer2, goals[i], layer2Delta);                               // compare
                    errors[it] += Ops.dot(layer2Delta, layer2Delta);
                    Ops.gemm(false, true, 1, layer2Delta, weights12, 0, layer1Error);     // back through weights12
                    Ops.activationBackward(Activation.RELU, z1, layer1, layer1Error, layer1Delta);   // and the ReLU
                    Ops.gemm(true, false, -alpha, layer1, layer2Delta, 1, weights12);     // learn
                    Ops.gemm(true, false, -alpha, inputs[i], layer1Delta, 1, weights01);
                }
            }
            return errors;
        } finally {
            close(inputs);
            close(goals);
        }
    }

    private static Tensor[] rows(Backend b, double[][] rows) {
        Tensor[] t = new Tensor[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = b.fromArray(rows[i], 1, rows[i].length);
        }
        return t;
    }

    private static Tensor[] goals(Backend b, double[] goals) {
        Tensor[] t = new Tensor[goals.length];
        for (int i = 0; i < goals.length; i++) {
            t[i] = b.fromArray(new double[] {goals[i]}, 1, 1);
        }
        return t;
    }

    private static void close(Tensor[] tensors) {
        for (Tensor t : tensors) {
            t.close();
        }
    }

    static double last(double[] a) {
        return a[a.length - 1];
    }
}
