package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;

/** {@code y = min(max(x, lo), hi)}; the gradient passes where {@code lo ≤ x ≤ hi}, as PyTorch's clamp. */
final class ClampOp extends Op {
    final double lo;
    final double hi;

    ClampOp(double lo, double hi) {
        super("clamp");
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    protected Out[] infer(Var[] in) {
        return new Out[] {Out.like(in[0])};
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        k.clamp(in[0], lo, hi, out[0]);
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        Var passes = F.binary(Binary.EQUAL, in[0], out[0]);     // 1 where clamping left x unchanged
        g.add(in[0], F.mul(dy[0], passes));
    }

    @Override
    public String toString() {
        return "clamp(" + lo + ", " + hi + ")";
    }
}
