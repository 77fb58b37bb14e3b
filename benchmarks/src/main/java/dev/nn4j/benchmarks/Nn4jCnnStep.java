package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Tensor;

/** nn4j: {@code Sequential.trainStep} of one of the {@link CnnShape} networks on one fixed batch, held on the backend. */
final class Nn4jCnnStep implements TrainingStep {
    private final Sequential model;
    private final Tensor x;
    private final Tensor y;

    Nn4jCnnStep(String net, String backendName, long seed) {
        Backend backend = Backends.get(backendName);
        model = build(net, backend, seed);
        x = backend.fromArray(CnnShape.images(seed), CnnShape.BATCH, 1, CnnShape.SIDE, CnnShape.SIDE);
        y = backend.fromArray(CnnShape.labels(seed), CnnShape.BATCH, CnnShape.CLASSES);
    }

    /** The network called {@code net} ({@link CnnShape#LENET} or {@link CnnShape#FASHION_CNN}). */
    static Sequential build(String net, Backend backend, long seed) {
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
                    + CnnShape.FASHION_CNN);
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
}
