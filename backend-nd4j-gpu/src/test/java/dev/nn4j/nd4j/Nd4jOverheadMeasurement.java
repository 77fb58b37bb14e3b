package dev.nn4j.nd4j;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.Locale;

/**
 * A short timing loop (not a benchmark: no forks, a few hundred ms per case) that shows the
 * fixed cost of an ND4J call on tiny tensors against the plain backend, and the throughput of
 * gemm on larger ones. Run with OMP_NUM_THREADS=1 and the test class path:
 * {@code java -cp ... dev.nn4j.nd4j.Nd4jOverheadMeasurement}. JMH numbers belong in the
 * benchmarks module.
 */
public final class Nd4jOverheadMeasurement {
    private Nd4jOverheadMeasurement() {
    }

    public static void main(String[] args) {
        Backend nd4j = Backends.get("nd4j");
        Backend plain = Backends.get("plain");
        System.out.println(nd4j.device());
        for (Backend b : new Backend[] {plain, nd4j}) {
            gemm(b, 2, 4, 1);
            add(b, 1, 4);
            gemm(b, 64, 64, 64);
            add(b, 128, 256);
            gemm(b, 128, 784, 128);
            gemm(b, 256, 256, 256);
        }
    }

    private static void gemm(Backend b, int m, int k, int n) {
        try (Tensor x = filled(b, m, k); Tensor y = filled(b, k, n); Tensor c = b.zeros(DType.FLOAT32, m, n)) {
            double ns = time(() -> Ops.gemm(false, false, 1, x, y, 0, c));
            System.out.printf(Locale.ROOT, "%-6s gemm %dx%d·%dx%d into C: %10.2f us  %7.2f GFLOP/s%n", b.name(), m, k, k,
                    n, ns / 1e3, 2.0 * m * k * n / ns);
        }
    }

    private static void add(Backend b, int m, int n) {
        try (Tensor x = filled(b, m, n); Tensor y = filled(b, m, n); Tensor out = b.zeros(DType.FLOAT32, m, n)) {
            double ns = time(() -> Ops.add(x, y, out));
            System.out.printf(Locale.ROOT, "%-6s add  %dx%d into out:     %10.2f us%n", b.name(), m, n, ns / 1e3);
        }
    }

    private static Tensor filled(Backend b, int rows, int cols) {
        Tensor t = b.zeros(DType.FLOAT32, rows, cols);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 7) * 0.25f - 0.5f;
        }
        t.setAll(v);
        return t;
    }

    /** Mean nanoseconds per call: warm up for ~200 ms, then time for ~300 ms. */
    static double time(Runnable op) {
        run(op, 200_000_000L);
        return run(op, 300_000_000L);
    }

    private static double run(Runnable op, long budgetNanos) {
        long calls = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                op.run();
            }
            calls += 16;
            now = System.nanoTime();
        } while (now - start < budgetNanos);
        return (now - start) / (double) calls;
    }
}
