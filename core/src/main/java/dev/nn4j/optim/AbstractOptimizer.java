package dev.nn4j.optim;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learning rate, validation and lazily created per-parameter state slots shared by the
 * built-in optimizers. Each parameter gets the named slots of {@link #slotNames()} (zeros,
 * exported with the state) and one scratch tensor (not exported).
 */
abstract class AbstractOptimizer implements Optimizer {
    private final String id;
    private final String[] slotNames;
    private final Map<Parameter, Tensor[]> state = new IdentityHashMap<>();
    /** The parameters last seen at each position of a step's list, and their state (a cache of {@link #state}). */
    private Parameter[] byPosition = new Parameter[0];
    private Tensor[][] statesByPosition = new Tensor[0][];
    private double learningRate;

    AbstractOptimizer(String id, double learningRate, String... slotNames) {
        this.id = id;
        this.slotNames = slotNames;
        setLearningRate(learningRate);
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = nonNegative("learning rate", learningRate);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("learning_rate", learningRate);
        return c;
    }

    /** The slot names, e.g. {@code m} and {@code v} for Adam. */
    final String[] slotNames() {
        return slotNames.clone();
    }

    /**
     * {@link #state(Parameter)} of {@code parameters.get(i)}, remembered by position: while the
     * same parameters come in the same order (every training step), this is an array read and
     * one identity compare instead of a map lookup.
     */
    final Tensor[] state(List<Parameter> parameters, int i) {
        Parameter p = parameters.get(i);
        if (i < byPosition.length && byPosition[i] == p) {
            return statesByPosition[i];
        }
        Tensor[] s = state(p);
        if (i >= byPosition.length) {
            byPosition = java.util.Arrays.copyOf(byPosition, parameters.size());
            statesByPosition = java.util.Arrays.copyOf(statesByPosition, parameters.size());
        }
        byPosition[i] = p;
        statesByPosition[i] = s;
        return s;
    }

    /** The slots of {@code p} followed by one scratch tensor, all shaped like {@code p}; created on first use. */
    final Tensor[] state(Parameter p) {
        Tensor[] s = state.get(p);
        if (s == null) {
            s = new Tensor[slotNames.length + 1];
            for (int i = 0; i < s.length; i++) {
                s[i] = Ops.like(p.value());
            }
            state.put(p, s);
        }
        return s;
    }

    /**
     * {@code w ← w − stepSize · g / (sqrt(vScale · v) + epsilon)}, through {@code scratch}, in
     * four passes: with {@code r = sqrt(vScale)} the same update is
     * {@code w ← w − (stepSize / r) · g / (sqrt(v) + epsilon / r)}, so v is never rescaled.
     */
    static void rootScaledUpdate(Tensor w, Tensor g, Tensor v, double vScale, double epsilon, double stepSize,
                                 Tensor scratch) {
        double r = Math.sqrt(vScale);
        Ops.unary(Unary.SQRT, v, scratch);
        Ops.addScalar(scratch, epsilon / r, scratch);    // (sqrt(v̂) + ε) · r
        Ops.div(g, scratch, scratch);
        Ops.axpby(-stepSize / r, scratch, 1, w);          // w ← w − lr · g / (sqrt(v̂) + ε)
    }

    @Override
    public Map<String, double[]> exportState(List<Parameter> parameters) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Tensor[] s = state.get(p);
            if (s != null) {
                for (int i = 0; i < slotNames.length; i++) {
                    out.put(p.name() + "." + slotNames[i], s[i].toDoubleArray());
                }
            }
        }
        return out;
    }

    /**
     * Restores every slot of every parameter; state without any slot entry (saved before the
     * first step, when there was none) leaves the optimizer fresh, while a partial one is refused.
     */
    @Override
    public void importState(List<Parameter> parameters, Map<String, double[]> values) {
        if (!holdsSlots(parameters, values)) {
            reset();
            return;
        }
        for (Parameter p : parameters) {
            Tensor[] s = state(p);
            for (int i = 0; i < slotNames.length; i++) {
                String key = p.name() + "." + slotNames[i];
                double[] v = values.get(key);
                if (v == null || v.length != p.size()) {
                    throw new IllegalArgumentException(id + " state: entry '" + key + "' is "
                            + (v == null ? "missing" : "of length " + v.length) + "; expected " + p.size() + " values");
                }
                s[i].setAll(v);
            }
        }
    }

    /** True when {@code values} has an entry for any slot of any of {@code parameters}. */
    final boolean holdsSlots(List<Parameter> parameters, Map<String, double[]> values) {
        for (Parameter p : parameters) {
            for (String slot : slotNames) {
                if (values.containsKey(p.name() + "." + slot)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void reset() {
        for (Tensor[] s : state.values()) {
            for (Tensor t : s) {
                t.close();
            }
        }
        state.clear();
        byPosition = new Parameter[0];
        statesByPosition = new Tensor[0][];
    }

    final double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(id + ": " + name + " must be positive and finite, got " + v);
        }
        return v;
    }

    final double nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(id + ": " + name + " must be >= 0 and finite, got " + v);
        }
        return v;
    }

    final double fraction(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(id + ": " + name + " must be in [0, 1), got " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return id + config();
    }
}
