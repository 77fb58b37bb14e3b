package dev.nn4j.autodiff;

import java.util.SplittableRandom;

/**
 * The one seeded random generator in core: weight initialisation, shuffling and anything
 * else random draw from it, so one seed gives the same model and the same run on every
 * backend. Values are produced on the host in double and written into tensors afterwards.
 *
 * <p>Wraps {@link SplittableRandom}; Gaussian values use Marsaglia's polar method written
 * here, so they do not depend on the JDK's own {@code nextGaussian}. Not thread-safe:
 * give each thread its own stream with {@link #split()}.
 */
public final class Rng {
    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator whose whole sequence is fixed by {@code seed}. */
    public Rng(long seed) {
        this(new SplittableRandom(seed));
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** Uniform in {@code [0, 1)}. */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in {@code [lo, hi)}. */
    public double nextDouble(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in {@code [0, bound)}; {@code bound >= 1}. */
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("nextInt: bound must be >= 1, got " + bound);
        }
        return random.nextInt(bound);
    }

    /** Standard normal (mean 0, standard deviation 1), Marsaglia's polar method. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Shuffles {@code a} in place (Fisher-Yates): every permutation equally likely. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /**
     * A new generator with a statistically independent sequence; this generator advances.
     * Splitting is deterministic: the same seed and the same calls give the same streams.
     */
    public Rng split() {
        return new Rng(random.split());
    }
}
