package dev.nn4j.backend.array;

/**
 * A single-precision matrix product over whole row-major arrays starting at index 0:
 * {@code c = alpha·op(a)·op(b) + beta·c}, op(a) {@code m x k}, op(b) {@code k x n}, c {@code m x n};
 * arrays may be longer than the matrices. {@link FloatConv} runs its products through one,
 * so each array backend feeds im2col into its own gemm. Implementations are thread-safe.
 */
@FunctionalInterface
public interface FloatGemm {
    /** The reference loops of {@link ArrayKernels}. */
    FloatGemm REFERENCE = ArrayGemm::gemm;

    /** {@code c = alpha·op(a)·op(b) + beta·c}; with {@code beta == 0} c's old content is ignored. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c);
}
