package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;

/** nn4j: {@code Sequential.trainStep} of the MLP on one fixed batch, held on the backend. */
final class Nn4jMlpStep implements TrainingStep {
    private final Sequential model;
    private final Tensor x;
    private final Tensor y;

    Nn4jMlpStep(String backendName, long seed) {
        Backend backend = Backends.get(backendName);
        model = Sequential.builder()
                .input(MlpShape.INPUT)
                .dense(MlpShape.HIDDEN1, Activation.RELU)
                .dense(MlpShape.HIDDEN2, Activation.RELU)
                .dense(MlpShape.CLASSES, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(MlpShape.LEARNING_RATE))
                .initializer(Initializer.HE)
                .seed(seed)
                .backend(backend)
                .dtype(DType.FLOAT32)
                .build();
        x = backend.fromArray(MlpShape.features(seed), MlpShape.BATCH, MlpShape.INPUT);
        y = backend.fromArray(MlpShape.labels(seed), MlpShape.BATCH, MlpShape.CLASSES);
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
