package dev.nn4j.autodiff;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * Activations and the fused dense op. Their backward passes are kernels of their own
 * ({@code activationBackward}), recorded as steps without a gradient: a second derivative
 * through them is refused by name.
 */
final class ActivationOps {
    private ActivationOps() {
    }

    /** {@code y = f(x)}; softmax along the last axis of a matrix, everything else per element. */
    static final class Apply extends Op {
        final Activation f;

        Apply(Activation f) {
            super("activation");
            this.f = f;
        }

        @Override
        protected Out[] infer(Var[] in) {
            if (f.isRowWise() && in[0].rank() != 2) {
                throw VarChecks.fail("activation " + f.id(), "x", in[0], "softmax as an activation needs a matrix; "
                        + "use softmax(x, axis) for other ranks");
            }
            return new Out[] {Out.like(in[0])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.activation(f, in[0], out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.activationBackward(f, in[0], out[0], dy[0]));
        }

        @Override
        public String toString() {
            return f.id();
        }
    }

    /** {@code dx = dy ⊙ f'(x)} from {@code x}, {@code y = f(x)} and {@code dy}. */
    static final class Backward extends Op {
        final Activation f;

        Backward(Activation f) {
            super("activation_backward");
            this.f = f;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {Out.like(in[0])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.activationBackward(f, in[0], in[1], in[2], out[0]);
        }

        @Override
        public String toString() {
            return f.id() + "'";
        }
    }

    /**
     * The dense layer: {@code z = x·W + b}, {@code y = f(z)}; outputs {@code y} and {@code z}.
     * {@code x [m x in]}, {@code W [in x out]}, {@code b [1 x out]}. A gradient may reach {@code z}
     * directly (a loss fused with the activation reads it), and is added to {@code f'(z) ⊙ dy}.
     */
    static final class Linear extends Op {
        final Activation f;

        Linear(Activation f) {
            super("linear");
            this.f = f;
        }

        @Override
        protected Out[] infer(Var[] in) {
            Var x = in[0];
            Var w = in[1];
            Var b = in[2];
            if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(0) || !b.shape().equals(Shape.matrix(1, w.dim(1)))
                    || x.dtype() != w.dtype() || b.dtype() != w.dtype()) {
                throw VarChecks.fail(name(), new String[] {"x", "weights", "bias"}, in,
                        "needs x [m x in], weights [in x out], bias [1 x out] of one dtype");
            }
            Shape s = Shape.matrix(x.dim(0), w.dim(1));
            return new Out[] {new Out(s, x.dtype()), new Out(s, x.dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.gemm(false, false, 1, in[0], in[1], 0, out[1]);        // z = x·W
            k.biasActivation(out[1], in[2], f, out[0]);             // z += b, y = f(z)
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            Var dz = g.sum(dy[1], dy[0] == null ? null : F.activationBackward(f, out[1], out[0], dy[0]));
            if (in[1].requiresGrad()) {
                g.add(in[1], F.matmul(in[0], dz, true, false));       // dW = xᵀ·dz
            }
            g.add(in[2], F.sumTo(dz, in[2].shape()));                // db = Σ_rows dz
            if (in[0].requiresGrad()) {
                g.add(in[0], F.matmul(dz, in[1], false, true));       // dx = dz·Wᵀ
            }
        }

        @Override
        public String toString() {
            return "linear(" + f.id() + ")";
        }
    }
}
