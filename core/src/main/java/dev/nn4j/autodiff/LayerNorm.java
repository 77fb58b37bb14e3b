package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * Layer normalisation over the last {@code normalizedDims} dimensions of {@code x}, as PyTorch's
 * {@code F.layer_norm}: {@code x̂ = (x − μ)/sqrt(σ² + eps)} with the mean {@code μ} and the biased
 * variance {@code σ²} of each slice of {@code n} values, then {@code y = γ ⊙ x̂ + β} when
 * {@code γ} and {@code β} (shaped as the normalised dimensions, padded to {@code x}'s rank by
 * {@link F#layerNorm}) are given. Inputs {@code x}, then {@code γ} and {@code β} where present;
 * outputs {@code y}, the workspace {@code x̂} (x's shape) and {@code 1/sqrt(σ² + eps)} (x's shape
 * with the normalised dimensions 1), which backward reads:
 * {@code dx = (dx̂ − mean(dx̂) − x̂ ⊙ mean(dx̂ ⊙ x̂)) / sqrt(σ² + eps)}, {@code dx̂ = γ ⊙ dy}.
 * Forward: eleven primitive calls over about {@code 8·x.size()} element operations.
 */
final class LayerNorm extends Op {
    final int normalizedDims;
    final double eps;
    final boolean hasGamma;
    final boolean hasBeta;

    LayerNorm(int normalizedDims, double eps, boolean hasGamma, boolean hasBeta) {
        super("layer_norm");
        this.normalizedDims = normalizedDims;
        this.eps = eps;
        this.hasGamma = hasGamma;
        this.hasBeta = hasBeta;
    }

    @Override
    protected Out[] infer(Var[] in) {
        Var x = in[0];
        int[] row = x.shape().dims();
        for (int i = x.rank() - normalizedDims; i < x.rank(); i++) {
            row[i] = 1;
        }
        return new Out[] {Out.like(x), Out.workspaceLike(x), new Out(Shape.of(row), x.dtype(), false)};
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        Tensor x = in[0];
        Tensor y = out[0];
        Tensor xhat = out[1];
        Tensor rstd = out[2];                                  // μ, then σ² + eps, then 1/sqrt(σ² + eps)
        double n = (double) x.size() / rstd.size();
        k.reduce(Reduce.SUM, x, rstd);
        k.affine(rstd, 1 / n, 0, rstd);                        // μ
        k.binary(Binary.SUB, x, rstd, xhat);                   // x − μ
        k.unary(Unary.SQUARE, xhat, y);
        k.reduce(Reduce.SUM, y, rstd);
        k.affine(rstd, 1 / n, eps, rstd);                      // σ² + eps
        k.unary(Unary.RSQRT, rstd, rstd);
        k.binary(Binary.MUL, xhat, rstd, xhat);                // x̂
        if (hasGamma) {
            k.binary(Binary.MUL, xhat, in[1], y);
        } else {
            k.copy(xhat, y);
        }
        if (hasBeta) {
            k.binary(Binary.ADD, y, in[hasGamma ? 2 : 1], y);
        }
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        Var x = in[0];
        Var xhat = out[1];
        Var d = dy[0];
        if (hasGamma) {                                        // dγ = Σ dy ⊙ x̂ over the other dimensions
            g.add(in[1], F.sumTo(F.mul(d, xhat), in[1].shape()));
        }
        if (hasBeta) {
            Var beta = in[hasGamma ? 2 : 1];
            g.add(beta, F.sumTo(d, beta.shape()));
        }
        if (x.requiresGrad()) {
            int[] axes = new int[normalizedDims];
            for (int i = 0; i < normalizedDims; i++) {
                axes[i] = x.rank() - normalizedDims + i;
            }
            Var dxhat = hasGamma ? F.mul(d, in[1]) : d;
            Var centred = F.sub(dxhat, F.mean(dxhat, axes, true));
            g.add(x, F.mul(out[2], F.sub(centred, F.mul(xhat, F.mean(F.mul(dxhat, xhat), axes, true)))));
        }
    }

    @Override
    public String toString() {
        return name() + "(last " + normalizedDims + ", eps " + eps + (hasGamma ? ", gamma" : "") + (hasBeta ? ", beta" : "")
                + ")";
    }
}
