package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * {@code y = x} with its axes reordered: {@code y.dim(i) == x.dim(axes[i])}, a copy into
 * {@code y}'s own buffer ({@code x.size()} element moves). Backward permutes {@code dy} by the
 * inverse permutation. {@link F#permute} checks the axes.
 */
final class Permute extends Op {
    final int[] axes;

    Permute(int[] axes) {
        super("permute");
        this.axes = axes.clone();
    }

    @Override
    protected Out[] infer(Var[] in) {
        int[] dims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = in[0].dim(axes[i]);
        }
        return new Out[] {new Out(Shape.of(dims), in[0].dtype())};
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        k.permute(in[0], axes, out[0]);
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        int[] inverse = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            inverse[axes[i]] = i;
        }
        g.add(in[0], F.permute(dy[0], inverse));
    }

    @Override
    public String toString() {
        return name() + java.util.Arrays.toString(axes);
    }
}
