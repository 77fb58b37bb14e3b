package dev.nn4j.optim;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba), with bias correction; step {@code t} counts calls to {@link #step}:
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * w ← w − lr · m̂ / (sqrt(v̂) + ε),   m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
 * </pre>
 * On the first step {@code m̂ = g} and {@code v̂ = g²}, so every weight moves by about
 * {@code lr·sign(g)}. State: {@code m} and {@code v} per parameter, plus the step count.
 * {@link AdamW} adds decoupled weight decay.
 */
public class Adam extends AbstractOptimizer {
    /** Default β1. */
    public static final double BETA1 = 0.9;
    /** Default β2. */
    public static final double BETA2 = 0.999;
    /** Default ε. */
    public static final double EPSILON = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private long t;

    /** Adam with the usual defaults β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, BETA1, BETA2, EPSILON);
    }

    /** Adam with every hyper-parameter: {@code 0 <= β1, β2 < 1}, {@code ε > 0}. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this("adam", learningRate, beta1, beta2, epsilon);
    }

    Adam(String id, double learningRate, double beta1, double beta2, double epsilon) {
        super(id, learningRate, "m", "v");
        this.beta1 = fraction("beta1", beta1);
        this.beta2 = fraction("beta2", beta2);
        this.epsilon = positive("epsilon", epsilon);
    }

    @Override
    public void step(List<Parameter> parameters) {
        t++;
        double lr = learningRate();
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor w = p.value();
            Tensor g = p.gradient();
            Tensor[] s = state(parameters, i);
            Tensor m = s[0];
            Tensor v = s[1];
            Tensor scratch = s[2];
            decay(w, lr);
            // m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  w ← w − lr·m̂/(sqrt(v̂) + ε), in one kernel
            Ops.adamUpdate(w, g, m, v, beta1, beta2, lr / c1, 1 / c2, epsilon, scratch);
        }
    }

    /** Hook for {@link AdamW}: shrink {@code w} before the Adam update. Adam itself does nothing. */
    void decay(Tensor w, double lr) {
    }

    /** Number of steps taken (the {@code t} of the bias correction). */
    public long steps() {
        return t;
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> c = super.config();
        c.put("beta1", beta1);
        c.put("beta2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }

    @Override
    public Map<String, double[]> exportState(List<Parameter> parameters) {
        Map<String, double[]> s = super.exportState(parameters);
        s.put("step", new double[] {t});
        return s;
    }

    @Override
    public void importState(List<Parameter> parameters, Map<String, double[]> state) {
        double[] step = state.get("step");
        if (step == null || step.length != 1 || !(step[0] >= 0)) {
            throw new IllegalArgumentException(id() + " state: entry 'step' must hold one count >= 0");
        }
        if (step[0] > 0 && !holdsSlots(parameters, state)) {
            throw new IllegalArgumentException(id() + " state: entry 'step' counts " + (long) step[0]
                    + " steps, but no moment is stored");
        }
        super.importState(parameters, state);
        t = (long) step[0];
    }

    @Override
    public void reset() {
        super.reset();
        t = 0;
    }
}
