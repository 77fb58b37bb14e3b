package dev.nn4j.plain.gemm;

/** Argument validation for {@link Sgemm}: every failure names the operation and the values involved. */
final class GemmArgs {
    private GemmArgs() {
    }

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        String shapes = " (transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k + ")";
        operand("A", a, aOff, lda, transA ? k : m, transA ? m : k, shapes);
        operand("B", b, bOff, ldb, transB ? n : k, transB ? k : n, shapes);
        operand("C", c, cOff, ldc, m, n, shapes);
    }

    /** Checks that a stored {@code rows x cols} matrix at {@code off} with leading dimension {@code ld} fits. */
    private static void operand(String name, float[] x, int off, int ld, int rows, int cols, String shapes) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: ld" + name.toLowerCase() + "=" + ld + " is less than the "
                    + cols + " columns of stored " + name + " [" + rows + " x " + cols + "]" + shapes);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        if (x == null) {
            throw new IllegalArgumentException("sgemm: " + name + " is null" + shapes);
        }
        long last = (long) off + (long) (rows - 1) * ld + cols - 1;
        if (off < 0 || last >= x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " [" + rows + " x " + cols + "] at offset " + off
                    + " with ld=" + ld + " needs index " + last + " but the array has length " + x.length + shapes);
        }
    }
}
