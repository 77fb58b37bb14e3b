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
        String problem = operand("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        if (problem == null) {
            problem = operand("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        }
        if (problem == null) {
            problem = operand("C", c, cOff, ldc, m, n);
        }
        if (problem != null) {
            throw new IllegalArgumentException("sgemm: " + problem
                    + " (transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k + ")");
        }
    }

    /**
     * Why a stored {@code rows x cols} matrix at {@code off} with leading dimension {@code ld}
     * does not fit its array, or null when it fits. Builds no string on success.
     */
    private static String operand(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols)) {
            return "ld" + name.toLowerCase() + "=" + ld + " is less than the "
                    + cols + " columns of stored " + name + " [" + rows + " x " + cols + "]";
        }
        if (rows == 0 || cols == 0) {
            return null;
        }
        if (x == null) {
            return name + " is null";
        }
        long last = (long) off + (long) (rows - 1) * ld + cols - 1;
        if (off < 0 || last >= x.length) {
            return name + " [" + rows + " x " + cols + "] at offset " + off
                    + " with ld=" + ld + " needs index " + last + " but the array has length " + x.length;
        }
        return null;
    }
}
