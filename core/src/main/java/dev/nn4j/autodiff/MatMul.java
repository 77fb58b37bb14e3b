package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * {@code y = op(a)·op(b)} over the last two dimensions, {@code op} transposing where its flag is
 * set; leading dimensions are a batch, broadcast where one side has 1 (equal ranks, padded by
 * {@link F#matmul}). Backward: {@code dop(a) = dy·op(b)ᵀ}, {@code dop(b) = op(a)ᵀ·dy}, each
 * written without materialising a transpose and summed over broadcast batch dimensions.
 */
final class MatMul extends Op {
    final boolean transA;
    final boolean transB;

    MatMul(boolean transA, boolean transB) {
        super("matmul");
        this.transA = transA;
        this.transB = transB;
    }

    @Override
    protected Out[] infer(Var[] in) {
        Var a = in[0];
        Var b = in[1];
        int r = a.rank();
        if (r < 2 || b.rank() != r) {
            throw VarChecks.fail(name(), new String[] {"a", "b"}, in, "both need one rank of at least 2");
        }
        int m = transA ? a.dim(r - 1) : a.dim(r - 2);
        int k = transA ? a.dim(r - 2) : a.dim(r - 1);
        int kb = transB ? b.dim(r - 1) : b.dim(r - 2);
        int n = transB ? b.dim(r - 2) : b.dim(r - 1);
        if (k != kb) {
            throw VarChecks.fail(name(), new String[] {"a", "b"}, in, "op(a)'s last dimension (" + k
                    + ") must equal op(b)'s second-to-last (" + kb + ")" + (transA || transB
                    ? " (op transposes " + (transA ? "a" : "") + (transA && transB ? " and " : "") + (transB ? "b" : "")
                    + ")" : ""));
        }
        int[] dims = new int[r];
        for (int i = 0; i < r - 2; i++) {
            int da = a.dim(i);
            int db = b.dim(i);
            if (da != db && da != 1 && db != 1) {
                throw VarChecks.fail(name(), new String[] {"a", "b"}, in, "batch dimension " + i + " (" + da + " and "
                        + db + ") neither match nor is 1");
            }
            dims[i] = Math.max(da, db);
        }
        dims[r - 2] = m;
        dims[r - 1] = n;
        return new Out[] {new Out(Shape.of(dims), a.dtype())};
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        k.gemm(transA, transB, 1, in[0], in[1], 0, out[0]);
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        Var a = in[0];
        Var b = in[1];
        Var d = dy[0];
        if (a.requiresGrad()) {
            Var da = transA ? F.matmul(b, d, transB, true) : F.matmul(d, b, false, !transB);
            g.add(a, F.sumTo(da, a.shape()));
        }
        if (b.requiresGrad()) {
            Var db = transB ? F.matmul(d, a, true, transA) : F.matmul(a, d, !transA, false);
            g.add(b, F.sumTo(db, b.shape()));
        }
    }

    @Override
    public String toString() {
        return "matmul" + (transA ? "(aᵀ" : "(a") + (transB ? ", bᵀ)" : ", b)");
    }
}
