package dev.nn4j.nn;

import dev.nn4j.backend.Backend;
import dev.nn4j.tensor.DType;
import java.util.Objects;

/**
 * A fully connected layer: {@code inputSize} inputs, {@code outputSize} units, an activation.
 * Its parameters are {@code weights [inputSize x outputSize]} and {@code bias [1 x outputSize]}.
 */
public record DenseConfig(int inputSize, int outputSize, Activation activation) implements LayerConfig {

    /** Validates the sizes and the activation. */
    public DenseConfig {
        Objects.requireNonNull(activation, "dense: activation");
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("dense: inputSize and outputSize must be >= 1, got "
                    + inputSize + " and " + outputSize);
        }
    }

    /** Always {@code dense}. */
    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Dense create(String name, Backend backend, DType dtype) {
        return new Dense(name, this, backend, dtype);
    }

    /** E.g. {@code dense 2->4 sigmoid}. */
    @Override
    public String toString() {
        return "dense " + inputSize + "->" + outputSize + " " + activation.id();
    }
}
