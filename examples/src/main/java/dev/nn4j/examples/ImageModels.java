package dev.nn4j.examples;

import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;

/** The three networks of the image demos, for 28x28 grey images. */
final class ImageModels {
    /** The default drop probability of the CNN's dropout layer. */
    static final double CNN_DROPOUT = 0.25;
    /**
     * The CNN's default Adam learning rate (cosine-annealed over the epochs). With 1e-3 the CNN
     * ended 10 epochs at test accuracy 0.919 on Fashion-MNIST; 2e-3 (batch norm tolerates it)
     * reached 0.9235 (seed 42; docs/benchmarks.md).
     */
    static final double CNN_LEARNING_RATE = 2e-3;
    private ImageModels() {
    }

    /** MLP {@code inputs}-256-128-{@code classes}: ReLU, ReLU, softmax with cross-entropy, He initialisation, Adam. */
    static Sequential mlp(int inputs, int classes, double learningRate, long seed, Backend backend) {
        return Sequential.builder().input(inputs)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(classes, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(learningRate))
                .initializer(Initializer.HE)
                .seed(seed)
                .backend(backend)
                .build();
    }

    /**
     * The default CNN on {@code [1, 28, 28]}: conv 3x3x32 SAME (no bias: batch norm follows) - batch
     * norm - ReLU - max pool 2 - conv 3x3x64 SAME - batch norm - ReLU - max pool 2 - flatten (3136) -
     * dense 128 ReLU - dropout ({@link #CNN_DROPOUT} by default) - dense {@code classes} softmax; softmax cross-entropy, He
     * initialisation, Adam. 421,738 trainable parameters for 10 classes.
     */
    static Sequential cnn(int classes, double dropout, double learningRate, long seed, Backend backend) {
        return Sequential.builder().input(1, 28, 28)
                .layer(Conv2DConfig.of(32, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .batchNorm()
                .activation(Activation.RELU)
                .maxPool(2)
                .layer(Conv2DConfig.of(64, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .batchNorm()
                .activation(Activation.RELU)
                .maxPool(2)
                .flatten()
                .dense(128, Activation.RELU)
                .dropout(dropout)
                .dense(classes, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(learningRate))
                .initializer(Initializer.HE)
                .seed(seed)
                .backend(backend)
                .build();
    }

    /**
     * ResNet-14 on {@code [1, 28, 28]}: a 3x3 convolution of 16 (no bias) - batch norm - ReLU, then
     * three stages of two {@link #basicBlock basic blocks} with 16, 32 and 64 channels (the first
     * block of stages 2 and 3 halves the image with stride 2: 28, 14, 7), global average pooling and
     * dense {@code classes} softmax; softmax cross-entropy, He initialisation, Adam. 13 convolutions
     * and one dense layer; 175,258 trainable parameters for 10 classes.
     */
    static GraphModel resnet(int classes, double learningRate, long seed, Backend backend) {
        Input image = Input.of("image", 1, 28, 28);
        Node x = image.then("stem", Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU));
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < 2; block++) {
                x = basicBlock(x, 16 << stage, stage > 0 && block == 0 ? 2 : 1);
            }
        }
        Node probabilities = x.then(new GlobalAvgPool2DConfig()).dense(classes, Activation.SOFTMAX);
        return GraphModel.builder(image, probabilities)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(learningRate))
                .initializer(Initializer.HE)
                .seed(seed)
                .backend(backend)
                .build();
    }

    /**
     * Two 3x3 convolutions with batch norm, added to a shortcut, then ReLU (He et al. 2015, "basic
     * block"): the shortcut is {@code x} itself, or a strided 1x1 convolution with batch norm (a
     * projection) where the channels or the size change.
     */
    static Node basicBlock(Node x, int filters, int stride) {
        Node y = x.then(Conv2DConfig.of(filters, 3, Padding.same(), Activation.IDENTITY).withStride(stride).withBias(false))
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU))
                .then(Conv2DConfig.of(filters, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig());
        Node shortcut = stride == 1 && x.shape().dim(0) == filters ? x
                : x.then(Conv2DConfig.of(filters, 1, Padding.valid(), Activation.IDENTITY).withStride(stride)
                        .withBias(false)).then(new BatchNormConfig());
        return Node.add(y, shortcut).then(new ActivationConfig(Activation.RELU));
    }
}
