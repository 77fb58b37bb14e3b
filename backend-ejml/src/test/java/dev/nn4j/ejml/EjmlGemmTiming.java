package dev.nn4j.ejml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.block.TileMultiplication_F32;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.ejml.dense.row.mult.MatrixMatrixMult_FDRM;

/**
 * A timing harness (not a test, asserts nothing but its own results): microseconds per call of
 * EJML's FLOAT32 entry points on one product shape, the median of 9 timed rounds after 1 s of
 * warm-up, each result first checked against a double-precision product.
 *
 * <p>Usage: {@code java -cp ... dev.nn4j.ejml.EjmlGemmTiming METHOD SHAPE...}, where a shape is
 * {@code [N|T|U]MxNxK} (C is M x N; N: A·B, T: Aᵀ·B, U: A·Bᵀ) and METHOD one of
 * {@code common} (CommonOps_FDRM.mult/multTransA/multTransB), {@code reorder}, {@code small}
 * (MatrixMatrixMult_FDRM's {@code *_reorder}, {@code *_small}; multTransB for U), {@code mt}
 * (CommonOps_MT_FDRM), {@code scratch} (a transposed operand copied first, then mult_reorder),
 * {@code tile} (TileMultiplication_F32 on the whole matrices), {@code tileT} (tile after
 * transposing a transposed operand into a scratch), {@code tileKB64} (tile in k-blocks of
 * 64 B rows; any block size, also {@code tileTKB64}), {@code backend} (the backend's
 * {@link FloatTiles}; {@code backendP} in {@code -Dparts=N} row blocks, default the pool's threads), and any of them ending in {@code P} (split in row blocks of C over
 * EJML's thread pool).
 */
public final class EjmlGemmTiming {
    private EjmlGemmTiming() {
    }

    /** One way of computing {@code c = op(a)·op(b)}. */
    @FunctionalInterface
    interface Method {
        void run(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, FMatrixRMaj scratch);
    }

    public static void main(String[] args) {
        String name = args[0];
        System.out.println("method " + name + ", EJML threads " + EjmlConcurrency.getMaxThreads());
        for (int s = 1; s < args.length; s++) {
            time(name, args[s]);
        }
    }

    static Method method(String name, char kind) {
        int kb = name.matches(".*KB[0-9]+.*") ? Integer.parseInt(name.replaceAll("[^0-9]", "")) : 0;
        boolean parallel = name.endsWith("P");
        String base = name.replaceAll("KB[0-9]+", "").replaceAll("P$", "");
        switch (base) {
            case "common":
                return product(kind, CommonOps_FDRM::mult, CommonOps_FDRM::multTransA, CommonOps_FDRM::multTransB);
            case "reorder":
                return product(kind, MatrixMatrixMult_FDRM::mult_reorder, MatrixMatrixMult_FDRM::multTransA_reorder,
                        MatrixMatrixMult_FDRM::multTransB);
            case "small":
                return product(kind, MatrixMatrixMult_FDRM::mult_small, MatrixMatrixMult_FDRM::multTransA_small,
                        MatrixMatrixMult_FDRM::multTransB);
            case "mt":
                return product(kind, CommonOps_MT_FDRM::mult, CommonOps_MT_FDRM::multTransA, CommonOps_MT_FDRM::multTransB);
            case "scratch":
                return kind == 'N' ? (a, b, c, s) -> MatrixMatrixMult_FDRM.mult_reorder(a, b, c)
                        : kind == 'T' ? (a, b, c, s) -> {
                            s.reshape(a.numCols, a.numRows);
                            CommonOps_FDRM.transpose(a, s);
                            MatrixMatrixMult_FDRM.mult_reorder(s, b, c);
                        } : (a, b, c, s) -> {
                            s.reshape(b.numCols, b.numRows);
                            CommonOps_FDRM.transpose(b, s);
                            MatrixMatrixMult_FDRM.mult_reorder(a, s, c);
                        };
            case "tile":
            case "tileT": {
                boolean copy = base.equals("tileT");
                return (a, b, c, s) -> {
                    FMatrixRMaj aa = a;
                    FMatrixRMaj bb = b;
                    char kk = kind;
                    if (copy && kind == 'T') {
                        s.reshape(a.numCols, a.numRows);
                        CommonOps_FDRM.transpose(a, s);
                        aa = s;
                        kk = 'N';
                    } else if (copy && kind == 'U') {
                        s.reshape(b.numCols, b.numRows);
                        CommonOps_FDRM.transpose(b, s);
                        bb = s;
                        kk = 'N';
                    }
                    FMatrixRMaj fa = aa;
                    FMatrixRMaj fb = bb;
                    char fk = kk;
                    int m = c.numRows;
                    if (parallel) {
                        int parts = EjmlConcurrency.getMaxThreads();
                        EjmlConcurrency.loopFor(0, parts, p -> tile(fk, fa, fb, c, m * p / parts, m * (p + 1) / parts, kb));
                    } else {
                        tile(fk, fa, fb, c, 0, m, kb);
                    }
                };
            }
            case "backend":
                return (a, b, c, s) -> FloatTiles.run(kind == 'T', kind == 'U', c.numRows, c.numCols,
                        kind == 'T' ? a.numRows : a.numCols, 1f, a.data, b.data, 0f, c.data,
                        parallel ? Integer.getInteger("parts", EjmlConcurrency.getMaxThreads()) : 1);
            default:
                throw new IllegalArgumentException("unknown method " + name);
        }
    }

