package dev.nn4j.optim;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Hinton): a running mean of squared gradients scales each step:
 * <pre>
 * v ← ρ·v + (1 − ρ)·g²
 * w ← w − lr · g / (sqrt(v) + ε)
 * </pre>
 * State: {@code v} per parameter, starting at 0.
 */
public final class RmsProp extends AbstractOptimizer {
    private final double rho;
    private final double epsilon;

    /** RMSProp with ρ = 0.9 and ε = 1e-8. */
    public RmsProp(double learningRate) {
        this(learningRate, 0.9, 1e-8);
    }

    /** RMSProp with {@code 0 <= rho < 1} and {@code epsilon > 0}. */
    public RmsProp(double learningRate, double rho, double epsilon) {
        super("rmsprop", learningRate, "v");
        this.rho = fraction("rho", rho);
        this.epsilon = positive("epsilon", epsilon);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor g = p.gradient();
            Tensor[] s = state(parameters, i);
            Tensor v = s[0];
            Tensor scratch = s[1];
            Ops.hadamard(g, g, scratch);
            Ops.axpby(1 - rho, scratch, rho, v);                          // v ← ρ·v + (1 − ρ)·g²
            rootScaledUpdate(p.value(), g, v, 1, epsilon, learningRate(), scratch);   // w ← w − lr·g/(sqrt(v) + ε)
        }
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> c = super.config();
        c.put("rho", rho);
        c.put("epsilon", epsilon);
        return c;
    }
}
