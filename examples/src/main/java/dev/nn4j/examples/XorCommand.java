package dev.nn4j.examples;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.toy.NeuralNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xor}: the toy network's first test. Trains a 2-H-1 network (any number of hidden
 * layers) with the Toy facade one sample at a time until every output is within
 * {@code --tolerance} of its target, prints the truth table, writes the decision surface as
 * PNG (and, with {@code --frames N}, the learning as an animated GIF), and exits 1 if it did
 * not learn within {@code --max-steps}.
 */
@Command(name = "xor", mixinStandardHelpOptions = true,
        description = {"Trains a 2-H-1 network on XOR with the Toy facade, prints the truth table and writes the "
                + "decision surface with axes and a colour bar: xor-surface.png, (grid x cell + 186) x (grid x cell + 120)"
                + " pixels, 586 x 520 by default; with --frames N also xor-learning.gif, (grid x cell + 20) pixels"
                + " square, one frame every N steps.",
                "Learned when every |output - target| is at most --tolerance; exit code 1 otherwise."})
final class XorCommand implements Callable<Integer> {
    static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final double[][] TARGETS = {{0}, {1}, {1}, {0}};
    private static final int CHECK_EVERY = 1000;
    private static final int FRAME_MILLIS = 120;
    /** Frames after which the animation stops growing (the last frame is still added). */
    static final int MAX_FRAMES = 1000;

    @Mixin
    BackendOption backend = new BackendOption();

    @Mixin
    OutOption out = new OutOption();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--learning-rate", paramLabel = "R", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = NeuralNetwork.DEFAULT_LEARNING_RATE;

    @Option(names = "--hidden", paramLabel = "N[,N...]", split = ",",
            description = "Nodes per hidden layer, any depth, e.g. 8,8 (default: 4).")
    int[] hidden = {4};

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Activation of every layer: sigmoid, tanh, relu, leaky_relu, elu, gelu, identity "
                    + "(default: ${DEFAULT-VALUE}).")
    String activation = "sigmoid";

    @Option(names = "--max-steps", paramLabel = "N", description = "Give up after this many steps (default: ${DEFAULT-VALUE}).")
    int maxSteps = 500_000;

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Learned when every |output - target| is at most this (default: ${DEFAULT-VALUE}).")
    double tolerance = 0.1;

    @Option(names = "--grid", paramLabel = "N", description = "Cells per side of the surface (default: ${DEFAULT-VALUE}).")
    int grid = 40;

    @Option(names = "--cell", paramLabel = "PX", description = "Pixels per cell (default: ${DEFAULT-VALUE}).")
    int cell = 10;

    @Option(names = "--frames", paramLabel = "N",
            description = "Also write xor-learning.gif with the surface every N steps, at most "
                    + MAX_FRAMES + " frames and the last (default: off).")
    Integer frames;

    @Override
    public Integer call() throws IOException {
        if (frames != null) {
            TrainingOptions.positive("--frames", frames);
        }
        TrainingOptions.positive("--max-steps", maxSteps);
        DecisionSurface surface = new DecisionSurface(grid, cell);
        Backend b = backend.resolve();
        NeuralNetwork nn = new NeuralNetwork(2, hidden, 1, seed);
        nn.setActivation(Activation.parse(activation));
        nn.setLearningRate(learningRate);
        System.out.println(nn);

        Path gifFile = frames == null ? null : out.file("xor-learning.gif");
        long start = System.nanoTime();
        int steps = 0;
        double worst = worstError(nn);
        try (AnimatedGif gif = gifFile == null ? null : new AnimatedGif(gifFile, FRAME_MILLIS)) {
            while (steps < maxSteps && !(worst <= tolerance)) {
                if (gif != null && steps % frames == 0 && gif.frames() < MAX_FRAMES) {
                    gif.add(frame(surface, nn, steps, true));
                }
                int k = steps % INPUTS.length;
                nn.train(INPUTS[k], TARGETS[k]);
                steps++;
                if (steps % CHECK_EVERY == 0 || steps == maxSteps) {
                    worst = worstError(nn);
                }
            }
            if (gif != null) {
                gif.add(frame(surface, nn, steps, true));
                System.out.println("Learning animation (" + gif.frames() + " frames) written to "
                        + gifFile.toAbsolutePath());
            }
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
        System.out.printf(Locale.ROOT, "Trained %,d steps in %.2f s (%,.0f steps/s) on %s, seed %d, hidden %s, %s, "
                + "learning rate %s%n", steps, seconds, steps / seconds, b.name(), seed, Arrays.toString(hidden),
                nn.getActivation().id(), learningRate);
        Path png = out.file("xor-surface.png");
        Pictures.writePng(SurfacePlot.frame(surface.draw(nn.model()::predict, INPUTS, TARGETS, null), surface,
                String.format(Locale.ROOT, "XOR learned by the network, step %,d", steps)), png);
        System.out.println("Decision surface written to " + png.toAbsolutePath());
        return Goal.atMost("worst |output - target|", tolerance).report(worst, System.out);
    }

    private static java.awt.image.BufferedImage frame(DecisionSurface surface, NeuralNetwork nn, int steps,
            boolean indexed) {
        return surface.draw(nn.model()::predict, INPUTS, TARGETS, String.format(Locale.ROOT, "step %,d", steps),
                indexed);
    }

    static double worstError(NeuralNetwork nn) {
        double worst = 0;
        for (int k = 0; k < INPUTS.length; k++) {
            worst = Math.max(worst, Math.abs(nn.predict(INPUTS[k])[0] - TARGETS[k][0]));
        }
        return worst;
    }
}
