package dev.nn4j.autodiff;

import dev.nn4j.tensor.Activation;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a layer's forward pass records with: the {@link Recorder}, the {@link Mode}, and its
 * parameters as values ({@link #param}). A layer writes its forward pass over {@link F} and
 * never its backward pass. One scope per recording; one thread.
 */
public final class Scope {
    private final Recorder recorder;
    private final Mode mode;
    private final Map<Var, PreActivation> preActivations = new IdentityHashMap<>();

    /** {@code y = f(z)}, noted by the layer that recorded it. */
    public record PreActivation(Var z, Activation f) {
    }

    /** A scope recording into {@code recorder} in {@code mode}. */
    public Scope(Recorder recorder, Mode mode) {
        this.recorder = recorder;
        this.mode = mode;
    }

    /** The recorder the layer's ops go to. */
    public Recorder recorder() {
        return recorder;
    }

    /** Training or inference: dropout and batch norm record different ops for each. */
    public Mode mode() {
        return mode;
    }

    /** Whether this recording trains. */
    public boolean training() {
        return mode == Mode.TRAINING;
    }

    /** {@code p}'s value in this recording; it needs a gradient when {@code p} is trainable. */
    public Var param(Parameter p) {
        return recorder.parameter(p);
    }

    /** {@code p}'s value as a value no gradient flows to (batch norm's running statistics). */
    public Var statistic(Parameter p) {
        return recorder.parameter(p, false);
    }

    /**
     * Notes that {@code y} is an activation of {@code z}, so a loss fused with that activation
     * (softmax cross-entropy after a softmax) can read {@code z} instead of {@code y}.
     */
    public void notePreActivation(Var y, Var z, Activation f) {
        preActivations.put(y, new PreActivation(z, f));
    }

    /** What {@code y} is an activation of, as noted by the layer that made it, or null. */
    public PreActivation preActivation(Var y) {
        return preActivations.get(y);
    }
}
