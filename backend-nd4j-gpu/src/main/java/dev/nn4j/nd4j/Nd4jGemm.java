package dev.nn4j.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batched products {@code c = alpha·op(a)·op(b) + beta·c} over the last two dimensions as
 * ND4J's {@code Mmul} (libnd4j's {@code matmul}, BLAS on CPU). Rank 2, and higher ranks whose
 * leading (batch) dimensions are equal in all three, are one call; libnd4j's {@code matmul}
 * refuses broadcast batch dimensions, so when {@code a} or {@code b} has a 1 where {@code c}
 * has more, each matrix of {@code c} is one 2-D product on views (one call of fixed cost each).
 */
final class Nd4jGemm {
    private Nd4jGemm() {
    }

    /** The product; shapes as {@link dev.nn4j.tensor.Primitives#gemm} states them. */
    static void gemm(Nd4jScratch s, boolean transA, boolean transB, double alpha, INDArray a, INDArray b, double beta,
                     INDArray c) {
        int rank = c.rank();
        if (rank == 2 || sameBatch(a, b, c)) {
            s.gemm(transA, transB, alpha, a, b, beta, c);
            return;
        }
        long[] cDims = c.shape();
        long batches = 1;
        for (int i = 0; i < rank - 2; i++) {
            batches *= cDims[i];
        }
        INDArray a3 = asBatch(a);
        INDArray b3 = asBatch(b);
        INDArray c3 = asBatch(c);
        for (long i = 0; i < batches; i++) {
            INDArray ai = a3.slice(index(i, cDims, a));
            INDArray bi = b3.slice(index(i, cDims, b));
            s.gemm(transA, transB, alpha, ai, bi, beta, c3.slice(i));
        }
    }

    private static boolean sameBatch(INDArray a, INDArray b, INDArray c) {
        for (int i = 0; i < c.rank() - 2; i++) {
            if (a.size(i) != c.size(i) || b.size(i) != c.size(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code x} as {@code [batch, rows, cols]}, a view. */
    private static INDArray asBatch(INDArray x) {
        int r = x.rank();
        return x.reshape('c', x.length() / (x.size(r - 2) * x.size(r - 1)), x.size(r - 2), x.size(r - 1));
    }

    /** The flat batch index of {@code x} that {@code c}'s flat batch index {@code i} reads (size-1 dims repeat). */
    private static long index(long i, long[] cDims, INDArray x) {
        long rest = i;
        long flat = 0;
        long stride = 1;
        for (int d = cDims.length - 3; d >= 0; d--) {
            long coordinate = rest % cDims[d];
            rest /= cDims[d];
            if (x.size(d) != 1) {
                flat += coordinate * stride;
            }
            stride *= x.size(d);
        }
        return flat;
    }
}
