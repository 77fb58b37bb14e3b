package dev.nn4j.tensor;

/**
 * The default of {@link Kernels#adamUpdate}, written with {@link Primitives} only: seven
 * element-wise passes where the fused kernel makes one, using the caller's {@code scratch} and
 * nothing else. Thread-safe as the primitives are.
 */
public final class DefaultOptimizers {
    private DefaultOptimizers() {
    }

    /**
     * One Adam update: {@code m ← β1·m + (1 − β1)·g}, {@code v ← β2·v + (1 − β2)·g²}, then
     * {@code w ← w − stepSize · m / (sqrt(vScale · v) + ε)}, evaluated as
     * {@code w − (stepSize/r) · m / (sqrt(v) + ε/r)} with {@code r = sqrt(vScale)}. All five
     * tensors have one shape and dtype; {@code scratch} is overwritten.
     */
    public static void adamUpdate(Primitives p, Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2,
                                  double stepSize, double vScale, double epsilon, Tensor scratch) {
        p.axpby(1 - beta1, g, beta1, m);
        p.binary(Binary.MUL, g, g, scratch);
        p.axpby(1 - beta2, scratch, beta2, v);
        double r = Math.sqrt(vScale);
        p.unary(Unary.SQRT, v, scratch);
        p.affine(scratch, 1, epsilon / r, scratch);
        p.binary(Binary.DIV, m, scratch, scratch);
        p.axpby(-stepSize / r, scratch, 1, w);
    }
}
