package dev.nn4j.nn;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;

/**
 * What a layer type's forward pass ({@link LayerConfig#forward}) records with: the layer's own
 * parameters and statistics by the names its config declared ({@link #param}, {@link #statistic}),
 * the mode, and the recording {@link Scope}. One per layer and recording; one thread.
 */
public final class LayerScope {
    private final Scope scope;
    private final Layer layer;
    private final String name;

    LayerScope(Scope scope, Layer layer, String name) {
        this.scope = scope;
        this.layer = layer;
        this.name = name;
    }

    /** The trained parameter declared as {@code local} (e.g. {@code weights}), as a value gradients flow to. */
    public Var param(String local) {
        Parameter p = layer.parameter(local);
        if (!p.trainable()) {
            throw new IllegalArgumentException(name + ": '" + local + "' is a statistic; read it with statistic()");
        }
        return scope.param(p);
    }

    /** The statistic declared as {@code local} (e.g. {@code running_mean}), as a value no gradient flows to. */
    public Var statistic(String local) {
        return scope.statistic(layer.parameter(local));
    }

    /** Training or inference: dropout and batch norm record different ops for each. */
    public Mode mode() {
        return scope.mode();
    }

    /** Whether this recording trains. */
    public boolean training() {
        return scope.training();
    }

    /** Notes that {@code y = f(z)}, so a loss fused with {@code f} can read {@code z} ({@link Scope#notePreActivation}). */
    public void notePreActivation(Var y, Var z, Activation f) {
        scope.notePreActivation(y, z, f);
    }

    /** The layer's name in the model, e.g. {@code layer0} or {@code conv1}. */
    public String name() {
        return name;
    }

    /** The recording scope underneath. */
    public Scope scope() {
        return scope;
    }
}
