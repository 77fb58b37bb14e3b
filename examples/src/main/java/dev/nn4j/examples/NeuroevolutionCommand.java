package dev.nn4j.examples;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.Backend;
import dev.nn4j.toy.NeuralNetwork;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroevolution}: networks evolved instead of trained. A population of Toy-facade
 * networks 4-H-1 (sigmoid; output above 0.5 pushes the cart right) is scored on
 * {@link CartPole} episodes; each generation keeps the best few unchanged and fills the rest
 * with mutated copies ({@link NeuralNetwork#copy()}, {@link NeuralNetwork#mutate(double)}) of
 * tournament winners. No gradients are computed. Fitness is the mean number of steps the
 * pole stays up over the same {@code --episodes} start states (each value uniform in
 * ±0.05, from the seed). Evolution stops when the best network balances every episode for
 * the full {@code --steps}.
 */
@Command(name = "neuroevolution", mixinStandardHelpOptions = true,
        description = {"Evolves a population of Toy-facade networks (copy and mutate, selection by fitness, no "
                + "gradients) to balance a pole on a cart (Barto, Sutton and Anderson 1983), prints the fitness per "
                + "generation and writes neuroevolution-fitness.png (800 x 450), the best network as "
                + "neuroevolution-best.json and its run as neuroevolution-filmstrip.png (960 x 180, 16 frames).",
                "--replay FILE runs a saved network on a new start state and writes the filmstrip.",
                "Learned when the best network balances the pole for the full --steps on every episode (replay: on "
                        + "its episode); exit code 1 otherwise."})
final class NeuroevolutionCommand implements Callable<Integer> {
    static final int FRAMES = 16;
    static final int FRAME_WIDTH = 120;
    static final int FRAME_HEIGHT = 90;
    static final double MUTATION_RATE = 0.2;
    static final int TOURNAMENT = 3;

    @Mixin
    BackendOption backend = new BackendOption();

    @Mixin
    OutOption out = new OutOption();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the networks, start states and selection (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--population", paramLabel = "N", description = "Networks per generation (default: ${DEFAULT-VALUE}).")
    int population = 50;

    @Option(names = "--generations", paramLabel = "N", description = "Give up after this many generations (default: ${DEFAULT-VALUE}).")
    int generations = 50;

    @Option(names = "--steps", paramLabel = "N", description = "Episode length, steps of 0.02 s (default: ${DEFAULT-VALUE}).")
    int steps = 500;

    @Option(names = "--episodes", paramLabel = "N", description = "Start states every network is scored on (default: ${DEFAULT-VALUE}).")
    int episodes = 5;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden nodes (default: ${DEFAULT-VALUE}).")
    int hidden = 4;

    @Option(names = "--elite", paramLabel = "N", description = "Best networks kept unchanged each generation (default: ${DEFAULT-VALUE}).")
    int elite = 5;

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay a network saved as JSON instead of evolving.")
    Path replay;

    @Override
    public Integer call() throws IOException {
        TrainingOptions.positive("--population", population);
        TrainingOptions.positive("--generations", generations);
        TrainingOptions.positive("--steps", steps);
        TrainingOptions.positive("--episodes", episodes);
        TrainingOptions.positive("--hidden", hidden);
        if (elite < 1 || elite >= population) {
            throw new IllegalArgumentException("--elite must be at least 1 and below --population (" + population
                    + "), got " + elite);
        }
        Backend b = backend.resolve();
        return replay != null ? replay(b) : evolve(b);
    }

    private int evolve(Backend b) throws IOException {
        Rng rng = new Rng(seed);
        double[][] starts = new double[episodes][];
        for (int e = 0; e < episodes; e++) {
            starts[e] = startState(rng);
        }
        List<NeuralNetwork> pop = new ArrayList<>();
        for (int i = 0; i < population; i++) {
            pop.add(new NeuralNetwork(4, new int[] {hidden}, 1, seed + i));
        }
        System.out.printf(Locale.ROOT, "Evolving %d networks like %s, %d episodes of %d steps each%n", population,
                pop.get(0), episodes, steps);
        double[] best = new double[generations];
        double[] mean = new double[generations];
        NeuralNetwork champion = null;
        int gen = 0;
        long start = System.nanoTime();
        for (; gen < generations; gen++) {
            double[] fitness = new double[population];
            for (int i = 0; i < population; i++) {
                fitness[i] = fitness(pop.get(i), starts);
            }
            Integer[] order = rank(fitness);
            champion = pop.get(order[0]);
            best[gen] = fitness[order[0]];
            mean[gen] = Arrays.stream(fitness).average().orElse(0);
            System.out.printf(Locale.ROOT, "  generation %3d  best %6.1f  mean %6.1f%n", gen + 1, best[gen], mean[gen]);
            if (best[gen] >= steps) {
                gen++;
                break;
            }
            List<NeuralNetwork> next = new ArrayList<>();
            for (int i = 0; i < elite; i++) {
                next.add(pop.get(order[i]));
            }
            while (next.size() < population) {
                NeuralNetwork child = pop.get(tournament(order, rng)).copy();
                child.mutate(MUTATION_RATE);
                next.add(child);
            }
            pop = next;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        best = Arrays.copyOf(best, gen);
        mean = Arrays.copyOf(mean, gen);
        System.out.printf(Locale.ROOT, "%d generations in %.1f s%n", gen, seconds);

        Path json = out.file("neuroevolution-best.json");
        Files.writeString(json, champion.toJson());
        Path chart = out.file("neuroevolution-fitness.png");
        new LineChart("Neuroevolution on cart-pole", "generation", "steps balanced (mean over " + episodes
                + " episodes)", false).add("best", best, 1, 1).add("mean", mean, 1, 1).write(chart, 800, 450);
        Path strip = out.file("neuroevolution-filmstrip.png");
        List<double[]> run = episode(champion, starts[0]);
        Pictures.writePng(filmstrip(run), strip);
        System.out.println("Best network written to " + json.toAbsolutePath() + ", fitness curve to "
                + chart.toAbsolutePath() + ", its first episode to " + strip.toAbsolutePath());
        System.out.println("Replay it with: neuroevolution --replay " + json);
        return Goal.atLeast("best network's steps balanced (mean over " + episodes + " episodes)", steps)
                .report(StreetlightCommand.last(best), System.out);
    }

    private int replay(Backend b) throws IOException {
        NeuralNetwork nn = NeuralNetwork.fromJson(Files.readString(replay));
        double[] s = startState(new Rng(seed).split());
        List<double[]> run = episode(nn, s);
        System.out.printf(Locale.ROOT, "Replaying %s from %s%nstart state x %.3f m, v %.3f m/s, angle %.3f rad, "
                + "angular velocity %.3f rad/s%n", nn, replay, s[0], s[1], s[2], s[3]);
        double[] last = run.get(run.size() - 1);
        System.out.printf(Locale.ROOT, "After %d steps (%.1f s): x %.3f m, angle %.2f degrees%n", run.size() - 1,
                (run.size() - 1) * CartPole.TAU, last[0], Math.toDegrees(last[2]));
        Path strip = out.file("neuroevolution-filmstrip.png");
        Pictures.writePng(filmstrip(run), strip);
        System.out.println("Filmstrip written to " + strip.toAbsolutePath());
        return Goal.atLeast("steps balanced", steps).report(run.size() - 1, System.out);
    }

    private static double[] startState(Rng rng) {
        return new double[] {rng.nextDouble(-0.05, 0.05), rng.nextDouble(-0.05, 0.05), rng.nextDouble(-0.05, 0.05),
            rng.nextDouble(-0.05, 0.05)};
    }

    /** Mean steps balanced over the start states. */
    private double fitness(NeuralNetwork nn, double[][] starts) {
        double sum = 0;
        for (double[] s : starts) {
            sum += episode(nn, s).size() - 1;
        }
        return sum / starts.length;
    }

    /** The states of one episode: the start, then one per step while the pole stays up, at most {@code --steps}. */
    List<double[]> episode(NeuralNetwork nn, double[] start) {
        CartPole cp = new CartPole(start[0], start[1], start[2], start[3]);
        List<double[]> states = new ArrayList<>();
        states.add(cp.state());
        for (int t = 0; t < steps; t++) {
            cp.step(nn.predict(cp.observation())[0] > 0.5);
            if (!cp.upright()) {
                break;
            }
            states.add(cp.state());
        }
        return states;
    }

    /** Indices sorted by fitness, best first (ties: lower index first). */
    private static Integer[] rank(double[] fitness) {
        Integer[] order = new Integer[fitness.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -fitness[i]).thenComparingInt(i -> i));
        return order;
    }

    /** The fittest of {@value #TOURNAMENT} networks drawn at random. */
    private static int tournament(Integer[] order, Rng rng) {
        int bestRank = order.length;
        for (int k = 0; k < TOURNAMENT; k++) {
            bestRank = Math.min(bestRank, rng.nextInt(order.length));
        }
        return order[bestRank];
    }

    /** {@value #FRAMES} frames evenly spaced over the run, 8 per row, each with its time. */
    static BufferedImage filmstrip(List<double[]> run) {
        int cols = FRAMES / 2;
        BufferedImage img = Pictures.canvas(cols * FRAME_WIDTH, 2 * FRAME_HEIGHT);
        Graphics2D g = Pictures.graphics(img, 10);
        try {
            for (int f = 0; f < FRAMES; f++) {
                int t = (int) Math.round((double) f * (run.size() - 1) / (FRAMES - 1));
                drawFrame(g, run.get(t), t, (f % cols) * FRAME_WIDTH, (f / cols) * FRAME_HEIGHT);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawFrame(Graphics2D g, double[] s, int step, int left, int top) {
        double scale = (FRAME_WIDTH - 10) / (2 * CartPole.X_LIMIT);   // pixels per metre
        int track = top + FRAME_HEIGHT - 18;
        g.setColor(new Color(230, 230, 230));
        g.drawRect(left, top, FRAME_WIDTH - 1, FRAME_HEIGHT - 1);
        g.setColor(Color.GRAY);
        g.drawLine(left + 5, track, left + FRAME_WIDTH - 5, track);
        g.drawLine(left + 5, track - 4, left + 5, track + 4);                              // -2.4 m
        g.drawLine(left + FRAME_WIDTH - 5, track - 4, left + FRAME_WIDTH - 5, track + 4);  // +2.4 m
        int cx = left + FRAME_WIDTH / 2 + (int) Math.round(s[0] * scale);
        g.setColor(new Color(33, 72, 160));
        g.fillRect(cx - 10, track - 8, 20, 8);
        double poleLength = 2 * CartPole.HALF_LENGTH * scale * 2.2;
        int px = cx + (int) Math.round(Math.sin(s[2]) * poleLength);
        int py = track - 8 - (int) Math.round(Math.cos(s[2]) * poleLength);
        g.setColor(new Color(240, 150, 30));
        g.setStroke(new BasicStroke(3f));
        g.drawLine(cx, track - 8, px, py);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "t = %.2f s", step * CartPole.TAU), left + 4, top + FRAME_HEIGHT - 4);
    }
}
