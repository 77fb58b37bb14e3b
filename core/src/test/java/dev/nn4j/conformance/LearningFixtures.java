package dev.nn4j.conformance;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.data.Dataset;
import dev.nn4j.model.Model;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Loss;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;

/** Shared helpers of the learning conformance suites: random tensors, XOR data, small models. */
abstract class LearningFixtures {

    /** The backend under test; every concrete subclass supplies one. */
    protected abstract Backend backend();

    static final double[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final double[][] XOR_Y = {{0}, {1}, {1}, {0}};

    static Dataset xor() {
        return Dataset.of(XOR_X, XOR_Y);
    }

    /** A FLOAT64 matrix of uniform values in [lo, hi), from a seeded host generator. */
    Tensor random(Rng rng, int rows, int cols, double lo, double hi) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextDouble(lo, hi);
            }
        }
        return backend().matrix(DType.FLOAT64, v);
    }

    /** Rows of probabilities (one-hot when {@code oneHot}), FLOAT64. */
    Tensor probabilities(Rng rng, int rows, int cols, boolean oneHot) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            if (oneHot) {
                row[rng.nextInt(cols)] = 1;
                continue;
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextDouble(0.1, 1);
                sum += row[j];
            }
            for (int j = 0; j < cols; j++) {
                row[j] /= sum;
            }
        }
        return backend().matrix(DType.FLOAT64, v);
    }

    /** A 2-4-1 sigmoid model with the given loss and optimizer. */
    Sequential xorModel(Loss loss, Optimizer optimizer, long seed) {
        return Sequential.builder().input(2).dense(4, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(loss).optimizer(optimizer).initializer(Initializer.XAVIER).seed(seed)
                .backend(backend()).dtype(DType.FLOAT32).build();
    }

    Sequential xorModel(long seed) {
        return xorModel(Losses.squaredError(), new Sgd(0.5), seed);
    }

    static double[] flatten(Model model) {
        int n = (int) model.parameterCount();
        double[] out = new double[n];
        int k = 0;
        for (var p : model.parameters()) {
            double[] v = p.value().toDoubleArray();
            System.arraycopy(v, 0, out, k, v.length);
            k += v.length;
        }
        return out;
    }
}
