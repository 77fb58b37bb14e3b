package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * Binary cross-entropy, the mean over all {@code N = rows · cols} elements:
 * {@code L = −Σ [t·log p + (1 − t)·log(1 − p)] / N} with {@code p = clamp(y, ε, 1 − ε)},
 * {@code ε = }{@value #EPSILON}, and {@code dL/dy = (p − t) / (p·(1 − p)) / N}. The clamp
 * keeps the logarithms finite for outputs that saturate at 0 or 1 (and is representable in
 * float32). Targets are in [0, 1]; outputs come from a sigmoid (or softmax) layer.
 */
final class BinaryCrossEntropy extends AbstractLoss {
    /** Outputs are clamped into {@code [EPSILON, 1 − EPSILON]} before taking logarithms. */
    static final double EPSILON = 1e-7;

    BinaryCrossEntropy() {
        super("binary_cross_entropy", 4);
    }

    @Override
    public synchronized double compute(Tensor output, Tensor target, Tensor gradOutput) {
        check("output", output, target, gradOutput);
        Tensor[] s = scratch(output);
        Tensor p = s[0];
        Tensor q = s[1];
        Tensor a = s[2];
        Tensor b = s[3];
        Ops.clamp(output, EPSILON, 1 - EPSILON, p);      // p = clamp(y)
        Ops.scale(p, -1, q);
        Ops.addScalar(q, 1, q);                          // q = 1 − p
        Ops.unary(Unary.LOG, p, a);
        double positive = Ops.dot(target, a);            // Σ t·log p
        Ops.scale(target, -1, a);
        Ops.addScalar(a, 1, a);                          // 1 − t
        Ops.unary(Unary.LOG, q, b);
        double negative = Ops.dot(a, b);                 // Σ (1 − t)·log(1 − p)
        double n = output.size();
        if (gradOutput != null) {
            Ops.sub(p, target, gradOutput);
            Ops.hadamard(p, q, b);
            Ops.div(gradOutput, b, gradOutput);
            Ops.scale(gradOutput, 1 / n, gradOutput);    // dL/dy = (p − t) / (p·q) / N
        }
        return -(positive + negative) / n;
    }

    @Override
    public boolean acceptsOutputActivation(Activation f) {
        return f.kind() == Activation.Kind.SIGMOID || f.kind() == Activation.Kind.SOFTMAX;
    }

    @Override
    public String outputRequirement() {
        return "outputs in (0, 1): a sigmoid or softmax final layer";
    }
}
