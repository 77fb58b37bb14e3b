package dev.nn4j.optim;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, optionally with momentum {@code μ} (PyTorch's form):
 * <pre>
 * plain:     w ← w − lr·g
 * momentum:  v ← μ·v + g;  w ← w − lr·v
 * Nesterov:  v ← μ·v + g;  w ← w − lr·(g + μ·v)
 * </pre>
 * State: one velocity tensor per parameter when {@code μ > 0}.
 */
public final class Sgd extends AbstractOptimizer {
    private final double momentum;
    private final boolean nesterov;

    /** Plain SGD. */
    public Sgd(double learningRate) {
        this(learningRate, 0, false);
    }

    /** SGD with classical momentum {@code 0 <= momentum < 1}. */
    public Sgd(double learningRate, double momentum) {
        this(learningRate, momentum, false);
    }

    /** SGD with momentum, Nesterov's variant when {@code nesterov} (which needs {@code momentum > 0}). */
    public Sgd(double learningRate, double momentum, boolean nesterov) {
        super("sgd", learningRate, "velocity");
        this.momentum = fraction("momentum", momentum);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("sgd: Nesterov momentum needs momentum > 0, got 0");
        }
        this.nesterov = nesterov;
    }

    @Override
    public void step(List<Parameter> parameters) {
        double lr = learningRate();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor w = p.value();
            Tensor g = p.gradient();
            if (momentum == 0) {
                Ops.axpby(-lr, g, 1, w);                  // w ← w − lr·g
                continue;
            }
            Tensor v = state(parameters, i)[0];
            Ops.axpby(1, g, momentum, v);                 // v ← μ·v + g
            if (nesterov) {
                Ops.axpby(-lr, g, 1, w);
                Ops.axpby(-lr * momentum, v, 1, w);       // w ← w − lr·(g + μ·v)
            } else {
                Ops.axpby(-lr, v, 1, w);                  // w ← w − lr·v
            }
        }
    }

    /** The momentum coefficient {@code μ} (0 for plain SGD). */
    public double momentum() {
        return momentum;
    }

    /** Whether the Nesterov variant is used. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> c = super.config();
        c.put("momentum", momentum);
        c.put("nesterov", nesterov ? 1.0 : 0.0);
        return c;
    }
}
