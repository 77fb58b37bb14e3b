package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Activation;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;

/**
 * nn4j: {@code Sequential.trainStep} of the 2-4-1 sigmoid network (mean squared error, SGD)
 * on one XOR sample held as a {@code [1 x 2]} tensor, the next sample each call.
 */
final class Nn4jXorStep implements TrainingStep {
    private final Sequential model;
    private final Tensor[] inputs = new Tensor[XorData.INPUTS.length];
    private final Tensor[] targets = new Tensor[XorData.INPUTS.length];
    private int next;

    Nn4jXorStep(String backendName, long seed) {
        Backend backend = Backends.get(backendName);
        model = Sequential.builder()
                .input(2)
                .dense(4, Activation.SIGMOID)
                .dense(1, Activation.SIGMOID)
                .loss(Losses.mse())
                .optimizer(new Sgd(XorData.LEARNING_RATE))
                .initializer(Initializer.XAVIER)
                .seed(seed)
                .backend(backend)
                .dtype(DType.FLOAT32)
                .build();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = backend.fromArray(XorData.input(i), 1, 2);
            targets[i] = backend.fromArray(XorData.target(i), 1, 1);
        }
    }

    @Override
    public double run() {
        double loss = model.trainStep(inputs[next], targets[next]);
        next = (next + 1) % inputs.length;
        return loss;
    }

    @Override
    public void close() {
        model.close();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i].close();
            targets[i].close();
        }
    }
}
