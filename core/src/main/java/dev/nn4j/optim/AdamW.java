package dev.nn4j.optim;

import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): before each Adam update,
 * {@code w ← w − lr·λ·w}, independent of the gradient. Applies to every parameter,
 * biases included.
 */
public final class AdamW extends Adam {
    /** Default decay λ, as in PyTorch. */
    public static final double WEIGHT_DECAY = 0.01;

    private final double weightDecay;

    /** AdamW with β1 = 0.9, β2 = 0.999, ε = 1e-8 and λ = 0.01. */
    public AdamW(double learningRate) {
        this(learningRate, WEIGHT_DECAY);
    }

    /** AdamW with Adam's defaults and decay {@code weightDecay >= 0}. */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, BETA1, BETA2, EPSILON, weightDecay);
    }

    /** AdamW with every hyper-parameter. */
    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super("adamw", learningRate, beta1, beta2, epsilon);
        this.weightDecay = nonNegative("weight decay", weightDecay);
    }

    @Override
    void decay(Tensor w, double lr) {
        Ops.scale(w, 1 - lr * weightDecay, w);       // w ← w − lr·λ·w
    }

    /** The decay coefficient λ. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> c = super.config();
        c.put("weight_decay", weightDecay);
        return c;
    }
}
