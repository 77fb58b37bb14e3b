package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * The losses of nn4j, each one op from a batch of outputs and targets ({@code [n x k]}, one
 * dtype) to a rank-0 FLOAT64 value, so the sum keeps the double it was accumulated in. Each
 * holds a workspace output the size of the batch, which its backward reads. Gradients follow
 * 0.1's formulas in 0.1's order of operations, so the same kernels give the same bits.
 */
final class LossOps {
    private LossOps() {
    }

    /** Checks a loss's operands: output and target of one rank-2 shape and floating dtype. */
    static Out[] lossOuts(String name, Var[] in) {
        VarChecks.floating(name, "output", in[0]);
        if (in[0].rank() != 2 || !in[0].shape().equals(in[1].shape()) || in[0].dtype() != in[1].dtype()) {
            throw VarChecks.fail(name, new String[] {"output", "target"}, in,
                    "output and target must be matrices [batch x values] of one shape and dtype");
        }
        return new Out[] {new Out(Shape.scalar(), DType.FLOAT64), Out.workspaceLike(in[0])};
    }

    /** {@code dLoss/dx} scaled by the loss's incoming gradient, skipped when that is the backward pass's seed of 1. */
    static Var scaled(Grads g, Var gradient, Var dLoss) {
        return g.isSeedOfOne(dLoss) ? gradient : F.mul(gradient, F.cast(dLoss, gradient.dtype()));
    }

    /**
     * Softmax cross-entropy from the logits {@code z}: {@code L = −Σ t·log softmax(z) / n}
     * ({@code n} rows), workspace {@code log softmax(z)}; {@code dL/dz = (softmax(z) − t)/n}.
     */
    static final class SoftmaxCrossEntropy extends Op {
        SoftmaxCrossEntropy() {
            super("softmax_cross_entropy");
        }

        @Override
        protected Out[] infer(Var[] in) {
            return lossOuts(name(), in);
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.softmax(in[0], 1, true, out[1]);
            k.fill(out[0], -k.dot(in[1], out[1]) / in[0].rows());
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            double n = in[0].dim(0);
            g.add(in[0], scaled(g, F.scale(F.sub(F.exp(out[1]), in[1]), 1 / n), dy[0]));
            if (in[1].requiresGrad()) {
                g.add(in[1], scaled(g, F.scale(out[1], -1 / n), dy[0]));
            }
        }
    }

    /**
     * Cross-entropy from probabilities {@code y}: {@code L = −Σ t·log max(y, ε) / n}, workspace
     * {@code log max(y, ε)}; {@code dL/dy = −t / max(y, ε) / n}.
     */
    static final class CrossEntropy extends Op {
        static final double EPSILON = 1e-7;

        CrossEntropy() {
            super("cross_entropy");
        }

        @Override
        protected Out[] infer(Var[] in) {
            return lossOuts(name(), in);
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.clamp(in[0], EPSILON, 1, out[1]);
            double n = in[0].rows();
            k.unary(Unary.LOG, out[1], out[1]);                              // the workspace holds log max(y, ε)
            k.fill(out[0], -k.dot(in[1], out[1]) / n);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            double n = in[0].dim(0);
            if (in[0].requiresGrad()) {
                Var p = F.clamp(in[0], EPSILON, 1);
                g.add(in[0], scaled(g, F.scale(F.div(in[1], p), -1 / n), dy[0]));
            }
            if (in[1].requiresGrad()) {
                g.add(in[1], scaled(g, F.scale(out[1], -1 / n), dy[0]));    // −log max(y, ε) / n
            }
        }
    }

    /**
     * Squared error {@code L = c·Σ (y − t)²} with {@code c = 1/size} (mean over elements) or
     * {@code 0.5/n} (half the sum per sample); workspace {@code y − t}; {@code dL/dy = 2c·(y − t)}.
     */
    static final class SquaredError extends Op {
        final boolean meanOverElements;

        SquaredError(boolean meanOverElements) {
            super(meanOverElements ? "mse" : "squared_error");
            this.meanOverElements = meanOverElements;
        }

        double c(Shape s) {
            return meanOverElements ? 1.0 / s.size() : 0.5 / s.dim(0);
        }

        @Override
        protected Out[] infer(Var[] in) {
            return lossOuts(name(), in);
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.binary(Binary.SUB, in[0], in[1], out[1]);
            k.fill(out[0], c(in[0].shape()) * k.dot(out[1], out[1]));
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            double c = c(in[0].shape());
            g.add(in[0], scaled(g, F.scale(out[1], 2 * c), dy[0]));
            if (in[1].requiresGrad()) {
                g.add(in[1], scaled(g, F.scale(out[1], -2 * c), dy[0]));
            }
        }
    }

    /**
     * Binary cross-entropy {@code L = −Σ [t·log p + (1 − t)·log(1 − p)] / N} over all {@code N}
     * elements, {@code p = clamp(y, ε, 1 − ε)}; workspaces {@code p}, {@code 1 − p} and two logs;
     * {@code dL/dy = (p − t) / (p·(1 − p)) / N}.
     */
    static final class BinaryCrossEntropy extends Op {
        static final double EPSILON = 1e-7;

        BinaryCrossEntropy() {
            super("binary_cross_entropy");
        }

        @Override
        protected Out[] infer(Var[] in) {
            Out[] two = lossOuts(name(), in);
            Out w = two[1];
            return new Out[] {two[0], w, w, w, w};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            Tensor p = out[1];
            Tensor q = out[2];
            Tensor a = out[3];
            Tensor b = out[4];
            k.clamp(in[0], EPSILON, 1 - EPSILON, p);
            k.affine(p, -1, 0, q);
            k.affine(q, 1, 1, q);                                   // q = 1 − p
            k.unary(Unary.LOG, p, a);
            double positive = k.dot(in[1], a);                      // Σ t·log p
            k.affine(in[1], -1, 0, a);
            k.affine(a, 1, 1, a);                                   // 1 − t
            k.unary(Unary.LOG, q, b);
            double negative = k.dot(a, b);                          // Σ (1 − t)·log(1 − p)
            k.fill(out[0], -(positive + negative) / in[0].size());
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            double n = in[0].shape().size();
            if (in[0].requiresGrad()) {
                Var grad = F.scale(F.div(F.sub(out[1], in[1]), F.mul(out[1], out[2])), 1 / n);
                g.add(in[0], scaled(g, grad, dy[0]));
            }
            if (in[1].requiresGrad()) {                             // −(log p − log(1 − p)) / N
                g.add(in[1], scaled(g, F.scale(F.sub(F.unary(Unary.LOG, out[1]), F.unary(Unary.LOG, out[2])), -1 / n),
                        dy[0]));
            }
        }
    }
}
