package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a 16-32-4 MLP (tanh, softmax cross-entropy, SGD) for 30 epochs of 8 batches on the
 * ND4J kernels, with every buffer allocated once, and checks that native memory stops growing:
 * from epoch 5 on, libnd4j's count of live buffer bytes stays within 4 KiB and the process RSS
 * within 16 MiB. Memory is measured after a garbage collection at the end of each epoch, so
 * that only memory in use counts, not garbage waiting for the collector (the kernels leave
 * none once warm; the second test checks that without a collection). One leaked 64x32
 * temporary per step would add 64 KiB per epoch, 1.6 MiB over the run.
 *
 * <p>A second test counts what one {@link Sequential#trainStep} of the 784-256-128-10 MLP
 * (Adam, batch 64) allocates once warm; see {@link #mlpTrainingStepAllocatesNoNativeBuffer()}.
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

    private static final int MLP_BATCH = 64;
    private static final int MLP_WARM_UP = 3;
    private static final int MLP_STEPS = 20;
    /**
     * ND4J buffer objects a warm MLP step still creates: each row-wise reduction with a
     * dimension (the row maxima of log-softmax) and the dot product of the loss wrap libnd4j's
     * cached shape information in new Java objects (2 + 2, twice). They hold no new native
     * memory, which the flat byte counter below shows.
     */
    private static final long MLP_WRAPPERS_PER_STEP = 8;

    /**
     * One ND4J id per data buffer or op context created ({@code DeallocatorService.nextValue()}
     * counts them; the call itself takes one).
     */
    private static long nd4jObjectsCreated() {
        return Nd4j.getDeallocatorService().nextValue();
    }

    /**
     * Trains the 784-256-128-10 MLP (ReLU, ReLU, softmax cross-entropy, Adam) on one random
     * batch of 64 through {@link Sequential#trainStep} on preallocated tensors. After
     * {@value #MLP_WARM_UP} warm-up steps, over {@value #MLP_STEPS} steps and without a garbage
     * collection: libnd4j's live buffer bytes do not change at all (no buffer is allocated and
     * left to the collector, as ND4J's scalar and reduction ops did: 228 bytes per step
     * before), the kernels' scratch creates no array, and ND4J creates at most
     * {@value #MLP_WRAPPERS_PER_STEP} buffer objects per step (167 before).
     */
    @Test
    void mlpTrainingStepAllocatesNoNativeBuffer() {
        Sequential model = Sequential.builder().input(784).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .backend(nd4j).build();
        SplittableRandom rnd = new SplittableRandom(7);
        Tensor x = alloc(MLP_BATCH, 784);
        Tensor y = alloc(MLP_BATCH, 10);
        float[] xs = new float[MLP_BATCH * 784];
        float[] ys = new float[MLP_BATCH * 10];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextDouble();
        }
        for (int r = 0; r < MLP_BATCH; r++) {
            ys[r * 10 + rnd.nextInt(10)] = 1;
        }
        try {
            x.setAll(xs);
            y.setAll(ys);
            double first = model.trainStep(x, y);
            for (int i = 1; i < MLP_WARM_UP; i++) {
                model.trainStep(x, y);
            }
            Nd4jScratch scratch = ((Nd4jKernels) nd4j.kernels()).scratch();
            long arrays = scratch.arraysCreated();
            long live = nd4j.liveBufferBytes();
            long objects = nd4jObjectsCreated();
            double last = Double.NaN;
            for (int i = 0; i < MLP_STEPS; i++) {
                last = model.trainStep(x, y);
            }
            long objectsPerStep = (nd4jObjectsCreated() - objects - 1) / MLP_STEPS;
            long grown = nd4j.liveBufferBytes() - live;
            System.out.printf(Locale.ROOT, "MLP 784-256-128-10, batch %d, %d warm steps: ND4J live bytes %+d, "
                    + "scratch arrays created %d, ND4J buffer objects per step %d; loss %.4f -> %.4f%n", MLP_BATCH,
                    MLP_STEPS, grown, scratch.arraysCreated() - arrays, objectsPerStep, first, last);
            assertTrue(last < first, "training must work: loss " + first + " -> " + last);
            assertEquals(0, grown, "ND4J live buffer bytes over " + MLP_STEPS + " warm steps");
            assertEquals(arrays, scratch.arraysCreated(), "scratch arrays created during warm steps");
            assertTrue(objectsPerStep <= MLP_WRAPPERS_PER_STEP, "ND4J buffer objects per warm step: " + objectsPerStep);
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
                Ops.unary(Unary.EXP, logp, dz);
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
