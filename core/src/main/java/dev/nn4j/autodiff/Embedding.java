package dev.nn4j.autodiff;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * A lookup table: {@code y[..., :] = table[ids[...], :]} for {@code table [vocab x d]} (floating)
 * and {@code ids} (INT32 or INT64, any rank up to 5), giving {@code y [..., d]}. Forward is one
 * {@code gather} along axis 0; backward adds each row of {@code dy} into the row of the table's
 * gradient its id names ({@code scatterAdd}), ids repeating summed. A padding index, as
 * PyTorch's {@code padding_idx}, still reads its row but sends it no gradient. The ids take no
 * gradient. An id outside {@code [0, vocab)} fails when the step runs, with an
 * {@link OpException} naming the id, its position in {@code ids} and the vocabulary size.
 */
final class Embedding extends Op {
    /** The row that gets no gradient, in {@code [0, vocab)}, or -1 for none. */
    final int paddingIndex;

    Embedding(int paddingIndex) {
        super("embedding");
        this.paddingIndex = paddingIndex;
    }

    @Override
    protected Out[] infer(Var[] in) {
        Var table = in[0];
        Var ids = in[1];
        if (table.rank() != 2 || !table.dtype().isFloating() || (ids.dtype() != DType.INT32 && ids.dtype() != DType.INT64)
                || ids.rank() >= Shape.MAX_RANK) {
            throw VarChecks.fail(name(), new String[] {"table", "ids"}, in, "needs a FLOAT32 or FLOAT64 table "
                    + "[vocab x d] and INT32 or INT64 ids of rank at most " + (Shape.MAX_RANK - 1));
        }
        if (paddingIndex >= table.dim(0)) {
            throw VarChecks.fail(name(), new String[] {"table", "ids"}, in, "padding index " + paddingIndex
                    + " is outside [0, " + table.dim(0) + ") (the vocabulary size)");
        }
        int[] dims = new int[ids.rank() + 1];
        System.arraycopy(ids.shape().dims(), 0, dims, 0, ids.rank());
        dims[ids.rank()] = table.dim(1);
        return new Out[] {new Out(Shape.of(dims), table.dtype())};
    }

    @Override
    protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
        try {
            k.gather(in[0], 0, in[1], out[0]);
        } catch (OpException e) {
            throw renamed(e, in[0], in[1]);
        }
    }

    /**
     * The kernel's index error in the embedding's words: {@code embedding: table is [7x5] FLOAT32,
     * ids is [2x3] INT64; ids[1, 0] is 9, outside [0, 7) (the vocabulary size)}.
     */
    static OpException renamed(OpException e, Tensor table, Tensor ids) {
        String message = e.getMessage();
        int rule = message.indexOf("; indices[");
        if (rule < 0) {
            return e;
        }
        String where = message.substring(rule + 2).replace("indices[", "ids[").replaceFirst(" \\(the size of .*\\)$", "");
        OpException named = new OpException("embedding", new String[] {"table", "ids"}, new Tensor[] {table, ids},
                where + " (the vocabulary size)");
        named.initCause(e);
        return named;
    }

    @Override
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
        Var table = in[0];
        Op grad = new Grad(table.shape(), paddingIndex);
        Var dTable = paddingIndex < 0 ? F.record(grad, dy[0], in[1])
                : F.record(grad, dy[0], in[1], table.recorder.full(Shape.of(1, table.dim(1)), table.dtype(), 0));
        g.add(table, dTable);
    }

    @Override
    public String toString() {
        return paddingIndex < 0 ? name() : name() + "(padding " + paddingIndex + ")";
    }

    /**
     * The table's gradient from {@code dy [..., d]}, {@code ids} and, with a padding index, a zero row {@code [1 x d]}:
     * zeros, every row of {@code dy} added at its id, then the padding row set to zero again.
     */
    static final class Grad extends ShapeOps.ToShape {
        private static final int[] ORIGIN = {0, 0};
        private static final int[] STEP = {1, 1};
        final int paddingIndex;
        private final int[] paddingRow;
        private final int[] rowExtent;

        Grad(Shape table, int paddingIndex) {
            super("embedding_backward", table);
            this.paddingIndex = paddingIndex;
            this.paddingRow = new int[] {paddingIndex, 0};
            this.rowExtent = new int[] {1, table.dim(1)};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.fill(out[0], 0);
            k.scatterAdd(in[0], 0, in[1], out[0]);                 // ids were checked by the forward gather
            if (paddingIndex >= 0) {
                k.copyRegion(in[2], ORIGIN, STEP, out[0], paddingRow, rowExtent);
            }
        }
    }
}
