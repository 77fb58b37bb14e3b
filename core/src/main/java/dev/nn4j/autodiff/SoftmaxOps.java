package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;

/** Softmax and log-softmax along one axis, numerically stable (the maximum is subtracted first). */
final class SoftmaxOps {
    private SoftmaxOps() {
    }

    /** {@code y = softmax(x)} or {@code log softmax(x)} along {@code axis}. */
    static final class Softmax extends Op {
        final int axis;
        final boolean log;

        Softmax(int axis, boolean log) {
            super(log ? "log_softmax" : "softmax");
            this.axis = axis;
            this.log = log;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {Out.like(in[0])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.softmax(in[0], axis, log, out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            Var y = out[0];
            Var d = dy[0];
            Var dx = log
                    ? F.sub(d, F.mul(F.exp(y), F.sum(d, new int[] {axis}, true)))    // dy − softmax·Σ dy
                    : F.mul(y, F.sub(d, F.sum(F.mul(d, y), new int[] {axis}, true)));  // y ⊙ (dy − Σ dy⊙y)
            g.add(in[0], dx);
        }

        @Override
        public String toString() {
            return name() + "(axis " + axis + ")";
        }
    }
}
