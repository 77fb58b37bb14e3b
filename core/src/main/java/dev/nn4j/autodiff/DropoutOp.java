package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;

/**
 * Inverted dropout in training: each element is kept with probability {@code 1 − rate} and scaled
 * by {@code 1/(1 − rate)}, else zeroed. The mask is drawn on the host from the step's random
 * stream (in element order, as 0.1 drew it) and is the op's second output, which the backward
 * pass multiplies {@code dy} by. A side effect (it advances the stream), so it always runs.
 */
final class DropoutOp extends Op {
    final double rate;

    DropoutOp(double rate) {
        super("dropout");
        this.rate = rate;
    }

    @Override
    protected Out[] infer(Var[] in) {
        return new Out[] {Out.like(in[0]), Out.workspaceLike(in[0])};
    }

    @Override
    protected boolean hasSideEffects() {
        return true;
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        int n = in[0].size();
        float[] mask = c.hostFloats(n);
        Rng rng = c.rng();
        float keepScale = (float) (1 / (1 - rate));
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() < rate ? 0f : keepScale;
        }
        out[1].setRange(mask, 0, n);
        k.binary(dev.nn4j.tensor.Binary.MUL, in[0], out[1], out[0]);
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        g.add(in[0], F.mul(dy[0], out[1]));
    }

    @Override
    public String toString() {
        return "dropout(" + rate + ")";
    }
}
