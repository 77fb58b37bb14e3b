package dev.nn4j.autodiff;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;

/**
 * The fused convolution and its backward kernel, as ops. The geometry is fixed at record time
 * (it holds the batch size), so a recording is per input shape as plans are.
 */
final class ConvOps {
    private ConvOps() {
    }

    /**
     * {@code z = bias + w ⋆ x}, {@code y = f(z)}: inputs {@code x [N,C,H,W]}, {@code w [F,C,kh,kw]}
     * and optionally {@code bias [F]}; outputs {@code y}, then {@code z} unless {@code f} is the
     * identity (then {@code y} is {@code z}).
     */
    static final class Conv2D extends Op {
        final ConvGeometry g;
        final Activation f;

        Conv2D(ConvGeometry g, Activation f) {
            super("conv2d");
            this.g = g;
            this.f = f;
        }

        boolean identity() {
            return f.kind() == Activation.Kind.IDENTITY;
        }

        @Override
        protected Out[] infer(Var[] in) {
            int filters = in[1].dim(0);
            Out y = new Out(g.outputShape(filters), in[0].dtype());
            return identity() ? new Out[] {y} : new Out[] {y, y};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            Tensor z = identity() ? out[0] : out[1];
            k.conv2d(in[0], in[1], in.length > 2 ? in[2] : null, g, f, z, out[0]);
        }

        @Override
        protected void backward(Grads grads, Var[] in, Var[] out, Var[] dy) {
            Var dz = identity() ? dy[0]
                    : grads.sum(dy[1], dy[0] == null ? null : F.activationBackward(f, out[1], out[0], dy[0]));
            boolean bias = in.length > 2;
            boolean dx = in[0].requiresGrad();
            Var[] d = in[0].recorder.record(new Conv2DGrad(g, bias, dx), in[0], in[1], dz);
            grads.add(in[1], d[0]);
            if (bias) {
                grads.add(in[2], d[1]);
            }
            if (dx) {
                grads.add(in[0], d[d.length - 1]);
            }
        }

        @Override
        public String toString() {
            return "conv2d(" + g + ", " + f.id() + ")";
        }
    }

    /** The convolution's gradients from {@code x}, {@code w} and {@code dz}: {@code dw}, then {@code db} and {@code dx} where asked. */
    static final class Conv2DGrad extends Op {
        final ConvGeometry g;
        final boolean bias;
        final boolean dx;

        Conv2DGrad(ConvGeometry g, boolean bias, boolean dx) {
            super("conv2d_backward");
            this.g = g;
            this.bias = bias;
            this.dx = dx;
        }

        @Override
        protected Out[] infer(Var[] in) {
            Out dw = Out.like(in[1]);
            Out db = new Out(dev.nn4j.tensor.Shape.of(in[1].dim(0)), in[1].dtype());
            Out dxOut = Out.like(in[0]);
            return bias ? (dx ? new Out[] {dw, db, dxOut} : new Out[] {dw, db}) : (dx ? new Out[] {dw, dxOut} : new Out[] {dw});
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.conv2dBackward(in[0], in[1], in[2], g, out[0], bias ? out[1] : null, dx ? out[out.length - 1] : null);
        }
    }
}
