package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * Batch normalisation over {@code x [N, C, ...]} per channel. In training it normalises with the
 * batch's statistics, moves the running ones (a side effect: the step always runs), and its
 * backward pass is one kernel; in inference it is an affine map with the running statistics.
 */
final class BatchNormOps {
    private BatchNormOps() {
    }

    /**
     * Training: inputs {@code x, gamma, beta, runningMean, runningVar} ({@code [C]} each), outputs
     * {@code y}, the batch mean and the biased batch variance. Running statistics move by
     * {@code momentum}; the variance is stored unbiased ({@code · m/(m−1)}, {@code m = N·S}).
     */
    static final class Train extends Op {
        final double eps;
        final double momentum;

        Train(double eps, double momentum) {
            super("batch_norm");
            this.eps = eps;
            this.momentum = momentum;
        }

        @Override
        protected Out[] infer(Var[] in) {
            Shape c = Shape.of(in[0].dim(1));
            return new Out[] {Out.like(in[0]), new Out(c, in[0].dtype(), false), new Out(c, in[0].dtype(), false)};
        }

        @Override
        protected boolean hasSideEffects() {
            return true;
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            Tensor x = in[0];
            int channels = x.shape().dim(1);
            long m = (long) x.size() / channels;
            k.channelMeanVariance(x, channels, out[1], out[2]);
            k.batchNorm(x, channels, out[1], out[2], eps, in[1], in[2], out[0]);
            k.axpby(momentum, out[1], 1 - momentum, in[3]);
            k.axpby(momentum * m / (m - 1), out[2], 1 - momentum, in[4]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            Var[] d = in[0].recorder.record(new Grad(eps), in[0], dy[0], out[1], out[2], in[1]);
            g.add(in[0], d[0]);
            g.add(in[1], d[1]);
            g.add(in[2], d[2]);
        }
    }

    /** Training-mode gradients from {@code x, dy, mean, var, gamma}: {@code dx, dgamma, dbeta}. */
    static final class Grad extends Op {
        final double eps;

        Grad(double eps) {
            super("batch_norm_backward");
            this.eps = eps;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {Out.like(in[0]), Out.like(in[4]), Out.like(in[4])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.batchNormBackward(in[0], in[1], in[0].shape().dim(1), in[2], in[3], eps, in[4], out[0], out[1], out[2]);
        }
    }

    /** Inference: {@code y = gamma·(x − runningMean)/sqrt(runningVar + eps) + beta}; inputs as {@link Train}. */
    static final class Infer extends Op {
        final double eps;

        Infer(double eps) {
            super("batch_norm");
            this.eps = eps;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {Out.like(in[0])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.batchNorm(in[0], in[0].shape().dim(1), in[3], in[4], eps, in[1], in[2], out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            // an affine map per channel: with s = 1/sqrt(var + eps) and x̂ = (x − mean)·s,
            // dx = dy·gamma·s, dgamma = Σ dy·x̂, dbeta = Σ dy over every axis but the channel
            Var x = in[0];
            int[] dims = new int[x.rank()];
            java.util.Arrays.fill(dims, 1);
            dims[1] = x.dim(1);
            Shape perChannel = Shape.of(dims);
            Var s = F.reshape(F.unary(dev.nn4j.tensor.Unary.RSQRT, F.affine(in[4], 1, eps)), perChannel);
            Var d = dy[0];
            if (x.requiresGrad()) {
                g.add(x, F.mul(d, F.mul(F.reshape(in[1], perChannel), s)));
            }
            if (in[1].requiresGrad()) {
                Var xhat = F.mul(F.sub(x, F.reshape(in[3], perChannel)), s);
                g.add(in[1], F.reshape(F.sumTo(F.mul(d, xhat), perChannel), in[1].shape()));
            }
            if (in[2].requiresGrad()) {
                g.add(in[2], F.reshape(F.sumTo(d, perChannel), in[2].shape()));
            }
        }
    }
}
