package dev.nn4j.benchmarks;

import java.util.Random;

/**
 * Builds the {@link GemmCall} for an implementation name and checks its first result
 * against a double-precision reference, so a broken kernel is never timed.
 *
 * <p>Names: an nn4j backend ({@code plain}, {@code ejml}, {@code nd4j}: the product goes
 * through {@code Ops.gemm}), or a reference line without nn4j in between: {@code raw-nd4j}
 * ({@code Nd4j.gemm} into a preallocated C), {@code raw-ejml} ({@code CommonOps_FDRM}),
 * {@code raw-ejml-mt} ({@code CommonOps_MT_FDRM}, all cores).
 */
public final class GemmCalls {
    /** Points of C compared with the reference. */
    private static final int CHECKS = 16;

    private GemmCalls() {
    }

    /** A ready call for {@code impl} on random operands of {@code shape} in [-1, 1), seeded. */
    public static GemmCall create(String impl, GemmShape shape, long seed) {
        Random rnd = new Random(seed);
        float[] a = random(rnd, shape.aRows() * shape.aCols());
        float[] b = random(rnd, shape.bRows() * shape.bCols());
        GemmCall call = switch (impl) {
            case "raw-nd4j" -> new RawNd4jGemm(shape, a, b);
            case "raw-ejml" -> new RawEjmlGemm(shape, a, b, false);
            case "raw-ejml-mt" -> new RawEjmlGemm(shape, a, b, true);
            default -> new Nn4jGemm(impl, shape, a, b);
        };
        try {
            call.run();
            check(impl, shape, a, b, call.result(), rnd);
        } catch (RuntimeException | Error e) {
            call.close();
            throw e;
        }
        return call;
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    /** Compares {@value #CHECKS} random entries of {@code c} with double-precision dot products; throws on a mismatch. */
    static void check(String impl, GemmShape s, float[] a, float[] b, float[] c, Random rnd) {
        if (c.length != s.m() * s.n()) {
            throw new IllegalStateException(impl + " gemm " + s + ": result has " + c.length + " elements, expected "
                    + s.m() * s.n());
        }
        for (int t = 0; t < CHECKS; t++) {
            int i = rnd.nextInt(s.m());
            int j = rnd.nextInt(s.n());
            double sum = 0;
            double magnitude = 0;
            for (int p = 0; p < s.k(); p++) {
                double x = s.transA() ? a[p * s.aCols() + i] : a[i * s.aCols() + p];
                double y = s.transB() ? b[j * s.bCols() + p] : b[p * s.bCols() + j];
                sum += x * y;
                magnitude += Math.abs(x * y);
            }
            double got = c[i * s.n() + j];
            if (!(Math.abs(got - sum) <= 1e-5 * s.k() * magnitude + 1e-6)) {
                throw new IllegalStateException(impl + " gemm " + s + ": C[" + i + "," + j + "] = " + got
                        + ", reference " + sum);
            }
        }
    }
}
