package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.toy.NeuralNetwork;

/**
 * nn4j's Toy facade: {@code new NeuralNetwork(2, 4, 1, seed).train(input, target)} on one XOR
 * sample, the next one each call. The facade runs on the default backend, so this sets the
 * JVM-wide default first (each JMH fork measures one backend). Each call also copies the
 * {@code double[]} sample into the facade's tensors, as a user's call does.
 */
final class Nn4jToyXorStep implements TrainingStep {
    private final NeuralNetwork nn;
    private int next;

    Nn4jToyXorStep(String backendName, long seed) {
        Backends.setDefault(backendName);
        nn = new NeuralNetwork(2, 4, 1, seed);
        nn.setLearningRate(XorData.LEARNING_RATE);
        if (!nn.model().backend().name().equals(backendName)) {
            throw new IllegalStateException("Toy XOR: asked for backend " + backendName + ", the network runs on "
                    + nn.model().backend().name());
        }
    }

    /** One {@code train} call; returns the index of the sample it used (the facade reports no loss). */
    @Override
    public double run() {
        int k = next;
        nn.train(XorData.INPUTS[k], XorData.TARGETS[k]);
        next = (k + 1) % XorData.INPUTS.length;
        return k;
    }

    /** Trains a few steps, then checks that the outputs for all four samples are finite. */
    @Override
    public void verify(String what) {
        for (int i = 0; i < 4; i++) {
            run();
        }
        for (double[] input : XorData.INPUTS) {
            double out = nn.predict(input)[0];
            if (!Double.isFinite(out)) {
                throw new IllegalStateException(what + ": output for " + java.util.Arrays.toString(input) + " is " + out);
            }
        }
    }

    @Override
    public void close() {
        nn.model().close();
    }
}
