package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.ConformanceSupport;
import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the conformance suite cannot see of the ND4J image kernels: which geometries run as
 * libnd4j ops, that a warm round of every image kernel allocates no native memory, agreement
 * with core's array kernels at the Fashion-CNN's sizes, and that reshape is a view.
 */
class Nd4jImagesTest {
    private final Nd4jBackend nd4j = (Nd4jBackend) Backends.get("nd4j");
    private final SplittableRandom rnd = new SplittableRandom(11);

    private Tensor random(int... dims) {
        Tensor t = nd4j.zeros(DType.FLOAT32, dims);
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        t.setAll(v);
        return t;
    }

    private static ConvGeometry geometry(int[] x, int k, int s, int... pad) {
        return ConvGeometry.of(Shape.of(x), k, k, s, s, pad);
    }

    @Test
    void symmetricAndSamePaddingRunAsLibnd4jOpsOtherPaddingOnTheHeap() {
        int[] x = {1, 1, 7, 8};
        assertNotNull(Nd4jImages.window(geometry(x, 3, 1, 1, 1, 1, 1)), "symmetric");
        assertNotNull(Nd4jImages.window(geometry(x, 3, 1, 0, 0, 0, 0)), "valid");
        long[] same = Nd4jImages.window(geometry(x, 2, 2, 0, 0, 1, 0));   // 7 -> 4 pads 1 after, 8 -> 4 none
        assertNotNull(same, "SAME 2x2 stride 2");
        assertEquals(1, same[8], "SAME mode flag");
        assertNotNull(Nd4jImages.window(geometry(x, 4, 1, 1, 1, 2, 2)), "SAME 4x4: one before, two after");
        assertNull(Nd4jImages.window(geometry(x, 4, 1, 2, 2, 1, 1)), "two before, one after is not SAME");
        assertNull(Nd4jImages.window(geometry(x, 3, 1, 0, 0, 1, 0)), "one row after only, with an odd kernel");
        assertTrue(Nd4jImages.isSame(28, 3, 1, 1, 1, 28));
        assertFalse(Nd4jImages.isSame(28, 3, 1, 0, 2, 28));
    }

    @Test
    void warmImageKernelsAllocateNoNativeMemory() {
        int[] xd = {8, 4, 10, 10};
        ConvGeometry conv = geometry(xd, 3, 1, 1, 1, 1, 1);
        ConvGeometry pool = geometry(new int[] {8, 6, 10, 10}, 2, 2, 0, 0, 0, 0);
        try (Tensor x = random(xd); Tensor w = random(6, 4, 3, 3); Tensor b = random(6);
             Tensor z = nd4j.zeros(DType.FLOAT32, 8, 6, 10, 10); Tensor dz = random(8, 6, 10, 10);
             Tensor dw = random(6, 4, 3, 3); Tensor db = random(6); Tensor dx = random(xd);
             Tensor p = nd4j.zeros(DType.FLOAT32, 8, 6, 5, 5); Tensor dp = random(8, 6, 5, 5);
             Tensor dpool = nd4j.zeros(DType.FLOAT32, 8, 6, 10, 10);
             Tensor mean = nd4j.zeros(DType.FLOAT32, 6); Tensor var = nd4j.zeros(DType.FLOAT32, 6);
             Tensor gamma = random(6); Tensor dgamma = random(6); Tensor dbeta = random(6)) {
            Runnable round = () -> {
                ImageOps.conv2d(x, w, b, conv, Activation.RELU, z, z);
                ImageOps.channelMeanVariance(z, 6, mean, var);
                ImageOps.batchNorm(z, 6, mean, var, 1e-5, gamma, db, z);
                ImageOps.maxPool2d(z, pool, p);
                ImageOps.avgPool2d(z, pool, p);
                ImageOps.maxPool2dBackward(z, dp, pool, dpool);
                ImageOps.avgPool2dBackward(dp, pool, dpool);
                ImageOps.batchNormBackward(z, dz, 6, mean, var, 1e-5, gamma, dz, dgamma, dbeta);
                ImageOps.conv2dBackward(x, w, dz, conv, dw, db, dx);
                ImageOps.conv2dBackward(x, w, dz, conv, dw, null, null);
            };
            round.run();
            long before = nd4j.liveBufferBytes();
            for (int i = 0; i < 20; i++) {
                round.run();
            }
            long grown = nd4j.liveBufferBytes() - before;
            // Process-wide count: garbage of earlier tests may be freed meanwhile, so a leak shows as growth.
            assertTrue(grown <= 0, "native bytes grown over 20 warm rounds: " + grown);
        }
    }

