package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.KernelScratch;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused kernels' defaults allocate nothing once warm ({@link KernelScratch}): bytes allocated
 * by the calling thread, measured with {@link com.sun.management.ThreadMXBean}, over
 * {@value #CALLS} calls of each default on {@link PrimitivesOnlyBackend}, the least over
 * {@value #ROUNDS} rounds (so a round in which the JIT still compiled does not count). One stray
 * object per call would be at least {@code 16·CALLS} bytes; the budget is {@value #BUDGET}. A
 * small CNN's training step on the defaults alone stays within {@value #STEP_BUDGET} bytes (the
 * layers' own reshapes allocate about 150), which it would exceed by megabytes if its
 * temporaries did not fit in the scratch.
 */
class DefaultsAllocationTest {
    private static final int CALLS = 50;
    private static final int ROUNDS = 8;
    private static final long BUDGET = 64;
    private static final long STEP_BUDGET = 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Backend backend = Backends.get(PrimitivesOnlyBackend.NAME);

    private long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Least bytes allocated by {@code calls} calls of {@code r} over the rounds, after a warm-up. */
    private long warmBytes(Runnable r, int warmUp, int calls) {
        for (int i = 0; i < warmUp; i++) {
            r.run();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && best > 0; round++) {
            long before = allocated();
            for (int i = 0; i < calls; i++) {
                r.run();
            }
            best = Math.min(best, allocated() - before);
        }
        return best;
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void everyDefaultAllocatesNothingOnceWarm(DType dt) {
        Kernels k = backend.kernels();
        Map<String, Runnable> calls = new LinkedHashMap<>();
        Tensor x = backend.zeros(dt, 4, 10);
        Tensor y = backend.zeros(dt, 4, 10);
        Tensor dy = backend.zeros(dt, 4, 10);
        Tensor dx = backend.zeros(dt, 4, 10);
        for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKY_RELU, Activation.ELU, Activation.GELU, Activation.SOFTMAX}) {
            calls.put("activation " + f.id(), () -> k.activation(f, x, y));
            calls.put("activationBackward " + f.id(), () -> k.activationBackward(f, x, y, dy, dx));
        }
        calls.put("softmax log", () -> k.softmax(x, 0, true, y));
        Tensor bias = backend.zeros(dt, 1, 10);
        calls.put("biasActivation", () -> k.biasActivation(x, bias, Activation.RELU, y));
        int[] rows = new int[4];
        calls.put("argmaxRows", () -> k.argmaxRows(x, rows));
        Tensor m = backend.zeros(dt, 4, 10);
        Tensor v = backend.zeros(dt, 4, 10);
        calls.put("adamUpdate", () -> k.adamUpdate(y, x, m, v, 0.9, 0.999, 1e-3, 1, 1e-8, dx));

        Tensor img = backend.zeros(dt, 2, 3, 8, 8);
        Tensor dimg = backend.zeros(dt, 2, 3, 8, 8);
        for (int pad : new int[] {0, 1}) {
            ConvGeometry g = ConvGeometry.of(img.shape(), 3, 3, 1, 1, new int[] {pad, pad, pad, pad});
            Tensor w = backend.zeros(dt, 4, 3, 3, 3);
            Tensor b = backend.zeros(dt, 4);
            Tensor z = backend.create(dt, g.outputShape(4));
            Tensor a = backend.create(dt, g.outputShape(4));
            Tensor dw = backend.zeros(dt, 4, 3, 3, 3);
            Tensor db = backend.zeros(dt, 4);
            calls.put("conv2d pad " + pad, () -> k.conv2d(img, w, b, g, Activation.RELU, z, a));
            calls.put("conv2dBackward pad " + pad, () -> k.conv2dBackward(img, w, z, g, dw, db, dimg));
            ConvGeometry pg = ConvGeometry.of(img.shape(), 3, 3, 2, 2, new int[] {pad, pad, pad, pad});
            Tensor py = backend.create(dt, pg.outputShape(3));
            calls.put("maxPool2d pad " + pad, () -> k.maxPool2d(img, pg, py));
            calls.put("maxPool2dBackward pad " + pad, () -> k.maxPool2dBackward(img, py, pg, dimg));
            calls.put("avgPool2d pad " + pad, () -> k.avgPool2d(img, pg, py));
            calls.put("avgPool2dBackward pad " + pad, () -> k.avgPool2dBackward(py, pg, dimg));
        }
        Tensor mean = backend.zeros(dt, 3);
        Tensor var = backend.zeros(dt, 3);
        Tensor gamma = backend.zeros(dt, 3);
        Tensor beta = backend.zeros(dt, 3);
        calls.put("channelMeanVariance", () -> k.channelMeanVariance(img, 3, mean, var));
        calls.put("batchNorm", () -> k.batchNorm(img, 3, mean, var, 1e-5, gamma, beta, dimg));
        calls.put("batchNormBackward",
                () -> k.batchNormBackward(img, dimg, 3, mean, var, 1e-5, gamma, dimg, gamma, beta));

        for (Map.Entry<String, Runnable> e : calls.entrySet()) {
            long bytes = warmBytes(e.getValue(), 2000, CALLS);
            assertTrue(bytes <= BUDGET, e.getKey() + " " + dt + ": " + CALLS + " warm calls allocated " + bytes
                    + " bytes");
        }
    }

    @Test
    void aSmallCnnTrainingStepOnTheDefaultsKeepsItsTemporaries() {
        Sequential model = Sequential.builder().input(1, 28, 28)
                .layer(Conv2DConfig.of(8, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .batchNorm().activation(Activation.RELU).maxPool(2)
                .conv2d(16, 3, Padding.same(), Activation.RELU).maxPool(2).flatten()
                .dense(32, Activation.RELU).dropout(0.25).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).backend(backend).seed(3).build();
        int batch = 4;
        Tensor x = backend.zeros(batch, 1, 28, 28);
        Tensor y = backend.zeros(batch, 10);
        float[] xs = new float[batch * 784];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (i % 13) / 13f;
        }
        x.setAll(xs);
        for (int i = 0; i < batch; i++) {
            y.set(1, i, i % 10);
        }
        long perStep = warmBytes(() -> model.trainStep(x, y), 50, 5) / 5;
        assertTrue(perStep <= STEP_BUDGET, "CNN batch " + batch + " on the defaults allocated " + perStep
                + " bytes per step");
    }
}
