package dev.nn4j.plain.gemm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A throwaway timing harness (not a test, asserts nothing): prints GFLOP/s of {@link Sgemm}
 * for a list of shapes, as the median of several timed rounds with their spread.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp ... dev.nn4j.plain.gemm.GemmTiming
 * vector|scalar|public|direct threads shape...} ({@code public}: the public entry point with its own
 * dispatch; {@code direct}: the direct loops only), where a shape is {@code MxNxK} optionally prefixed with
 * {@code T} (Aᵀ·B) or {@code U} (A·Bᵀ), e.g. {@code 1024x1024x1024 T784x256x128}.
 */
public final class GemmTiming {
    private GemmTiming() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        GemmEngine engine = mode.equals("scalar") ? new ScalarGemm()
                : mode.equals("12x2") ? new VectorTile12x2() : mode.equals("6x2") ? new VectorTile6x2()
                : VectorGemm.forThisCpu();
        int threads = Integer.parseInt(args[1]);
        System.out.println(mode + ": engine " + (mode.equals("public") ? Sgemm.engineName() : engine.name())
                + ", threads " + threads);
        for (int s = 2; s < args.length; s++) {
            time(mode, engine, threads, args[s]);
        }
    }

    private static void call(String mode, GemmEngine engine, int threads, boolean ta, boolean tb, int m, int n, int k,
                             float[] a, int lda, float[] b, int ldb, float[] c) {
        if (mode.equals("public")) {
            Sgemm.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        } else if (mode.equals("direct")) {
            DirectGemm.multiply(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        } else {
            Sgemm.packed(engine, threads, ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        }
    }

    private static void time(String mode, GemmEngine engine, int threads, String spec) {
        boolean ta = spec.startsWith("T");
        boolean tb = spec.startsWith("U");
        int[] d = Arrays.stream(spec.replaceAll("^[TU]", "").split("x")).mapToInt(Integer::parseInt).toArray();
        int m = d[0];
        int n = d[1];
        int k = d[2];
        Random r = new Random(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
        }
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        double flops = 2.0 * m * n * k;
        int reps = (int) Math.max(1, 2e8 / flops);
        long warmEnd = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warmEnd) {
            call(mode, engine, threads, ta, tb, m, n, k, a, lda, b, ldb, c);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes0 = mx.getCurrentThreadAllocatedBytes();
        List<Double> g = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int round = 0; round < 9; round++) {
            long t0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                call(mode, engine, threads, ta, tb, m, n, k, a, lda, b, ldb, c);
            }
            g.add(flops * reps / (System.nanoTime() - t0));
            cpu.add(flops * reps / (mx.getCurrentThreadCpuTime() - cpu0));
        }
        cpu.sort(null);
        double bytesPerCall = (mx.getCurrentThreadAllocatedBytes() - bytes0 - 9 * 16) / (9.0 * reps);
        g.sort(null);
        double median = g.get(g.size() / 2);
        System.out.printf("%-16s median %6.1f GFLOP/s  (min %6.1f, max %6.1f)  %.0f ns/call  %.1f B/call"
                + "  per CPU-second of the calling thread: median %6.1f, max %6.1f%n", spec, median,
                g.get(0), g.get(g.size() - 1), flops / median, bytesPerCall, cpu.get(cpu.size() / 2), cpu.get(cpu.size() - 1));
    }
}
