package dev.nn4j.nn;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import java.util.List;

/**
 * One layer of a model with its parameters: a {@link LayerConfig} made concrete for input
 * shapes on a backend ({@link LayerConfig#create}). {@link #forward(Scope, Var)} records the
 * config's forward pass with {@link dev.nn4j.autodiff.F}'s ops, and its gradient follows from
 * theirs; a layer type is written as its config alone. Values carry a leading batch
 * dimension: a layer with per-sample input shape {@code [784]} takes {@code [batch x 784]}, one
 * with {@code [1, 28, 28]} takes {@code [batch x 1 x 28 x 28]} (NCHW).
 *
 * <p>The layer owns its parameters (and statistics such as batch norm's running mean); the
 * buffers of a pass belong to the plan that replays it (one arena per executor), so inference
 * may run on many threads at once while training and updates run on one thread at a time.
 */
public interface Layer extends AutoCloseable {

    /**
     * Records this layer's forward pass on {@code x} ({@code [batch x inputShape...]}) with
     * {@link dev.nn4j.autodiff.F}'s functions and returns its output; the backward pass follows
     * from the ops. Parameters enter through {@link Scope#param}; {@link Scope#mode()} says
     * whether it trains (dropout drops, batch norm uses batch statistics).
     *
     * @throws dev.nn4j.tensor.OpException when {@code x} does not have this layer's input shape,
     *     naming the layer and both shapes
     */
    Var forward(Scope scope, Var x);

    /**
     * Records this layer's forward pass on its inputs in a graph, in the order of the node's
     * inputs. Single-input layers (this default) take one; merge layers take two or more.
     */
    default Var forward(Scope scope, List<Var> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(config().type() + " takes one input, got " + inputs.size());
        }
        return forward(scope, inputs.get(0));
    }

    /** The trainable parameters, in a stable order (e.g. weights, then bias). */
    List<Parameter> parameters();

    /** Tensors that are part of the model but not trained by the optimizer, such as running statistics; saved in model files. */
    default List<Parameter> statistics() {
        return List.of();
    }

    /**
     * The parameter or statistic its config declared as {@code local} (e.g. {@code weights} of a
     * layer whose parameters are {@code layer0.weights}, ...); throws naming the ones it has.
     */
    default Parameter parameter(String local) {
        java.util.List<Parameter> all = new java.util.ArrayList<>(parameters());
        all.addAll(statistics());
        for (Parameter p : all) {
            if (p.name().endsWith("." + local)) {
                return p;
            }
        }
        throw new IllegalArgumentException(this + " has no parameter or statistic '" + local + "'; it has " + all);
    }

    /** Per-sample input shape (of the first input, for a layer of several). */
    dev.nn4j.tensor.Shape inputShape();

    /** Per-sample shapes of every input, in the order of the node's inputs. */
    default List<dev.nn4j.tensor.Shape> inputShapes() {
        return List.of(inputShape());
    }

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
