package dev.nn4j.examples;

import dev.nn4j.backend.Backend;
import dev.nn4j.toy.NeuralNetwork;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xor}: the toy network's first test. Trains a 2-4-1 sigmoid network one sample at a
 * time until every output is within {@code --tolerance} of its target, prints the truth
 * table, and exits 1 if it did not learn within {@code --max-steps}.
 */
@Command(name = "xor", mixinStandardHelpOptions = true,
        description = "Trains a 2-4-1 network on XOR with the Toy facade and prints the truth table.")
final class XorCommand implements Callable<Integer> {
    private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] TARGETS = {{0}, {1}, {1}, {0}};
    private static final int CHECK_EVERY = 1000;

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--learning-rate", paramLabel = "R", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = NeuralNetwork.DEFAULT_LEARNING_RATE;

    @Option(names = "--max-steps", paramLabel = "N", description = "Give up after this many steps (default: ${DEFAULT-VALUE}).")
    int maxSteps = 500_000;

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Learned when every |output - target| is below this (default: ${DEFAULT-VALUE}).")
    double tolerance = 0.1;

    @Override
    public Integer call() {
        Backend b = backend.resolve();
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, seed);
        nn.setLearningRate(learningRate);
        System.out.println(nn);
        long start = System.nanoTime();
        int steps = 0;
        boolean learned = false;
        while (steps < maxSteps && !learned) {
            for (int i = 0; i < CHECK_EVERY; i++, steps++) {
                int k = steps % INPUTS.length;
                nn.train(INPUTS[k], TARGETS[k]);
            }
            learned = worstError(nn) < tolerance;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.println("  a  b | target | output");
        System.out.println(" ------+--------+--------");
        for (int k = 0; k < INPUTS.length; k++) {
            System.out.printf(Locale.ROOT, "  %d  %d |   %d    | %.4f%n", (int) INPUTS[k][0], (int) INPUTS[k][1],
                    (int) TARGETS[k][0], nn.predict(INPUTS[k])[0]);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%s after %,d steps in %.2f s (%,.0f steps/s) on %s, seed %d, learning rate %s%n",
                learned ? "Learned" : "NOT learned", steps, seconds, steps / seconds, b.name(), seed, learningRate);
        return learned ? 0 : 1;
    }

    private static double worstError(NeuralNetwork nn) {
        double worst = 0;
        for (int k = 0; k < INPUTS.length; k++) {
            worst = Math.max(worst, Math.abs(nn.predict(INPUTS[k])[0] - TARGETS[k][0]));
        }
        return worst;
    }
}
