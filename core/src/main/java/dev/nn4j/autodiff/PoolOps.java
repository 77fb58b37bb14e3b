package dev.nn4j.autodiff;

import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;

/** Max and average pooling over a fixed geometry, with their backward kernels as ops. */
final class PoolOps {
    private PoolOps() {
    }

    /** {@code y [N,C,Ho,Wo]} from {@code x [N,C,H,W]}: each window's maximum, or mean over the positions inside the input. */
    static final class Pool2D extends Op {
        final ConvGeometry g;
        final boolean max;

        Pool2D(ConvGeometry g, boolean max) {
            super(max ? "max_pool2d" : "avg_pool2d");
            this.g = g;
            this.max = max;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {new Out(g.outputShape(g.channels()), in[0].dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            if (max) {
                k.maxPool2d(in[0], g, out[0]);
            } else {
                k.avgPool2d(in[0], g, out[0]);
            }
        }

        @Override
        protected void backward(Grads grads, Var[] in, Var[] out, Var[] dy) {
            Var dx = max ? F.record(new Pool2DGrad(g, true), in[0], dy[0]) : F.record(new Pool2DGrad(g, false), dy[0]);
            grads.add(in[0], dx);
        }

        @Override
        public String toString() {
            return name() + "(" + g + ")";
        }
    }

    /** Pooling's input gradient: from {@code x} and {@code dy} (max), or {@code dy} alone (average). */
    static final class Pool2DGrad extends Op {
        final ConvGeometry g;
        final boolean max;

        Pool2DGrad(ConvGeometry g, boolean max) {
            super(max ? "max_pool2d_backward" : "avg_pool2d_backward");
            this.g = g;
            this.max = max;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {new Out(g.inputShape(), in[0].dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            if (max) {
                k.maxPool2dBackward(in[0], in[1], g, out[0]);
            } else {
                k.avgPool2dBackward(in[0], g, out[0]);
            }
        }
    }
}
