package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Tensor;

/**
 * Softmax and log-softmax along one axis, numerically stable (the maximum is subtracted first),
 * and the masked softmax of attention.
 */
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
                    : softmaxGradient(y, d, axis);
            g.add(in[0], dx);
        }

        @Override
        public String toString() {
            return name() + "(axis " + axis + ")";
        }
    }

    /** {@code dx = y ⊙ (dy − Σ dy⊙y)} along {@code axis}, the gradient of {@code y = softmax(x)}. */
    static Var softmaxGradient(Var y, Var dy, int axis) {
        return F.mul(y, F.sub(dy, F.sum(F.mul(dy, y), new int[] {axis}, true)));
    }

    /**
     * {@code y = softmax(x)} along {@code axis} over the entries where {@code mask} is 0, 0 where
     * it is not; a slice whose entries are all masked (or all −∞) is all zeros, not NaN as
     * PyTorch's {@code softmax(masked_fill(x, mask, -inf))} gives, so a fully padded query
     * attends to nothing. NaN in an unmasked entry still makes its slice NaN. Inputs {@code x},
     * {@code mask} (any dtype, {@code x}'s rank, broadcasting to it), and the constants −∞ and 0
     * (every dimension 1, {@code x}'s dtype); outputs {@code y} and a workspace {@code [x's shape
     * with axis 1]} holding 1 for a fully masked slice. Five primitive calls. Backward is
     * softmax's, {@code y ⊙ (dy − Σ dy⊙y)}: 0 wherever {@code y} is, so masked entries get none.
     */
    static final class Masked extends Op {
        final int axis;

        Masked(int axis) {
            super("masked_softmax");
            this.axis = axis;
        }

        @Override
        protected Out[] infer(Var[] in) {
            int[] slice = in[0].shape().dims();
            slice[axis] = 1;
            return new Out[] {Out.like(in[0]), new Out(dev.nn4j.tensor.Shape.of(slice), in[0].dtype(), false)};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            Tensor y = out[0];
            Tensor empty = out[1];
            k.select(in[1], in[2], in[0], y);                  // masked entries −∞
            k.reduce(Reduce.MAX, y, empty);
            k.binary(Binary.EQUAL, empty, in[2], empty);         // 1 where the slice's maximum is −∞
            k.softmax(y, axis, false, y);                      // NaN in those slices
            k.select(empty, in[3], y, y);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], softmaxGradient(out[0], dy[0], axis));
        }

        @Override
        public String toString() {
            return name() + "(axis " + axis + ")";
        }
    }
}
