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
    /** The convolutional training steps, one run per {@code net} and {@code impl}. */
    static final String CNN = "CnnStepBenchmark";
    /** The networks of {@link #CNN}, in report order; also the PyTorch peer's workload names. */
    static final List<String> CNN_NETS = List.of(dev.nn4j.benchmarks.CnnShape.LENET,
            dev.nn4j.benchmarks.CnnShape.FASHION_CNN);
    /** Images per CNN step. */
    static final int CNN_BATCH = dev.nn4j.benchmarks.CnnShape.BATCH;
    /** The PyTorch peer's name for the MLP step. */
    static final String PYTORCH_MLP = "mlp";
    /** The PyTorch peer's name for the XOR step. */
    static final String PYTORCH_XOR = "xor";
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

    /** The {@link #CNN} runs of network {@code net}, in file order. */
    static List<JmhRun> cnnRuns(ResultSet set, String net) {
        List<JmhRun> out = new ArrayList<>();
        for (JmhRun r : set.of(CNN)) {
            if (net.equals(r.param("net"))) {
                out.add(r);
            }
        }
        return out;
    }

    /** A heading for network {@code net}. */
    static String cnnTitle(String net) {
        return dev.nn4j.benchmarks.CnnShape.LENET.equals(net)
                ? "LeNet (conv5x5x20-pool-conv5x5x50-pool-dense500-10)"
                : "Fashion CNN (conv3x3x32-BN-pool-conv3x3x64-BN-pool-dense128-dropout-10)";
    }

    /** {@code 128x784T*128x256} as {@code 784·128·256} (m·k·n). */
    static String mkn(String shape) {
        GemmShape s = GemmShape.parse(shape);
        return s.m() + "·" + s.k() + "·" + s.n();
    }
}
