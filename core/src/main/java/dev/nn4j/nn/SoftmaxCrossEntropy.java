package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * Categorical cross-entropy after a softmax, averaged over the {@code n} rows of the batch;
 * targets are one-hot (or any rows of probabilities summing to 1, not checked).
 *
 * <p>Fused with the final layer's softmax (the path models take): from the logits {@code z},
 * {@code L = −Σ t·logsoftmax(z) / n} with the numerically stable {@link Ops#logSoftmax}, and
 * {@code dL/dz = (softmax(z) − t) / n} directly, bypassing the softmax Jacobian.
 *
 * <p>Unfused, from probabilities {@code y}: {@code L = −Σ t·log(max(y, ε)) / n} and
 * {@code dL/dy = −t / max(y, ε) / n}, {@code ε = }{@value #EPSILON}.
 */
final class SoftmaxCrossEntropy extends AbstractLoss {
    /** Probabilities are clamped to at least {@code EPSILON} before taking logarithms (unfused path). */
    static final double EPSILON = 1e-7;

    SoftmaxCrossEntropy() {
        super("softmax_cross_entropy", 1);
    }

    @Override
    public synchronized double compute(Tensor output, Tensor target, Tensor gradOutput) {
        check("output", output, target, gradOutput);
        Tensor p = scratch(output)[0];
        Ops.clamp(output, EPSILON, 1, p);                // p = max(y, ε)
        double n = output.rows();
        if (gradOutput != null) {
            Ops.div(target, p, gradOutput);
            Ops.scale(gradOutput, -1 / n, gradOutput);   // dL/dy = −t / p / n
        }
        Ops.unary(Unary.LOG, p, p);
        return -Ops.dot(target, p) / n;                  // L = −Σ t·log p / n
    }

    @Override
    public boolean fusesWith(Activation f) {
        return f.kind() == Activation.Kind.SOFTMAX;
    }

    @Override
    public synchronized double computeFromPreActivation(Tensor z, Tensor target, Tensor gradZ) {
        check("pre-activation", z, target, gradZ);
        Tensor logProbabilities = scratch(z)[0];
        Ops.logSoftmax(z, logProbabilities);                     // log softmax(z), stable
        double n = z.rows();
        if (gradZ != null) {
            Ops.unary(Unary.EXP, logProbabilities, gradZ);     // softmax(z)
            Ops.sub(gradZ, target, gradZ);
            Ops.scale(gradZ, 1 / n, gradZ);                      // dL/dz = (softmax(z) − t) / n
        }
        return -Ops.dot(target, logProbabilities) / n;           // L = −Σ t·logsoftmax(z) / n
    }

    @Override
    public boolean acceptsOutputActivation(Activation f) {
        return fusesWith(f);
    }

    @Override
    public String outputRequirement() {
        return "a softmax final layer";
    }
}
