package dev.nn4j.data;

import java.util.SplittableRandom;

/**
 * Seeded shuffling: a Fisher-Yates shuffle driven by {@link SplittableRandom} seeded with the
 * caller's seed, so the same seed gives the same order on every run and JVM.
 */
public final class Shuffle {
    private Shuffle() {
    }

    /** Shuffles {@code values} in place; every permutation is equally likely. */
    public static void permute(int[] values, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The numbers {@code 0 .. n - 1} in a random order determined by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        permute(order, seed);
        return order;
    }

    /** A copy of {@code data} with its samples in the order {@link #permutation}{@code (size, seed)}. */
    public static Dataset dataset(Dataset data, long seed) {
        return data.select(permutation(data.size(), seed));
    }
}
