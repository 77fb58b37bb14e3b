package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;

/**
 * Scaled dot-product multi-head attention over {@link F}'s ops, in PyTorch's
 * {@code nn.MultiheadAttention} layout, shared by {@link MultiHeadAttentionConfig} and
 * {@link TransformerEncoderConfig}. Batches are {@code [n, T, d]}; the projections are
 * {@code inProjWeight [3d, d]} (query, key, value rows), {@code inProjBias [3d]},
 * {@code outProjWeight [d, d]}, {@code outProjBias [d]}, applied as {@code x·Wᵀ + b}.
 * Cost: {@code 8·n·T·d² + 4·n·T²·d} flops forward for self-attention.
 */
final class Attention {
    private Attention() {
    }

    /**
     * {@code x·Wᵀ + b} for {@code x [n, T, in]}, {@code W [out, in]}, {@code b [out]} (PyTorch's
     * {@code nn.Linear}), as one product of {@code n·T} rows: the bias then adds to a matrix row by
     * row, and its gradient sums the matrix's columns, the backends' fast paths.
     */
    static Var linear(Var x, Var w, Var b) {
        int n = x.dim(0);
        int t = x.dim(1);
        Var rows = F.reshape(x, Shape.matrix(n * t, x.dim(2)));
        Var y = F.add(F.matmul(rows, w, false, true), b);
        return F.reshape(y, Shape.of(n, t, w.dim(0)));
    }

    /**
     * Attention of {@code query [n, Tq, d]} over {@code keyValue [n, Tk, d]} (the same value for
     * self-attention, which then projects once), with {@code heads} heads of {@code d / heads};
     * {@code causal} masks keys after each query's position; {@code keyPadding} ({@code [n, Tk]},
     * nonzero where a key is padding) or null. {@code dropout} applies to the attention weights
     * when {@code training}.
     */
    static Var attend(Var query, Var keyValue, Var keyPadding, int heads, boolean causal, double dropout,
                      boolean training, Var inProjWeight, Var inProjBias, Var outProjWeight, Var outProjBias) {
        int n = query.dim(0);
        int tq = query.dim(1);
        int d = query.dim(2);
        int tk = keyValue.dim(1);
        Var q;
        Var k;
        Var v;
        if (query == keyValue) {
            Var qkv = linear(query, inProjWeight, inProjBias);
            q = F.slice(qkv, 2, 0, d);
            k = F.slice(qkv, 2, d, d);
            v = F.slice(qkv, 2, 2 * d, d);
        } else {
            q = linear(query, F.slice(inProjWeight, 0, 0, d), F.slice(inProjBias, 0, 0, d));
            Var kv = linear(keyValue, F.slice(inProjWeight, 0, d, 2 * d), F.slice(inProjBias, 0, d, 2 * d));
            k = F.slice(kv, 2, 0, d);
            v = F.slice(kv, 2, d, d);
        }
        int dh = d / heads;
        q = split(q, heads);
        k = split(k, heads);
        v = split(v, heads);
        Var scores = F.scale(F.matmul(q, k, false, true), 1 / Math.sqrt(dh));     // [n, h, Tq, Tk]
        Var mask = null;
        if (causal) {
            double[] m = new double[tq * tk];
            for (int i = 0; i < tq; i++) {
                for (int j = i + 1; j < tk; j++) {
                    m[i * tk + j] = 1;
                }
            }
            mask = F.cast(query.recorder().values(Shape.of(tq, tk), m), query.dtype());
        }
        if (keyPadding != null) {
            Var pad = F.cast(F.reshape(keyPadding, Shape.of(n, 1, 1, tk)), query.dtype());
            mask = mask == null ? pad : F.add(mask, pad);
        }
        Var weights = mask == null ? F.softmax(scores, -1, false) : F.maskedSoftmax(scores, mask, -1);
        if (training && dropout > 0) {
            weights = F.dropout(weights, dropout);
        }
        Var o = F.permute(F.matmul(weights, v, false, false), 0, 2, 1, 3);        // [n, Tq, h, dh]
        return linear(F.reshape(o, Shape.of(n, tq, d)), outProjWeight, outProjBias);
    }

    /** {@code [n, T, d] -> [n, h, T, d/h]}. */
    private static Var split(Var x, int heads) {
        return F.permute(F.reshape(x, Shape.of(x.dim(0), x.dim(1), heads, x.dim(2) / heads)), 0, 2, 1, 3);
    }

    /** Refuses a per-sample shape that is not a sequence {@code [T, dim]}, naming both. */
    static void requireSequence(Shape s, int dim, String what) {
        if (s.rank() != 2 || s.dim(1) != dim) {
            throw new IllegalArgumentException(what + " must be a sequence [tokens, " + dim + "] per sample but is " + s);
        }
    }
}
