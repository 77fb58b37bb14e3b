package dev.nn4j.benchmarks;

/**
 * The benchmarked convolutional networks on 1x28x28 images at batch {@value #BATCH}, and one
 * fixed batch for them: pixels uniform in [0, 1) in NCHW order, one-hot labels of random
 * classes. The same networks run in {@code benchmarks/pytorch_peer.py}.
 * <ul>
 *   <li>{@value #LENET}: conv 5x5x20 - maxpool 2 - conv 5x5x50 - maxpool 2 - dense 500 ReLU -
 *       dense 10 softmax (the convolutions have no activation);</li>
 *   <li>{@value #FASHION_CNN}: conv 3x3x32 same, no bias - batch norm - ReLU - maxpool 2 -
 *       conv 3x3x64 same, no bias - batch norm - ReLU - maxpool 2 - dense 128 ReLU -
 *       dropout 0.25 - dense 10 softmax;</li>
 *   <li>{@value #RESNET14}: ResNet-14, a 3x3x16 convolution (no bias) - batch norm - ReLU, three
 *       stages of two basic blocks (two 3x3 convolutions without bias, each with batch norm, the
 *       first followed by ReLU; the sum with the shortcut, then ReLU) of 16, 32 and 64 channels,
 *       the first block of stages 2 and 3 with stride 2 and a 1x1 strided projection (no bias) with
 *       batch norm as its shortcut - global average pooling - dense 10 softmax (He initialisation).</li>
 *   <li>{@value #VIT}: the vision transformer of {@code fashion-mnist --model vit}: 16 patches of 7x7
 *       embedded by dense 64, a class token, learned positions, 4 pre-norm encoder blocks (4 heads,
 *       feed-forward 128, exact GELU, no dropout), layer norm, the class token into dense 10 softmax
 *       (Xavier initialisation).</li>
 *   <li>{@value #LSTM}: the row LSTM of {@code fashion-mnist --model lstm}: the image as 28 steps of
 *       28 pixels, an LSTM of 128, its last step into dense 10 softmax (Xavier initialisation).</li>
 * </ul>
 * Both train with softmax cross-entropy and Adam at {@value #LEARNING_RATE}.
 */
public final class CnnShape {
    /** Name of the LeNet network (JMH parameter {@code net}, PyTorch workload). */
    public static final String LENET = "lenet";
    /** Name of nn4j's Fashion-MNIST CNN. */
    public static final String FASHION_CNN = "fashion-cnn";
    /** Name of the residual network of the graph API (ResNet-14). */
    public static final String RESNET14 = "resnet14";
    /** Name of the vision transformer of the sequence layers. */
    public static final String VIT = "vit";
    /** Name of the LSTM over an image's rows. */
    public static final String LSTM = "lstm";
    /** Image height and width. */
    public static final int SIDE = 28;
    /** Output classes. */
    public static final int CLASSES = 10;
    /** Samples per training step. */
    public static final int BATCH = 64;
    /** Adam's learning rate. */
    public static final double LEARNING_RATE = 1e-3;
    /** Fraction of the dense layer's outputs the Fashion CNN's dropout zeroes while training. */
    public static final double DROPOUT = 0.25;

    private CnnShape() {
    }

    /** {@code [BATCH x 1 x SIDE x SIDE]} pixels, NCHW. */
    public static float[] images(long seed) {
        return FixedBatch.uniform(seed, BATCH * SIDE * SIDE);
    }

    /** {@code [BATCH x CLASSES]} one-hot labels, row-major. */
    public static float[] labels(long seed) {
        return FixedBatch.oneHot(seed, BATCH, CLASSES);
    }
}
