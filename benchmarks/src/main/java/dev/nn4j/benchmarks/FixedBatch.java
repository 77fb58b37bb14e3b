package dev.nn4j.benchmarks;

import java.util.Random;

/** The fixed, seeded data every benchmarked training step uses: uniform inputs and one-hot labels. */
final class FixedBatch {
    private FixedBatch() {
    }

    /** {@code count} values uniform in [0, 1) from {@code new Random(seed)}. */
    static float[] uniform(long seed, int count) {
        Random rnd = new Random(seed);
        float[] x = new float[count];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        return x;
    }

    /** {@code [rows x classes]} one-hot labels of classes drawn from {@code new Random(seed + 1)}, row-major. */
    static float[] oneHot(long seed, int rows, int classes) {
        Random rnd = new Random(seed + 1);
        float[] y = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            y[r * classes + rnd.nextInt(classes)] = 1f;
        }
        return y;
    }
}