    private static void assertAgree(Tensor expected, Tensor actual, String what) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double err = ConformanceSupport.relativeError(a[i], e[i]);
            assertTrue(err <= 1e-4, what + " element " + i + ": " + a[i] + " vs " + e[i] + " (relative error " + err + ")");
        }
    }

    /** The Fashion CNN's second block at batch 8 (its batch-norm statistics over 8·14·14 values per channel). */
    @Test
    void agreesWithTheArrayKernelsAtTheFashionCnnSizes() {
        OtherBackend other = OtherBackend.INSTANCE;
        Tensor x = random(8, 32, 14, 14);
        Tensor w = random(64, 32, 3, 3);
        Tensor b = random(64);
        Tensor dz = random(8, 64, 14, 14);
        Tensor gamma = random(64);
        Tensor[] mine = fashionBlock(new Tensor[] {x, w, b, dz, gamma});
        Tensor[] ref = fashionBlock(new Tensor[] {x.to(other), w.to(other), b.to(other), dz.to(other), gamma.to(other)});
        String[] names = {"conv y", "bn y", "bn dx", "dgamma", "dbeta", "conv dw", "conv db", "conv dx", "pool",
            "pool dx"};
        for (int i = 0; i < mine.length; i++) {
            assertAgree(ref[i], mine[i], names[i]);
        }
    }

    private static Tensor[] fashionBlock(Tensor[] in) {
        Tensor x = in[0];
        Tensor w = in[1];
        Tensor b = in[2];
        Tensor dz = in[3];
        Tensor gamma = in[4];
        ConvGeometry g = ConvGeometry.of(x.shape(), 3, 3, 1, 1, new int[] {1, 1, 1, 1});
        Tensor z = Ops.like(dz);
        ImageOps.conv2d(x, w, b, g, Activation.IDENTITY, z, z);
        Tensor mean = Ops.like(gamma);
        Tensor var = Ops.like(gamma);
        Tensor y = Ops.like(z);
        ImageOps.channelMeanVariance(z, 64, mean, var);
        ImageOps.batchNorm(z, 64, mean, var, 1e-5, gamma, b, y);
        Tensor dx = Ops.like(z);
        Tensor dgamma = Ops.like(gamma);
        Tensor dbeta = Ops.like(gamma);
        ImageOps.batchNormBackward(z, dz, 64, mean, var, 1e-5, gamma, dx, dgamma, dbeta);
        Tensor dw = Ops.like(w);
        Tensor db = Ops.like(b);
        Tensor dxConv = Ops.like(x);
        ImageOps.conv2dBackward(x, w, dx, g, dw, db, dxConv);
        ConvGeometry pg = ConvGeometry.of(y.shape(), 2, 2, 2, 2, new int[] {0, 0, 0, 0});
        Tensor p = y.backend().zeros(y.dtype(), 8, 64, 7, 7);
        ImageOps.maxPool2d(y, pg, p);
        Tensor dpool = Ops.like(y);
        ImageOps.maxPool2dBackward(y, p, pg, dpool);
        return new Tensor[] {z, y, dx, dgamma, dbeta, dw, db, dxConv, p, dpool};
    }

    @Test
    void reshapeIsAViewThatDoesNotFreeItsBase() {
        Tensor base = nd4j.zeros(DType.FLOAT32, 2, 3, 2, 2);
        base.setAll(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        Tensor flat = Ops.reshape(base, Shape.of(2, 12));
        assertTrue(((Nd4jTensor) flat).isView());
        assertEquals(8.0, flat.get(0, 7));
        flat.set(-1, 1, 0);                       // row 1, column 0 = flat element 12 = base[1,0,0,0]
        assertEquals(-1.0, base.get(1, 0, 0, 0));
        Ops.scale(base, 2, base);
        assertEquals(4.0, flat.get(0, 1));
        long live = nd4j.liveBufferBytes();
        flat.close();
        assertEquals(live, nd4j.liveBufferBytes(), "closing the view frees nothing");
        assertEquals(48.0, base.get(1, 2, 1, 1));
        base.close();
    }
}
