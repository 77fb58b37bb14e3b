package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.backend.UnaryOp;
import dev.nn4j.nn.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Trains a 16-32-4 MLP (tanh, softmax cross-entropy, SGD) for 30 epochs of 8 batches on the
 * ND4J kernels, with every buffer allocated once, and checks that native memory stops growing:
 * from epoch 5 on, libnd4j's count of live buffer bytes stays within 4 KiB and the process RSS
 * within 16 MiB. Memory is measured after a garbage collection at the end of each epoch,
 * because ND4J's scalar ops leave 4-byte arrays that only the collector frees. One leaked 64x32
 * temporary per step would add 64 KiB per epoch, 1.6 MiB over the run.
 */
class Nd4jMemoryTest {
    private static final int FEATURES = 16;
    private static final int HIDDEN = 32;
    private static final int CLASSES = 4;
    private static final int BATCH = 64;
    private static final int BATCHES = 8;
    private static final int EPOCHS = 30;
    private static final double LEARNING_RATE = 0.5;

    private final Nd4jBackend nd4j = (Nd4jBackend) Backends.get("nd4j");
    private final List<Tensor> owned = new ArrayList<>();

    /**
     * Lets the collector free the Java-heap garbage and ND4J's small GC-owned temporaries, so
     * that the counts show memory in use, not garbage waiting to be collected.
     */
    private static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Tensor alloc(int... dims) {
        Tensor t = nd4j.zeros(DType.FLOAT32, dims);
        owned.add(t);
        return t;
    }

    private Tensor randomWeights(SplittableRandom rnd, int rows, int cols) {
        Tensor t = alloc(rows, cols);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(-0.5, 0.5);
        }
        t.setAll(v);
        return t;
    }

    @Test
    void nativeMemoryStopsGrowingWhileTraining() {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = BATCH * BATCHES;
        float[] xs = new float[n * FEATURES];
        float[] ys = new float[n * CLASSES];
        double[][] teacher = new double[CLASSES][FEATURES];
        for (double[] row : teacher) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        for (int s = 0; s < n; s++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < FEATURES; j++) {
                xs[s * FEATURES + j] = (float) rnd.nextGaussian();
            }
            for (int c = 0; c < CLASSES; c++) {
                double score = 0;
                for (int j = 0; j < FEATURES; j++) {
                    score += teacher[c][j] * xs[s * FEATURES + j];
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            ys[s * CLASSES + best] = 1;
        }
        try {
            train(rnd, xs, ys);
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    private void train(SplittableRandom rnd, float[] xs, float[] ys) {
        Tensor w1 = randomWeights(rnd, FEATURES, HIDDEN);
        Tensor b1 = alloc(1, HIDDEN);
        Tensor w2 = randomWeights(rnd, HIDDEN, CLASSES);
        Tensor b2 = alloc(1, CLASSES);
        Tensor x = alloc(BATCH, FEATURES);
        Tensor y = alloc(BATCH, CLASSES);
        Tensor h = alloc(BATCH, HIDDEN);
        Tensor a = alloc(BATCH, HIDDEN);
        Tensor z = alloc(BATCH, CLASSES);
        Tensor logp = alloc(BATCH, CLASSES);
        Tensor dz = alloc(BATCH, CLASSES);
        Tensor da = alloc(BATCH, HIDDEN);
        Tensor dw1 = alloc(FEATURES, HIDDEN);
        Tensor db1 = alloc(1, HIDDEN);
        Tensor dw2 = alloc(HIDDEN, CLASSES);
        Tensor db2 = alloc(1, CLASSES);

        long[] live = new long[EPOCHS + 1];
        long[] rss = new long[EPOCHS + 1];
        double[] loss = new double[EPOCHS + 1];
        StringBuilder report = new StringBuilder("epoch  loss     ND4J buffers  RSS\n");
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            double total = 0;
            for (int batch = 0; batch < BATCHES; batch++) {
                x.setRange(xs, batch * BATCH * FEATURES, BATCH * FEATURES);
                y.setRange(ys, batch * BATCH * CLASSES, BATCH * CLASSES);
                // forward
                Ops.gemm(false, false, 1, x, w1, 0, h);
                Ops.addRowVector(h, b1, h);
                Ops.activation(Activation.TANH, h, a);
                Ops.gemm(false, false, 1, a, w2, 0, z);
                Ops.addRowVector(z, b2, z);
                Ops.logSoftmax(z, logp);
                total += -Ops.dot(logp, y) / BATCH;
                // backward: dL/dz = (softmax(z) - y) / batch
                Ops.unary(UnaryOp.EXP, logp, dz);
                Ops.sub(dz, y, dz);
                Ops.scale(dz, 1.0 / BATCH, dz);
                Ops.gemm(true, false, 1, a, dz, 0, dw2);
                Ops.sumRows(dz, db2);
                Ops.gemm(false, true, 1, dz, w2, 0, da);
                Ops.activationBackward(Activation.TANH, h, a, da, da);
                Ops.gemm(true, false, 1, x, da, 0, dw1);
                Ops.sumRows(da, db1);
                // SGD
                Ops.axpby(-LEARNING_RATE, dw1, 1, w1);
                Ops.axpby(-LEARNING_RATE, db1, 1, b1);
                Ops.axpby(-LEARNING_RATE, dw2, 1, w2);
                Ops.axpby(-LEARNING_RATE, db2, 1, b2);
            }
            loss[epoch] = total / BATCHES;
            collectGarbage();
            live[epoch] = nd4j.liveBufferBytes();
            rss[epoch] = Pointer.physicalBytes();
            report.append(String.format(Locale.ROOT, "%5d  %.4f  %12d  %.1f MiB%n", epoch, loss[epoch], live[epoch],
                    rss[epoch] / 1048576.0));
        }
        System.out.print(report);

        assertTrue(loss[EPOCHS] < 0.5 * loss[1], "training must work: loss " + loss[1] + " -> " + loss[EPOCHS]);
        for (int epoch = 5; epoch <= EPOCHS; epoch++) {
            long grownLive = live[epoch] - live[5];
            long grownRss = rss[epoch] - rss[5];
            assertTrue(grownLive < 4 * 1024, "ND4J buffers grew by " + grownLive + " bytes from epoch 5 to " + epoch
                    + "\n" + report);
            assertTrue(grownRss < 16L << 20, "RSS grew by " + (grownRss >> 20) + " MiB from epoch 5 to " + epoch
                    + "\n" + report);
        }
    }
}
