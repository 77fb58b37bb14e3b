package dev.nn4j.benchmarks;

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
        return FixedBatch.uniform(seed, BATCH * INPUT);
    }

    /** {@code [BATCH x CLASSES]} one-hot labels, row-major. */
    public static float[] labels(long seed) {
        return FixedBatch.oneHot(seed, BATCH, CLASSES);
    }
}
