package dev.nn4j.plain;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.toy.NeuralNetwork;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training step allocates (almost) nothing once its buffers exist: bytes allocated by the
 * calling thread per step, measured with {@link com.sun.management.ThreadMXBean} after warm-up
 * steps, must stay at most {@value #BUDGET} for the 784-256-128-10 MLP at batch 128 (Adam,
 * threaded gemm) and at most {@value #TOY_BUDGET} for the 2-4-1 Toy facade (whose step makes
 * about twenty checked calls, so one stray string or varargs array per call would exceed it).
 * Allocation counts do not depend on timing, so the bounds do not make the test flaky; the
 * steady state is actually 0 bytes. The CNN's step splits its image kernels over the gemm pool's
 * threads, so its count covers every thread of the JVM; it must stay at most
 * {@value #CNN_BUDGET} bytes.
 */
class PlainAllocationTest {
    private static final long BUDGET = 1024;
    private static final long TOY_BUDGET = 64;
    private static final long CNN_BUDGET = 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Backend plain = Backends.get("plain");

    private long allocatedByThisThread() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Bytes allocated so far by the threads alive now (the gemm pool's workers are started once and kept). */
    private long allocatedByAllThreads() {
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    /**
     * Bytes allocated per call of {@code step} once warm: the least over {@code rounds} rounds of
     * {@code steps} calls, so a round in which the JIT was still compiling (slow on a loaded
     * machine) does not count as steady state.
     */
    private long warmBytesPerStep(Runnable step, int steps, int rounds) {
        return warmBytesPerStep(step, steps, rounds, -1);
    }

    /** As above, stopping early at the first round at or below {@code enough} bytes per step. */
    private long warmBytesPerStep(Runnable step, int steps, int rounds, long enough) {
        return warmBytesPerStep(step, steps, rounds, enough, this::allocatedByThisThread);
    }

    private long warmBytesPerStep(Runnable step, int steps, int rounds, long enough,
                                  java.util.function.LongSupplier allocated) {
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds && best > enough; r++) {
            long before = allocated.getAsLong();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            best = Math.min(best, (allocated.getAsLong() - before) / steps);
        }
        return best;
    }

    @Test
    void cnnTrainingStepAllocatesAtMostOneKilobyteOnAllThreads() {
        Sequential model = Sequential.builder().input(1, 28, 28)
                .layer(dev.nn4j.nn.Conv2DConfig.of(8, 3, dev.nn4j.nn.Padding.same(), Activation.IDENTITY).withBias(false))
                .batchNorm().activation(Activation.RELU).maxPool(2)
                .conv2d(16, 3, dev.nn4j.nn.Padding.same(), Activation.RELU).maxPool(2).flatten()
                .dense(32, Activation.RELU).dropout(0.25).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).backend(plain).seed(3).build();
        int batch = 32;                           // 200,704 values after the first conv: split into parts
        Tensor x = plain.zeros(batch, 1, 28, 28);
        Tensor y = plain.zeros(batch, 10);
        float[] xs = new float[batch * 784];
        float[] ys = new float[batch * 10];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (i % 13) / 13f;
        }
        for (int i = 0; i < batch; i++) {
            ys[i * 10 + i % 10] = 1;
        }
        x.setAll(xs);
        y.setAll(ys);
        for (int i = 0; i < 200; i++) {           // warm-up
            model.trainStep(x, y);
        }
        // Allow up to 4,000 more steps for the JIT (slow on a loaded machine), stopping at the first round of 10 within the budget.
        long perStep = warmBytesPerStep(() -> model.trainStep(x, y), 10, 400, CNN_BUDGET, this::allocatedByAllThreads);
        assertTrue(perStep <= CNN_BUDGET, "CNN (conv, batch norm, pools, flatten, dropout) batch " + batch
                + " allocated " + perStep + " bytes per step on all threads");
    }

    @Test
    void mlpTrainingStepAllocatesAtMostOneKilobyte() {
        Sequential model = Sequential.builder().input(784).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .backend(plain).seed(3).build();
        Tensor x = plain.zeros(128, 784);
        Tensor y = plain.zeros(128, 10);
        float[] xs = new float[128 * 784];
        float[] ys = new float[128 * 10];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (i % 17) / 17f;
        }
        for (int i = 0; i < 128; i++) {
            ys[i * 10 + i % 10] = 1;
        }
        x.setAll(xs);
        y.setAll(ys);
        int steps = 20;
        for (int i = 0; i < 10 * steps; i++) {    // warm-up: until the JIT has compiled the Vector API loops
            model.trainStep(x, y);
        }
        long before = allocatedByThisThread();
        for (int i = 0; i < steps; i++) {
            model.trainStep(x, y);
        }
        long perStep = (allocatedByThisThread() - before) / steps;
        assertTrue(perStep <= BUDGET, "MLP 784-256-128-10 batch 128 allocated " + perStep + " bytes per step");
    }

    @Test
    void toyFacadeTrainAllocatesAtMostOneKilobyte() {
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 7);   // the default backend: plain is the only one here
        assertTrue(nn.model().backend() == plain, "the facade runs on " + nn.model().backend().name());
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] targets = {{0}, {1}, {1}, {0}};
        int steps = 20_000;
        for (int i = 0; i < steps; i++) {
            nn.train(inputs[i & 3], targets[i & 3]);
        }
        int[] k = {0};
        long perStep = warmBytesPerStep(() -> {
            nn.train(inputs[k[0] & 3], targets[k[0] & 3]);
            k[0]++;
        }, steps / 4, 8);
        assertTrue(perStep <= TOY_BUDGET, "Toy facade 2-4-1 allocated " + perStep + " bytes per train step");
    }
}
