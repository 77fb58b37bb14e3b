package dev.nn4j.autodiff;

import java.util.HashMap;
import java.util.Map;

/**
 * The gradients collected while a {@link Recorder} walks its steps backwards: one value per
 * {@link Var} that needs one. {@link Op#backward} adds contributions; a value read by several
 * steps (a residual input) gets their sum, recorded in step order, so the result is the same
 * bits on every run.
 */
public final class Grads {
    private final Map<Integer, Var> bySlot = new HashMap<>();

    Grads() {
    }

    /**
     * Adds {@code gradient} (shaped as {@code v}) to {@code v}'s gradient. Ignored when {@code v}
     * needs no gradient or {@code gradient} is null.
     */
    public void add(Var v, Var gradient) {
        if (gradient == null || !v.requiresGrad()) {
            return;
        }
        if (!gradient.shape().equals(v.shape()) || gradient.dtype() != v.dtype()) {
            throw new IllegalStateException("gradient of " + v + " is " + gradient + "; an op's backward must "
                    + "return gradients shaped as its inputs");
        }
        Var previous = bySlot.get(v.slot);
        bySlot.put(v.slot, previous == null ? gradient : F.add(previous, gradient));
    }

    private Var seed;

    /** Sets the gradient the backward pass starts from (ones shaped as the loss). */
    void seed(Var v, Var ones) {
        bySlot.put(v.slot, ones);
        seed = ones;
    }

    /** Whether {@code v} is the backward pass's seed, all ones: a loss may then skip scaling by it. */
    public boolean isSeedOfOne(Var v) {
        return v != null && v == seed;
    }

    /** {@code a + b} where either may be null (a gradient that did not arrive); null when both are. */
    public Var sum(Var a, Var b) {
        return a == null ? b : b == null ? a : F.add(a, b);
    }

    /** The gradient collected for {@code v}, or null when none reached it. */
    public Var of(Var v) {
        return bySlot.get(v.slot);
    }
}
