package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * Cross-entropy of logits {@code z [n x k]} against class ids {@code ids [n]} (INT32 or INT64),
 * as PyTorch's {@code F.cross_entropy(z, ids, ignore_index=i)} with its mean reduction:
 * {@code L = −Σ_{r: ids[r] ≠ i} log softmax(z)[r, ids[r]] / m}, {@code m} the number of rows
 * whose id is not the ignore index, and {@code dL/dz = (softmax(z) − onehot(ids))/m} on those
 * rows, zero on the ignored ones. A batch whose every id is ignored has loss 0 and gradient 0
 * (PyTorch gives NaN). An id that is neither ignored nor in {@code [0, k)} fails when the step
 * runs, with an {@link OpException} naming the id, its row and {@code k}.
 *
 * <p>Inputs: {@code z}, {@code ids}, and three constants of {@code z}'s dtype the recording adds
 * ({@code iota [1 x k]} holding {@code 0 .. k−1}, {@code one} and {@code zero} {@code [1 x 1]}).
 * Outputs: the rank-0 FLOAT64 loss, then workspaces its backward reads: {@code log softmax(z)},
 * the masked one-hot rows, the rows' mask {@code [n x 1]}, {@code 1/max(m, 1)} {@code [1 x 1]} and
 * the ids as {@code z}'s dtype {@code [n x 1]}. Cost: a softmax and five element-wise passes over
 * {@code [n x k]}. Ids are compared in {@code z}'s dtype, exact below 2^24 in FLOAT32.
 */
final class TokenCrossEntropy extends Op {
    private static final String[] NAMES = {"logits", "ids"};
    final long ignoreIndex;

    TokenCrossEntropy(long ignoreIndex) {
        super("token_cross_entropy");
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    protected Out[] infer(Var[] in) {
        Var z = in[0];
        Var ids = in[1];
        if (z.rank() != 2 || !z.dtype().isFloating() || ids.rank() != 1 || ids.dim(0) != z.dim(0)
                || (ids.dtype() != DType.INT32 && ids.dtype() != DType.INT64)) {
            throw VarChecks.fail(name(), NAMES, new Var[] {z, ids}, "needs FLOAT32 or FLOAT64 logits [n x classes] and"
                    + " INT32 or INT64 ids [n], one id per row of logits");
        }
        int n = z.dim(0);
        DType d = z.dtype();
        return new Out[] {new Out(Shape.scalar(), DType.FLOAT64), Out.workspaceLike(z), Out.workspaceLike(z),
            new Out(Shape.matrix(n, 1), d, false), new Out(Shape.matrix(1, 1), d, false),
            new Out(Shape.matrix(n, 1), d, false)};
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        Tensor z = in[0];
        Tensor target = out[2];
        Tensor valid = out[3];
        Tensor idsAsValues = out[5];
        k.copy(in[1], idsAsValues);
        k.binary(Binary.EQUAL, idsAsValues, in[2], target);          // one-hot rows; none for ids outside [0, k)
        k.affine(idsAsValues, 1, -ignoreIndex, idsAsValues);          // zero where the id is the ignore index
        k.select(idsAsValues, in[3], in[4], valid);                   // 1 on rows that count
        k.binary(Binary.MUL, target, valid, target);
        double counted = k.sum(valid);
        double hits = k.sum(target);
        if (hits != counted) {
            throw badId(in[1], z);
        }
        double inverse = 1 / Math.max(counted, 1);
        k.softmax(z, 1, true, out[1]);
        k.fill(out[4], inverse);
        k.fill(out[0], -k.dot(target, out[1]) * inverse);
    }

    /** The first id that is neither the ignore index nor a class, read back only to name it. */
    private OpException badId(Tensor ids, Tensor z) {
        long[] values = ids.toLongArray();
        int classes = z.shape().dim(1);
        for (int r = 0; r < values.length; r++) {
            if (values[r] != ignoreIndex && (values[r] < 0 || values[r] >= classes)) {
                return new OpException(name(), NAMES, new Tensor[] {z, ids}, "ids[" + r + "] is " + values[r]
                        + ", outside [0, " + classes + ") (the number of classes) and not the ignore index "
                        + ignoreIndex);
            }
        }
        return new OpException(name(), NAMES, new Tensor[] {z, ids}, "ids above 2^24 cannot be compared exactly in "
                + z.dtype() + "; the classes must be fewer");
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        Var probabilities = F.mul(F.exp(out[1]), out[3]);             // softmax on the rows that count
        g.add(in[0], LossOps.scaled(g, F.mul(F.sub(probabilities, out[2]), out[4]), dy[0]));
    }

    @Override
    public String toString() {
        return name() + "(ignore " + ignoreIndex + ")";
    }
}
