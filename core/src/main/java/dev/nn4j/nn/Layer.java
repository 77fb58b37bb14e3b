package dev.nn4j.nn;

import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * One step of a feed-forward model. Inputs and outputs are matrices {@code [batch x size]}:
 * one sample per row.
 *
 * <p>{@link #forward} keeps what {@link #backward} needs (its input, intermediate values);
 * backward must follow the forward pass of the same batch. Returned tensors are buffers
 * owned by the layer, allocated once per batch size and reused: they stay valid until the
 * next call with the same batch size, so copy them to keep them. Not thread-safe.
 */
public interface Layer extends AutoCloseable {

    /** Computes the output {@code [batch x outputSize]} of {@code input [batch x inputSize]}. */
    Tensor forward(Tensor input);

    /**
     * Given dLoss/dOutput {@code [batch x outputSize]}, writes dLoss/dParameter into every
     * parameter's gradient (overwriting, not accumulating) and returns dLoss/dInput
     * {@code [batch x inputSize]}, or {@code null} when {@code inputGradient} is false (the
     * first layer of a model skips that product).
     */
    Tensor backward(Tensor gradOutput, boolean inputGradient);

    /** {@link #backward(Tensor, boolean)} that always returns dLoss/dInput. */
    default Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, true);
    }

    /** The trainable parameters, in a stable order (e.g. weights, then bias). */
    List<Parameter> parameters();

    /** Values per input sample. */
    int inputSize();

    /** Values per output sample. */
    int outputSize();

    /**
     * Sets the parameters to initial values drawn from {@code rng} with {@code initializer},
     * in a fixed order (weights row-major, then bias), so one seed gives the same values on
     * every backend.
     */
    void initialize(Initializer initializer, Rng rng);

    /** The layer's architecture, enough to rebuild it (without its parameter values). */
    LayerConfig config();

    /** Releases the parameters and buffers (native memory on some backends); the layer is unusable afterwards. */
    @Override
    void close();
}
