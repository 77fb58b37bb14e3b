package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.array.ArrayParallel;
import dev.nn4j.backend.array.FloatConv;
import dev.nn4j.backend.array.FloatGemm;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Shape;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class PoolParallelTest {
    private static final PoolParallel POOL = PoolParallel.INSTANCE;
    private static final FloatGemm GEMM = (ta, tb, m, n, k, alpha, a, b, beta, c) ->
            Sgemm.sgemm(ta, tb, m, n, k, alpha, a, 0, ta ? m : k, b, 0, tb ? k : n, beta, c, 0, n);

    @Test
    void everyPartRunsOnceInsideAPart() {
        AtomicIntegerArray runs = new AtomicIntegerArray(37);
        AtomicInteger outside = new AtomicInteger();
        for (int repeat = 0; repeat < 200; repeat++) {
            POOL.run(37, i -> {
                runs.incrementAndGet(i);
                if (!PoolParallel.insidePart()) {
                    outside.incrementAndGet();
                }
            });
        }
        for (int i = 0; i < 37; i++) {
            assertEquals(200, runs.get(i), "part " + i);
        }
        assertEquals(0, outside.get(), "parts that did not see insidePart()");
        assertFalse(PoolParallel.insidePart(), "after run");
        assertTrue(POOL.threads() >= 1);
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinish() {
        AtomicInteger finished = new AtomicInteger();
        RuntimeException boom = new RuntimeException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> POOL.run(8, i -> {
            if (i == 3) {
                throw boom;
            }
            finished.incrementAndGet();
        }));
        assertSame(boom, e.getCause());
        assertEquals(7, finished.get());
        assertFalse(PoolParallel.insidePart());
        POOL.run(4, i -> finished.incrementAndGet());   // the pool still works
        assertEquals(11, finished.get());
    }

    @Test
    void nestedRunsStayOnTheirThread() {
        AtomicInteger inner = new AtomicInteger();
        POOL.run(4, i -> POOL.run(3, j -> {
            assertTrue(PoolParallel.insidePart());
            inner.incrementAndGet();
        }));
        assertEquals(12, inner.get());
    }

    /** Convolution chunks on the pool give the same bits as on the calling thread alone (the thread count does not change results). */
    @Test
    void convolutionOnThreadsEqualsSerialBitForBit() {
        // 64 images of 72 x 143 patch values: three chunks of FloatConv.CHUNK_VALUES (2^18)
        ConvGeometry g = ConvGeometry.of(Shape.of(64, 8, 13, 11), 3, 3, 1, 1, new int[] {1, 1, 1, 1});
        int filters = 16;
        Random r = new Random(7);
        float[] x = random(r, 64 * 8 * 13 * 11);
        float[] w = random(r, filters * 8 * 9);
        float[] bias = random(r, filters);
        int out = 64 * filters * g.outPixels();
        float[] dz = random(r, out);
        float[][] serial = conv(ArrayParallel.SERIAL, g, filters, x, w, bias, dz);
        float[][] pooled = conv(POOL, g, filters, x, w, bias, dz);
        String[] names = {"z", "y", "dw", "db", "dx"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(serial[i], pooled[i], names[i]);
        }
    }

    private static float[][] conv(ArrayParallel parallel, ConvGeometry g, int filters, float[] x, float[] w,
                                  float[] bias, float[] dz) {
        int out = g.batch() * filters * g.outPixels();
        float[] z = new float[out];
        float[] y = new float[out];
        FloatConv.forward(GEMM, parallel, x, w, bias, g, filters, Activation.RELU, z, y);
        float[] dw = new float[w.length];
        float[] db = new float[filters];
        float[] dx = new float[x.length];
        FloatConv.backward(GEMM, parallel, x, w, dz, g, filters, dw, db, dx);
        return new float[][] {z, y, dw, db, dx};
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
