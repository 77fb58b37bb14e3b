package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy against class ids, one per position: logits {@code [batch x ... x classes]}
 * (the output of a final layer without activation) and INT32 ids {@code [batch x ...]}, e.g. a
 * language model's {@code [batch x steps x vocab]} logits and the next character at every step.
 * As PyTorch's {@code F.cross_entropy(logits.view(-1, classes), ids.view(-1), ignore_index=i)}:
 * the mean of {@code −log softmax(logits)[id]} over the positions whose id is not the ignore
 * index (a batch with every position ignored has loss 0 and no gradient). An id that is
 * neither ignored nor a class fails the step with an exception naming it. Made by
 * {@link Losses#tokenCrossEntropy(int)}; immutable.
 */
final class TokenCrossEntropyLoss implements Loss {
    private final int ignoreIndex;

    TokenCrossEntropyLoss(int ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
    }

    /** The id that marks a position without a target. */
    int ignoreIndex() {
        return ignoreIndex;
    }

    @Override
    public String id() {
        return ignoreIndex == Losses.DEFAULT_IGNORE_INDEX ? Losses.TOKEN_CROSS_ENTROPY
                : Losses.TOKEN_CROSS_ENTROPY + "(ignore_index=" + ignoreIndex + ")";
    }

    @Override
    public Shape targetShape(Shape output) {
        if (output.rank() < 1 || output.rank() > Shape.MAX_RANK - 1) {
            throw new IllegalArgumentException("loss " + id() + " needs logits [... x classes] per sample, got " + output);
        }
        return Shape.of(Arrays.copyOf(output.dims(), output.rank() - 1));
    }

    @Override
    public DType targetDType(DType model) {
        return DType.INT32;
    }

    @Override
    public boolean acceptsOutputActivation(Activation f) {
        return f.kind() == Activation.Kind.IDENTITY;
    }

    @Override
    public String outputRequirement() {
        return "logits: a final layer without activation (the loss applies the log-softmax itself)";
    }

    @Override
    public Var record(Var output, Var target) {
        int classes = output.dim(output.rank() - 1);
        int positions = output.shape().size() / classes;
        return F.tokenCrossEntropy(F.reshape(output, Shape.matrix(positions, classes)),
                F.reshape(target, Shape.of(positions)), ignoreIndex);
    }

    /**
     * The loss of logits {@code output} ({@code [batch x ... x classes]}) against ids {@code target}
     * ({@code [batch x ...]}, INT32 or INT64), with dLoss/dOutput in {@code gradOutput} when not null.
     * Reads both into Java arrays (allocating): for checks and one-off evaluations; models record the loss.
     */
    @Override
    public double compute(Tensor output, Tensor target, Tensor gradOutput) {
        int classes = output.shape().dim(output.rank() - 1);
        if (output.rank() < 2 || !target.shape().equals(Shape.of(Arrays.copyOf(output.shape().dims(), output.rank() - 1)))
                || target.dtype().isFloating() || (gradOutput != null && !gradOutput.shape().equals(output.shape()))) {
            throw new IllegalArgumentException("loss " + id() + ": output is " + output.dtype() + " " + output.shape()
                    + ", target is " + target.dtype() + " " + target.shape() + "; expected logits [batch x ... x classes]"
                    + " and INT32 or INT64 ids [batch x ...]");
        }
        double[] z = output.toDoubleArray();
        long[] ids = target.toLongArray();
        double[] grad = new double[z.length];
        double total = 0;
        int counted = 0;
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] == ignoreIndex) {
                continue;
            }
            if (ids[r] < 0 || ids[r] >= classes) {
                throw new IllegalArgumentException("loss " + id() + ": target id " + ids[r] + " at position " + r
                        + " is outside [0, " + classes + ") and not the ignore index " + ignoreIndex);
            }
            int o = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(z[o + j] - max);
            }
            double logSum = max + Math.log(sum);
            total += logSum - z[o + (int) ids[r]];
            for (int j = 0; j < classes; j++) {
                grad[o + j] = Math.exp(z[o + j] - logSum);
            }
            grad[o + (int) ids[r]] -= 1;
            counted++;
        }
        double scale = 1.0 / Math.max(counted, 1);
        if (gradOutput != null) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= scale;
            }
            gradOutput.setAll(grad);
        }
        return total * scale;
    }

    @Override
    public String toString() {
        return id();
    }
}