    /** One EJML product entry point {@code c = op(a)·op(b)}. */
    @FunctionalInterface
    interface Product {
        void run(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);
    }

    /** The entry point for {@code kind}: {@code ab} for N, {@code atb} for T, {@code abt} for U. */
    private static Method product(char kind, Product ab, Product atb, Product abt) {
        Product p = kind == 'N' ? ab : kind == 'T' ? atb : abt;
        return (a, b, c, s) -> p.run(a, b, c);
    }

    /** Rows {@code [r0, r1)} of C with TileMultiplication_F32, k in blocks of {@code kb} (0: one block). */
    static void tile(char kind, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, int r0, int r1, int kb) {
        int n = c.numCols;
        int k = kind == 'T' ? a.numRows : a.numCols;
        int step = kb == 0 ? k : kb;
        for (int k0 = 0; k0 < k; k0 += step) {
            int kw = Math.min(step, k - k0);
            boolean first = k0 == 0;
            if (kind == 'N') {
                if (first) {
                    TileMultiplication_F32.tileMultSet(a.data, b.data, c.data, r1 - r0, kw, n, k, n, n, r0 * k + k0, k0 * n, r0 * n);
                } else {
                    TileMultiplication_F32.tileMultPlus(a.data, b.data, c.data, r1 - r0, kw, n, k, n, n, r0 * k + k0, k0 * n, r0 * n);
                }
            } else if (kind == 'T') {
                int m = a.numCols;
                if (first) {
                    TileMultiplication_F32.tileMultSetTransA(a.data, b.data, c.data, kw, r1 - r0, n, m, n, n, k0 * m + r0, k0 * n, r0 * n);
                } else {
                    TileMultiplication_F32.tileMultPlusTransA(a.data, b.data, c.data, kw, r1 - r0, n, m, n, n, k0 * m + r0, k0 * n, r0 * n);
                }
            } else {
                if (first) {
                    TileMultiplication_F32.tileMultSetTransB(a.data, b.data, c.data, r1 - r0, kw, n, k, k, n, r0 * k + k0, k0, r0 * n);
                } else {
                    TileMultiplication_F32.tileMultPlusTransB(a.data, b.data, c.data, r1 - r0, kw, n, k, k, n, r0 * k + k0, k0, r0 * n);
                }
            }
        }
    }

    private static void time(String name, String spec) {
        char kind = Character.isDigit(spec.charAt(0)) ? 'N' : spec.charAt(0);
        String[] d = spec.replaceAll("^[NTU]", "").split("x");
        int m = Integer.parseInt(d[0]);
        int n = Integer.parseInt(d[1]);
        int k = Integer.parseInt(d[2]);
        Random r = new Random(1);
        FMatrixRMaj a = kind == 'T' ? new FMatrixRMaj(k, m) : new FMatrixRMaj(m, k);
        FMatrixRMaj b = kind == 'U' ? new FMatrixRMaj(n, k) : new FMatrixRMaj(k, n);
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        FMatrixRMaj s = new FMatrixRMaj(1, 1);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = r.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] = r.nextFloat() - 0.5f;
        }
        Method method = method(name, kind);
        java.util.Arrays.fill(c.data, Float.NaN);
        method.run(a, b, c, s);
        check(kind, a, b, c, spec, name);
        double flops = 2.0 * m * n * k;
        int reps = (int) Math.max(1, 2e7 / flops);
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            method.run(a, b, c, s);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> us = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int round = 0; round < 9; round++) {
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                method.run(a, b, c, s);
            }
            cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e3 / reps);
            us.add((System.nanoTime() - t0) / 1e3 / reps);
        }
        us.sort(null);
        cpu.sort(null);
        double median = us.get(us.size() / 2);
        double cpuMedian = cpu.get(cpu.size() / 2);
        System.out.printf(Locale.ROOT, "%-10s %-14s median %9.1f us  (min %9.1f, max %9.1f)  %5.1f GFLOP/s;"
                        + "  calling thread's CPU time: median %9.1f us, %5.1f GFLOP/s%n", name, spec,
                median, us.get(0), us.get(us.size() - 1), flops / median / 1e3, cpuMedian, flops / cpuMedian / 1e3);
    }

    private static void check(char kind, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, String spec, String name) {
        int k = kind == 'T' ? a.numRows : a.numCols;
        Random r = new Random(2);
        for (int t = 0; t < 32; t++) {
            int i = r.nextInt(c.numRows);
            int j = r.nextInt(c.numCols);
            double sum = 0;
            for (int p = 0; p < k; p++) {
                double x = kind == 'T' ? a.get(p, i) : a.get(i, p);
                double y = kind == 'U' ? b.get(j, p) : b.get(p, j);
                sum += x * y;
            }
            if (!(Math.abs(sum - c.get(i, j)) <= 1e-3 * Math.max(1, Math.abs(sum)))) {
                throw new AssertionError(name + " " + spec + ": c[" + i + "," + j + "] = " + c.get(i, j) + ", expected " + sum);
            }
        }
    }
}
