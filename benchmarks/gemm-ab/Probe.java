package dev.nn4j.plain.gemm;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compiled into each build that {@code gemm-ab.sh} compares (it sits in plain's gemm package to reach
 * the packed engine): times {@code reps} products of one shape with the tile this CPU gets. Two
 * threads are the caller and one helper of its own, each computing half of the rows as
 * {@code ParallelGemm} splits a product with m >= n; plain's shared pool is not used, because two
 * builds in one JVM would bring two pools whose idle workers disturb each other.
 */
public final class Probe {
    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gemm-ab-helper");
        t.setDaemon(true);
        return t;
    });
    private static String shape = "";
    private static float[] a;
    private static float[] b;
    private static float[] c;

    private Probe() {
    }

    /** GFLOP/s of {@code reps} products {@code op(A)·op(B)}, spec as {@code [T|U]MxNxK}, on 1 or 2 threads. */
    public static double run(String spec, int threads, int reps) throws Exception {
        boolean ta = spec.startsWith("T");
        boolean tb = spec.startsWith("U");
        String[] d = spec.replaceAll("^[TU]", "").split("x");
        int m = Integer.parseInt(d[0]);
        int n = Integer.parseInt(d[1]);
        int k = Integer.parseInt(d[2]);
        if (!spec.equals(shape)) {
            Random r = new Random(1);
            a = new float[m * k];
            b = new float[k * n];
            c = new float[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextFloat() - 0.5f;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextFloat() - 0.5f;
            }
            shape = spec;
        }
        GemmEngine e = VectorGemm.forThisCpu();
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        int half = (m / 2 + 5) / 6 * 6;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            if (threads == 1 || half >= m) {
                Sgemm.packed(e, 1, ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            } else {
                Future<?> f = HELPER.submit(() -> Sgemm.packed(e, 1, ta, tb, m - half, n, k, 1f,
                        a, ta ? half : half * lda, lda, b, 0, ldb, 0f, c, half * n, n));
                Sgemm.packed(e, 1, ta, tb, half, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                f.get();
            }
        }
        return 2.0 * m * n * k * reps / (System.nanoTime() - t0);
    }
}
