package dev.nn4j.benchmarks.report;

import dev.nn4j.benchmarks.GemmShape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the report knows about the benchmark classes: which ones are matrix products and
 * which are training steps, the reference implementation each is compared with, and how a
 * time per operation becomes a rate (GFLOP/s, samples/s, steps/s).
 */
final class Suite {
    /** Matrix-product benchmark classes, in report order. */
    static final List<String> MATMUL = List.of("MatmulBenchmark", "MatmulLargeBenchmark");
    /** The MLP training step. */
    static final String TRAIN = "TrainStepBenchmark";
    /** The 2-4-1 single-sample step. */
    static final String XOR = "XorStepBenchmark";
    /** Samples per MLP step (must match {@code MlpShape.BATCH}). */
    static final int BATCH = dev.nn4j.benchmarks.MlpShape.BATCH;
    /** Reference line of the matrix products. */
    static final String RAW_ND4J = "raw-nd4j";
    /** Peer of the training steps. */
    static final String DL4J = "dl4j";

    private Suite() {
    }

    /** GFLOP/s of one product of {@code r}'s shape in {@code r}'s time. */
    static double gflops(JmhRun r) {
        return GemmShape.parse(r.param("shape")).flops() / r.seconds() / 1e9;
    }

    /** The matrix-product runs of {@code set}, both classes. */
    static List<JmhRun> matmulRuns(ResultSet set) {
        List<JmhRun> out = new ArrayList<>();
        for (String b : MATMUL) {
            out.addAll(set.of(b));
        }
        return out;
    }

    /** Distinct values of parameter {@code name} among {@code runs}, in order of appearance. */
    static List<String> values(List<JmhRun> runs, String name) {
        Set<String> seen = new LinkedHashSet<>();
        for (JmhRun r : runs) {
            seen.add(r.param(name));
        }
        return new ArrayList<>(seen);
    }

    /** The matrix-product run for {@code impl} on {@code shape}, in either class. */
    static Optional<JmhRun> matmul(ResultSet set, String impl, String shape) {
        for (String b : MATMUL) {
            Optional<JmhRun> r = set.find(b, impl, shape);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** {@code 128x784T*128x256} as {@code 784·128·256} (m·k·n). */
    static String mkn(String shape) {
        GemmShape s = GemmShape.parse(shape);
        return s.m() + "·" + s.k() + "·" + s.n();
    }
}
