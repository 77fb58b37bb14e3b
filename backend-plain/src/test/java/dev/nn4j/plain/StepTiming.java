package dev.nn4j.plain;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.toy.NeuralNetwork;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * A throwaway timing harness (not a test, asserts nothing): prints, on the plain backend, XOR
 * single-sample steps/s through the Toy facade, MLP 784-256-128-10 training samples/s at batch
 * 128, the Adam update time for that parameter set, and the bytes allocated per step of
 * the two training loops. Each figure is the median of several timed rounds.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp ... dev.nn4j.plain.StepTiming [xor|mlp|adam|alloc]...}
 * (all four when no argument is given).
 */
public final class StepTiming {
    private static final int ROUNDS = 7;

    private StepTiming() {
    }

    public static void main(String[] args) {
        List<String> what = args.length == 0 ? List.of("alloc", "xor", "mlp", "adam") : List.of(args);
        Backend plain = Backends.get("plain");
        for (String w : what) {
            switch (w) {
                case "xor": xor(); break;
                case "mlp": mlpSpeed(plain); break;
                case "adam": adam(plain); break;
                case "alloc": alloc(plain); break;
                default: throw new IllegalArgumentException("unknown: " + w);
            }
        }
    }

    private static final double[][] XOR_IN = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] XOR_OUT = {{0}, {1}, {1}, {0}};

    private static void xor() {
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 42);
        int steps = Integer.getInteger("xor.steps", 2_000_000);
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                nn.train(XOR_IN[i & 3], XOR_OUT[i & 3]);
            }
            rates[r] = steps / ((System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("xor toy facade: %s steps/s%n", median(rates));
    }

    static Sequential mlpModel(Backend backend) {
        return Sequential.builder().input(784).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .backend(backend).seed(1).build();
    }

    static Tensor[] batch(Backend backend, int n) {
        Tensor x = backend.zeros(n, 784);
        Tensor y = backend.zeros(n, 10);
        float[] xs = new float[n * 784];
        float[] ys = new float[n * 10];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) (((i * 2654435761L) >>> 8) % 1000) / 1000f;
        }
        for (int i = 0; i < n; i++) {
            ys[i * 10 + i % 10] = 1;
        }
        x.setAll(xs);
        y.setAll(ys);
        return new Tensor[] {x, y};
    }

    private static void mlpSpeed(Backend plain) {
        Sequential model = mlpModel(plain);
        Tensor[] xy = batch(plain, 128);
        int steps = Integer.getInteger("mlp.steps", 60);
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.trainStep(xy[0], xy[1]);
            }
            rates[r] = steps * 128 / ((System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("mlp 784-256-128-10 batch 128: %s samples/s%n", median(rates));
    }

    private static void adam(Backend plain) {
        Sequential model = mlpModel(plain);
        Tensor[] xy = batch(plain, 128);
        model.computeGradients(xy[0], xy[1]);
        List<Parameter> ps = model.parameters();
        Adam adam = new Adam(1e-3);
        int steps = 400;
        double[] us = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                adam.step(ps);
            }
            us[r] = (System.nanoTime() - t0) / 1e3 / steps;
        }
        System.out.printf("adam step, %d parameters: %s us%n", model.parameterCount(), median(us));
    }

    private static void alloc(Backend plain) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Sequential model = mlpModel(plain);
        Tensor[] xy = batch(plain, 128);
        for (int i = 0; i < 300; i++) {
            model.trainStep(xy[0], xy[1]);
        }
        long a0 = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100; i++) {
            model.trainStep(xy[0], xy[1]);
        }
        long mlpBytes = (bean.getThreadAllocatedBytes(id) - a0) / 100;
        long all0 = allThreads(bean);
        for (int i = 0; i < 100; i++) {
            model.trainStep(xy[0], xy[1]);
        }
        System.out.printf("mlp, all threads: %d bytes per step%n", (allThreads(bean) - all0) / 100);
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 42);
        for (int i = 0; i < 200_000; i++) {
            nn.train(XOR_IN[i & 3], XOR_OUT[i & 3]);
        }
        a0 = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            nn.train(XOR_IN[i & 3], XOR_OUT[i & 3]);
        }
        long xorBytes = (bean.getThreadAllocatedBytes(id) - a0) / 100_000;
        System.out.printf("allocated per step: mlp %d bytes, xor %d bytes%n", mlpBytes, xorBytes);
    }

    private static long allThreads(com.sun.management.ThreadMXBean bean) {
        long sum = 0;
        for (long b : bean.getThreadAllocatedBytes(bean.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    private static String median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("%.0f (min %.0f, max %.0f)", s[s.length / 2], s[0], s[s.length - 1]);
    }
}
