package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * The exact GELU, {@code y = x·Φ(x) = ½·x·(1 + erf(x/√2))} (PyTorch's {@code F.gelu} with
 * {@code approximate="none"}), on the backend's {@link Unary#ERF}: four primitive calls, with
 * {@code Φ(x)} kept as a workspace so the backward pass computes no second error function. Backward: {@code dx = dy·(Φ(x) + x·φ(x))} with {@code φ(x) = e^(−x²/2)/√(2π)}.
 * The tanh form is {@link dev.nn4j.tensor.Activation#GELU}, which {@link F#gelu} records instead.
 */
final class Gelu extends Op {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    Gelu() {
        super("gelu");
    }

    @Override
    protected Out[] infer(Var[] in) {
        VarChecks.floating(name(), "x", in[0]);
        return new Out[] {Out.like(in[0]), Out.workspaceLike(in[0])};
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        Tensor cdf = out[1];
        k.affine(in[0], INV_SQRT2, 0, cdf);
        k.unary(Unary.ERF, cdf, cdf);
        k.affine(cdf, 0.5, 0.5, cdf);                          // Φ(x)
        k.binary(Binary.MUL, in[0], cdf, out[0]);
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        Var x = in[0];
        Var cdf = out[1];
        Var pdf = F.scale(F.exp(F.scale(F.unary(Unary.SQUARE, x), -0.5)), INV_SQRT_2PI);
        g.add(x, F.mul(dy[0], F.add(cdf, F.mul(x, pdf))));
    }
}
