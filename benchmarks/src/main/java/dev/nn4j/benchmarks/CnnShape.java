package dev.nn4j.benchmarks;

import java.util.Random;

/**
 * The benchmarked CNNs on 1x28x28 images at batch 64, and one fixed batch for them (pixels
 * uniform in [0, 1), one-hot labels of random classes), the same for nn4j, DL4J and PyTorch:
 * <ul>
 * <li>{@link #LENET}: conv 5x5x20 - max pool 2 - conv 5x5x50 - max pool 2 - dense 500 ReLU -
 *     dense 10 softmax (the convolutions without activation, as in Caffe's and DL4J's LeNet);</li>
 * <li>{@link #FASHION}: nn4j's default Fashion-MNIST CNN, conv 3x3x32 SAME (no bias) - batch norm -
 *     ReLU - max pool 2 - conv 3x3x64 SAME (no bias) - batch norm - ReLU - max pool 2 - dense 128
 *     ReLU - dropout 0.25 - dense 10 softmax.</li>
 * </ul>
 * Both train with softmax cross-entropy and Adam (learning rate 1e-3).
 */
public final class CnnShape {
    /** LeNet's name in the reports. */
    public static final String LENET = "lenet";
    /** The Fashion CNN's name in the reports. */
    public static final String FASHION = "fashion-cnn";
    /** Samples per training step. */
    public static final int BATCH = 64;
    /** Image side. */
    public static final int SIDE = 28;
    /** Output classes. */
    public static final int CLASSES = 10;
    /** Adam's learning rate. */
    public static final double LEARNING_RATE = 1e-3;

    private CnnShape() {
    }

    /** {@code [BATCH x 1 x 28 x 28]} pixels, row-major. */
    public static float[] images(long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[BATCH * SIDE * SIDE];
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
