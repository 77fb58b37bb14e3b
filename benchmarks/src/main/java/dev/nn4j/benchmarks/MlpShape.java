package dev.nn4j.benchmarks;

import java.util.Random;

/**
 * The benchmarked MLP, 784-256-128-10 at batch 128 (Fashion-MNIST sized), and one fixed
 * batch for it: pixels uniform in [0, 1), one-hot labels of random classes.
 */
public final class MlpShape {
    /** Input features (28x28 pixels). */
    public static final int INPUT = 784;
    /** First hidden layer. */
    public static final int HIDDEN1 = 256;
    /** Second hidden layer. */
    public static final int HIDDEN2 = 128;
    /** Output classes. */
    public static final int CLASSES = 10;
    /** Samples per training step. */
    public static final int BATCH = 128;
    /** Adam's learning rate, the same for nn4j and DL4J. */
    public static final double LEARNING_RATE = 1e-3;

    private MlpShape() {
    }

    /** {@code [BATCH x INPUT]} pixels, row-major. */
    public static float[] features(long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[BATCH * INPUT];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        return x;
    }

    /** {@code [BATCH x CLASSES]} one-hot labels, row-major. */
    public static float[] labels(long seed) {
        Random rnd = new Random(seed + 1);
        float[] y = new float[BATCH * CLASSES];
        for (int r = 0; r < BATCH; r++) {
            y[r * CLASSES + rnd.nextInt(CLASSES)] = 1f;
        }
        return y;
    }
}
