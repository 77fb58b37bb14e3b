package dev.nn4j.spark;

import dev.nn4j.nn.GraphModel;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of {@link SparkTrainer#fit}: the trained model (the driver's model, updated in
 * place; {@code M} is its class, e.g. {@code Sequential}) and what every round did.
 */
public final class SparkFit<M extends GraphModel> {
    private final M model;
    private final List<RoundStats> rounds;
    private final double[] epochLosses;
    private final double seconds;

    SparkFit(M model, List<RoundStats> rounds, double[] epochLosses, double seconds) {
        this.model = model;
        this.rounds = List.copyOf(rounds);
        this.epochLosses = epochLosses.clone();
        this.seconds = seconds;
    }

    /** The trained model: the instance passed to {@code fit}, on the driver. */
    public M model() {
        return model;
    }

    /** Every round, in order. */
    public List<RoundStats> rounds() {
        return rounds;
    }

    /** The example-weighted mean training loss of each epoch (a copy). */
    public double[] epochLosses() {
        return epochLosses.clone();
    }

    /** Examples trained on, over all workers and epochs. */
    public long examples() {
        long n = 0;
        for (RoundStats r : rounds) {
            n += r.examples();
        }
        return n;
    }

    /** Wall-clock seconds of the rounds (sharding and checks before the first round not included). */
    public double seconds() {
        return seconds;
    }

    /** Examples per second over the rounds. */
    public double examplesPerSecond() {
        return examples() / seconds;
    }

    /** Mean milliseconds per round of broadcast, compute (the Spark job), worker (slowest task) and aggregate. */
    public double[] meanRoundMillis() {
        double[] m = new double[4];
        for (RoundStats r : rounds) {
            m[0] += r.broadcastMillis();
            m[1] += r.computeMillis();
            m[2] += r.workerMillis();
            m[3] += r.aggregateMillis();
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= Math.max(1, rounds.size());
        }
        return m;
    }

    @Override
    public String toString() {
        double[] m = meanRoundMillis();
        return String.format(Locale.ROOT, "%d rounds, %d examples in %.2f s (%.0f examples/s); per round: broadcast "
                        + "%.1f ms, compute %.1f ms (slowest task %.1f ms), aggregate %.1f ms; final epoch loss %.4f",
                rounds.size(), examples(), seconds, examplesPerSecond(), m[0], m[1], m[2], m[3],
                epochLosses.length == 0 ? Double.NaN : epochLosses[epochLosses.length - 1]);
    }
}
