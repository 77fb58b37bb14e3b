package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
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
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Tensor;

/** nn4j: {@code Sequential.trainStep} of one of the {@link CnnShape} networks on one fixed batch, held on the backend. */
final class Nn4jCnnStep implements TrainingStep {
    private final GraphModel model;
    private final Tensor x;
    private final Tensor y;

    Nn4jCnnStep(String net, String backendName, long seed) {
        Backend backend = Backends.get(backendName);
        model = build(net, backend, seed);
        x = backend.fromArray(CnnShape.images(seed), CnnShape.BATCH, 1, CnnShape.SIDE, CnnShape.SIDE);
        y = backend.fromArray(CnnShape.labels(seed), CnnShape.BATCH, CnnShape.CLASSES);
    }

    /** The network called {@code net} ({@link CnnShape#LENET} or {@link CnnShape#FASHION_CNN}). */
    static GraphModel build(String net, Backend backend, long seed) {
        if (CnnShape.RESNET14.equals(net)) {
            return resnet14(backend, seed);
        }
        if (CnnShape.VIT.equals(net)) {
            return vit(backend, seed);
        }
        if (CnnShape.LSTM.equals(net)) {
            Input image = Input.of("image", 1, CnnShape.SIDE, CnnShape.SIDE);
            Node out = image.then(ReshapeConfig.of(28, 28)).then(RecurrentConfig.lstm(28, 128))
                    .dense(CnnShape.CLASSES, Activation.SOFTMAX);
            return GraphModel.builder(image, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                    .initializer(Initializer.XAVIER).seed(seed).backend(backend).build();
        }
        Sequential.Builder b = Sequential.builder().input(1, CnnShape.SIDE, CnnShape.SIDE);
        if (CnnShape.LENET.equals(net)) {
            b.conv2d(20, 5, Padding.valid(), Activation.IDENTITY).maxPool(2)
                    .conv2d(50, 5, Padding.valid(), Activation.IDENTITY).maxPool(2)
                    .flatten().dense(500, Activation.RELU);
        } else if (CnnShape.FASHION_CNN.equals(net)) {
            b.layer(Conv2DConfig.of(32, 3, Padding.same(), Activation.IDENTITY).withBias(false)).batchNorm()
                    .activation(Activation.RELU).maxPool(2)
                    .layer(Conv2DConfig.of(64, 3, Padding.same(), Activation.IDENTITY).withBias(false)).batchNorm()
                    .activation(Activation.RELU).maxPool(2)
                    .flatten().dense(128, Activation.RELU).dropout(CnnShape.DROPOUT);
        } else {
            throw new IllegalArgumentException("unknown network '" + net + "'; known: " + CnnShape.LENET + ", "
                    + CnnShape.FASHION_CNN + ", " + CnnShape.RESNET14 + ", " + CnnShape.VIT + ", "
                    + CnnShape.LSTM);
        }
        return b.dense(CnnShape.CLASSES, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(CnnShape.LEARNING_RATE)).initializer(Initializer.HE).seed(seed).backend(backend)
                .build();
    }

    @Override
    public double run() {
        return model.trainStep(x, y);
    }

    @Override
    public void close() {
        model.close();
        x.close();
        y.close();
    }

    /** {@link CnnShape#RESNET14}, written with the graph API. */
    static GraphModel resnet14(Backend backend, long seed) {
        Input image = Input.of("image", 1, CnnShape.SIDE, CnnShape.SIDE);
        Node x = image.then(conv(16, 3, 1)).then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU));
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < 2; block++) {
                int filters = 16 << stage;
                int stride = stage > 0 && block == 0 ? 2 : 1;
                Node y = x.then(conv(filters, 3, stride)).then(new BatchNormConfig())
                        .then(new ActivationConfig(Activation.RELU)).then(conv(filters, 3, 1)).then(new BatchNormConfig());
                Node shortcut = stride == 1 ? x : x.then(conv(filters, 1, stride)).then(new BatchNormConfig());
                x = Node.add(y, shortcut).then(new ActivationConfig(Activation.RELU));
            }
        }
        return GraphModel.builder(image, x.then(new GlobalAvgPool2DConfig()).dense(CnnShape.CLASSES, Activation.SOFTMAX))
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(CnnShape.LEARNING_RATE))
                .initializer(Initializer.HE).seed(seed).backend(backend).build();
    }

    /** {@link CnnShape#VIT}, as the examples' {@code ImageModels.vit} builds it. */
    static GraphModel vit(Backend backend, long seed) {
        Input image = Input.of("image", 1, CnnShape.SIDE, CnnShape.SIDE);
        Node x = image.then(new PatchesConfig(7)).dense(64, Activation.IDENTITY).then(new ClassTokenConfig(64))
                .then(PositionEmbeddingConfig.learned(17, 64));
        for (int i = 0; i < 4; i++) {
            x = x.then(new TransformerEncoderConfig(64, 4, 128, 0, "gelu", true, 1e-5, false));
        }
        Node out = x.then(new LayerNormConfig()).then(SequencePoolConfig.first())
                .dense(CnnShape.CLASSES, Activation.SOFTMAX);
        return GraphModel.builder(image, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .initializer(Initializer.XAVIER).seed(seed).backend(backend).build();
    }

    private static Conv2DConfig conv(int filters, int kernel, int stride) {
        return new Conv2DConfig(filters, kernel, kernel, stride, stride, kernel == 1 ? Padding.valid() : Padding.same(),
                false, Activation.IDENTITY);
    }
}
