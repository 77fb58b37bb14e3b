package dev.nn4j.nn;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * One step of a feed-forward model. Tensors carry a leading batch dimension: a layer with
 * per-sample input shape {@code [784]} takes {@code [batch x 784]}, one with {@code [1, 28, 28]}
 * takes {@code [batch x 1 x 28 x 28]} (NCHW).
 *
 * <p>The layer owns its parameters (and statistics such as batch norm's running mean); what a
 * pass needs (its input, work buffers, masks) lives in a {@link LayerState} that the caller
 * owns, one per executor. Returned tensors are buffers of that state, valid until its next pass
 * with the same batch shape. Forward passes in {@link Mode#INFERENCE} only read the layer, so
 * they may run on many threads at once, each with its own state; training passes (which
 * update statistics) and parameter updates run on one thread at a time.
 */
public interface Layer extends AutoCloseable {

    /** A new, empty state for this layer's passes. */
    LayerState newState();

    /** Computes the output of {@code input} (batch shape of {@link #inputShape()}) in {@code mode}, using {@code state}. */
    Tensor forward(Tensor input, LayerState state, Mode mode);

    /**
     * Given dLoss/dOutput, writes dLoss/dParameter into every parameter's gradient
     * (overwriting, not accumulating) and returns dLoss/dInput, or {@code null} when
     * {@code inputGradient} is false (the first layer of a model skips that work). Follows a
     * {@link Mode#TRAINING} forward pass on the same state.
     */
    Tensor backward(Tensor gradOutput, LayerState state, boolean inputGradient);

    /** The trainable parameters, in a stable order (e.g. weights, then bias). */
    /**
     * Records this layer's forward pass on {@code x} ({@code [batch x inputShape...]}) with
     * {@link dev.nn4j.autodiff.F}'s functions and returns its output; the backward pass follows
     * from the ops. Parameters enter through {@link Scope#param}.
     */
    Var forward(Scope scope, Var x);

    List<Parameter> parameters();

    /** Tensors that are part of the model but not trained by the optimizer, such as running statistics; saved in model files. */
    default List<Parameter> statistics() {
        return List.of();
    }

    /** Per-sample input shape. */
    dev.nn4j.tensor.Shape inputShape();

    /** Per-sample output shape. */
    dev.nn4j.tensor.Shape outputShape();

    /** Values per input sample. */
    default int inputSize() {
        return inputShape().size();
    }

    /** Values per output sample. */
    default int outputSize() {
        return outputShape().size();
    }

    /**
     * Sets the parameters to initial values drawn from {@code rng} with {@code initializer},
     * in a fixed order (weights row-major, then bias), so one seed gives the same values on
     * every backend. Layers without random parameters draw nothing.
     */
    void initialize(Initializer initializer, Rng rng);

    /** The layer's architecture, enough to rebuild it (without its parameter values). */
    LayerConfig config();

    /** Releases the parameters (native memory on some backends); the layer is unusable afterwards. */
    @Override
    void close();
}
