package dev.nn4j.nd4j;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A quick timing run (not a benchmark: one JVM, no forks) of what the training loop costs on
 * this backend, reported as medians of repeated rounds because the machine is shared:
 * <ul>
 *   <li>gemm 1024x1024·1024x1024 FLOAT32 through {@link Ops#gemm} against raw {@code Nd4j.gemm}
 *       into the same preallocated C, rounds interleaved;</li>
 *   <li>one {@link Sequential#trainStep} of a 784-256-128-10 MLP (ReLU, ReLU, softmax
 *       cross-entropy, Adam) at batch 128;</li>
 *   <li>one single-sample step of a 2-4-1 sigmoid XOR net (squared error, SGD).</li>
 * </ul>
 * Run with the test class path and {@code OMP_NUM_THREADS} set:
 * {@code java -cp ... dev.nn4j.nd4j.Nd4jStepMeasurement [rounds]}.
 */
public final class Nd4jStepMeasurement {
    private static final int GEMM_N = 1024;

    private Nd4jStepMeasurement() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Nd4jBackend nd4j = (Nd4jBackend) Backends.get("nd4j");
        System.out.println(nd4j.device());
        gemm(nd4j, rounds);
        mlp(nd4j, rounds);
        xor(nd4j, rounds);
    }

    private static void gemm(Nd4jBackend nd4j, int rounds) {
        SplittableRandom rnd = new SplittableRandom(1);
        try (Tensor a = random(nd4j, rnd, GEMM_N, GEMM_N); Tensor b = random(nd4j, rnd, GEMM_N, GEMM_N);
             Tensor c = nd4j.zeros(DType.FLOAT32, GEMM_N, GEMM_N)) {
            INDArray ra = ((Nd4jTensor) a).array();
            INDArray rb = ((Nd4jTensor) b).array();
            INDArray rc = ((Nd4jTensor) c).array();
            Runnable viaOps = () -> Ops.gemm(false, false, 1, a, b, 0, c);
            Runnable raw = () -> Nd4j.gemm(ra, rb, rc, false, false, 1.0, 0.0);
            timeRound(viaOps, 2);
            timeRound(raw, 2);
            double[] ops = new double[rounds];
            double[] nd = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ops[r] = timeRound(viaOps, 5);
                nd[r] = timeRound(raw, 5);
            }
            double flops = 2.0 * GEMM_N * GEMM_N * GEMM_N;
            double mo = median(ops);
            double mn = median(nd);
            System.out.printf(Locale.ROOT,
                    "gemm %d^3: Ops.gemm %.2f ms (%.0f GFLOP/s), raw Nd4j.gemm %.2f ms (%.0f GFLOP/s), ratio %.3f%n",
                    GEMM_N, mo / 1e6, flops / mo, mn / 1e6, flops / mn, mn / mo);
        }
    }

    private static void mlp(Nd4jBackend nd4j, int rounds) {
        int batch = 128;
        Sequential model = Sequential.builder().input(784).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .backend(nd4j).build();
        SplittableRandom rnd = new SplittableRandom(2);
        try (Tensor x = random(nd4j, rnd, batch, 784); Tensor y = oneHot(nd4j, rnd, batch, 10)) {
            Runnable step = () -> model.trainStep(x, y);
            report("MLP 784-256-128-10 batch " + batch + " step", step, 20, rounds);
        }
    }

    private static void xor(Nd4jBackend nd4j, int rounds) {
        Sequential model = Sequential.builder().input(2).dense(4, Activation.SIGMOID).dense(1, Activation.SIGMOID)
                .loss(Losses.squaredError()).optimizer(new Sgd(0.5)).backend(nd4j).build();
        try (Tensor x = nd4j.fromArray(new float[] {1, 0}, 1, 2); Tensor y = nd4j.fromArray(new float[] {1}, 1, 1)) {
            Runnable step = () -> model.trainStep(x, y);
            report("XOR 2-4-1 single-sample step", step, 500, rounds);
        }
    }

    private static void report(String what, Runnable step, int callsPerRound, int rounds) {
        timeRound(step, callsPerRound * 2);
        double[] ns = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ns[r] = timeRound(step, callsPerRound);
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "%s: median %.1f us (min %.1f, max %.1f, %d rounds of %d)%n", what,
                median(ns) / 1e3, ns[0] / 1e3, ns[rounds - 1] / 1e3, rounds, callsPerRound);
    }

    /** Mean nanoseconds per call over {@code calls} calls. */
    private static double timeRound(Runnable op, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            op.run();
        }
        return (System.nanoTime() - start) / (double) calls;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static Tensor random(Nd4jBackend nd4j, SplittableRandom rnd, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return nd4j.fromArray(v, rows, cols);
    }

    private static Tensor oneHot(Nd4jBackend nd4j, SplittableRandom rnd, int rows, int classes) {
        float[] v = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            v[i * classes + rnd.nextInt(classes)] = 1;
        }
        return nd4j.fromArray(v, rows, classes);
    }
}
