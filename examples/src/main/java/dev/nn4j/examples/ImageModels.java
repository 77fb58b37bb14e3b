package dev.nn4j.examples;

import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.ClassTokenConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.LayerNormConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.PatchesConfig;
import dev.nn4j.nn.PositionEmbeddingConfig;
import dev.nn4j.nn.RecurrentConfig;
import dev.nn4j.nn.ReshapeConfig;
import dev.nn4j.nn.SequencePoolConfig;
import dev.nn4j.nn.Sequential;
import dev.nn4j.nn.TransformerEncoderConfig;
import dev.nn4j.optim.Optimizer;
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
    static Sequential mlp(int inputs, int classes, Optimizer optimizer, long seed, Backend backend) {
        return Sequential.builder().input(inputs)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(classes, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(optimizer)
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
    static Sequential cnn(int classes, double dropout, Optimizer optimizer, long seed, Backend backend) {
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
                .optimizer(optimizer)
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
    static GraphModel resnet(int classes, Optimizer optimizer, long seed, Backend backend) {
        Input image = Input.of("image", 1, 28, 28);
        Node x = image.then("stem", Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU));
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < 2; block++) {
                x = basicBlock(x, 16 << stage, stage > 0 && block == 0 ? 2 : 1);
            }
        }
        Node probabilities = x.then(new GlobalAvgPool2DConfig()).dense(classes, Activation.SOFTMAX);
        return classifier(image, probabilities, Initializer.HE, optimizer, seed, backend);
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

    /** The vision transformer's width, heads, blocks and feed-forward width. */
    static final int VIT_DIM = 64;
    static final int VIT_HEADS = 4;
    static final int VIT_BLOCKS = 4;
    static final int VIT_FFN = 128;

    /**
     * A vision transformer on {@code [1, 28, 28]}: 16 patches of 7x7 (49 values each) embedded by a
     * dense layer of 64, a learned class token before them, learned positions, 4 pre-norm encoder
     * blocks (4 heads, feed-forward 128, exact GELU, no dropout), a final layer norm, the class
     * token's vector into dense {@code classes} softmax; softmax cross-entropy, Xavier
     * initialisation (PyTorch's for attention).
     */
    static GraphModel vit(int classes, Optimizer optimizer, long seed, Backend backend) {
        Input image = Input.of("image", 1, 28, 28);
        Node x = image.then("patches", new PatchesConfig(7)).dense(VIT_DIM, Activation.IDENTITY)
                .then(new ClassTokenConfig(VIT_DIM)).then(PositionEmbeddingConfig.learned(17, VIT_DIM));
        for (int i = 0; i < VIT_BLOCKS; i++) {
            x = x.then(TransformerEncoderConfig.of(VIT_DIM, VIT_HEADS, VIT_FFN).withDropout(0).withNormFirst(true)
                    .withActivation("gelu"));
        }
        Node probabilities = x.then(new LayerNormConfig()).then(SequencePoolConfig.first())
                .dense(classes, Activation.SOFTMAX);
        return classifier(image, probabilities, Initializer.XAVIER, optimizer, seed, backend);
    }

    /**
     * An LSTM over the image's rows: {@code [1, 28, 28]} reshaped to 28 steps of 28 pixels, one LSTM
     * layer of 128 (PyTorch's {@code nn.LSTM} layout), its last step into dense {@code classes}
     * softmax; softmax cross-entropy, Xavier initialisation.
     */
    static GraphModel lstm(int classes, Optimizer optimizer, long seed, Backend backend) {
        Input image = Input.of("image", 1, 28, 28);
        Node probabilities = image.then("rows", ReshapeConfig.of(28, 28)).then(RecurrentConfig.lstm(28, 128))
                .dense(classes, Activation.SOFTMAX);
        return classifier(image, probabilities, Initializer.XAVIER, optimizer, seed, backend);
    }

    /** A classifier from {@code image} to softmax {@code probabilities}: softmax cross-entropy, these settings. */
    private static GraphModel classifier(Input image, Node probabilities, Initializer initializer, Optimizer optimizer,
                                         long seed, Backend backend) {
        return GraphModel.builder(image, probabilities)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(optimizer)
                .initializer(initializer)
                .seed(seed)
                .backend(backend)
                .build();
    }
}
