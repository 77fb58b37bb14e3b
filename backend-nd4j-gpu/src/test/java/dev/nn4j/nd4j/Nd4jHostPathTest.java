package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The heap path of small kernels and its bookkeeping ({@link Nd4jStorage}): every mix of heap
 * kernels, native kernels, views, {@code array()}, element access, bulk copies and close sees
 * the current elements. A backend with {@code hostBelow = 100} sends tensors of fewer than 100
 * elements to the heap and larger ones to ND4J, so both paths meet on one tensor.
 */
class Nd4jHostPathTest {
    private static final float EPS = 1e-6f;
    private final Nd4jBackend nd4j = new Nd4jBackend(100);

    private Nd4jTensor tensor(float[] values, int... dims) {
        Nd4jTensor t = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, dims);
        t.setAll(values);
        return t;
    }

    private static float[] ramp(int n, float start, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return v;
    }

    @Test
    void theDefaultThresholdComesFromTheConstantAndTheDescriptionSaysSo() {
        Nd4jBackend b = (Nd4jBackend) Backends.get("nd4j");
        assertEquals(Nd4jBackend.HOST_BELOW_DEFAULT, b.hostBelow());
        assertTrue(b.device().contains("heap mirror below " + Nd4jBackend.HOST_BELOW_DEFAULT), b.device());
        assertTrue(new Nd4jBackend(0).hostPath().contains("native like all others"));
    }

    @Test
    void aBadThresholdPropertyMakesTheBackendUnavailableWithTheReason() {
        String before = System.getProperty(Nd4jBackend.HOST_BELOW_PROPERTY);
        try {
            System.setProperty(Nd4jBackend.HOST_BELOW_PROPERTY, "lots");
            Nd4jBackend b = new Nd4jBackend();
            assertFalse(b.availability().available());
            assertTrue(b.availability().reason().contains("nn4j.nd4j.hostBelow is 'lots'"), b.availability().reason());
            System.setProperty(Nd4jBackend.HOST_BELOW_PROPERTY, "-1");
            assertFalse(new Nd4jBackend().availability().available());
            System.setProperty(Nd4jBackend.HOST_BELOW_PROPERTY, "64");
            assertEquals(64, new Nd4jBackend().hostBelow());
        } finally {
            if (before == null) {
                System.clearProperty(Nd4jBackend.HOST_BELOW_PROPERTY);
            } else {
                System.setProperty(Nd4jBackend.HOST_BELOW_PROPERTY, before);
            }
        }
    }

    @Test
    void expensiveFunctionsCountMoreWorkPerElement() {
        Nd4jBackend b = (Nd4jBackend) Backends.get("nd4j");
        try (Tensor x = b.zeros(DType.FLOAT32, 1, 128); Nd4jTensor relu = (Nd4jTensor) b.zeros(DType.FLOAT32, 1, 128);
             Nd4jTensor tanh = (Nd4jTensor) b.zeros(DType.FLOAT32, 1, 128)) {
            Ops.activation(dev.nn4j.tensor.Activation.RELU, x, relu);   // 128 < 16384: heap
            Ops.activation(dev.nn4j.tensor.Activation.TANH, x, tanh);   // 128 x 256 >= 16384: native
            assertTrue(relu.storage().hostCurrent() && !relu.storage().nativeCurrent());
            assertTrue(tanh.storage().nativeCurrent() && !tanh.storage().hasMirror());
        }
    }

    @Test
    void aChainOfSmallKernelsNeverWritesNativeMemory() {
        try (Nd4jTensor a = tensor(ramp(6, 1, 1), 2, 3); Nd4jTensor b = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, 2, 3)) {
            Ops.scale(a, 2, b);
            Ops.add(b, a, b);
            Ops.activation(dev.nn4j.tensor.Activation.RELU, b, b);
            assertTrue(b.storage().hostCurrent());
            assertFalse(b.storage().nativeCurrent(), "a heap kernel wrote b last: native memory is stale, not copied");
            assertArrayEquals(new float[] {3, 6, 9, 12, 15, 18}, b.toFloatArray(), EPS);
            assertFalse(b.storage().nativeCurrent(), "reading the elements copies nothing to native memory");
        }
    }

    @Test
    void aSmallTensorBetweenLargeKernelsIsCopiedOnlyWhenTheOtherSideWroteIt() {
        // z [20x10] is large (native), the bias [1x10] small (heap): the layout of a dense layer.
        try (Nd4jTensor z = tensor(ramp(200, 0, 1), 20, 10); Nd4jTensor bias = tensor(ramp(10, 1, 0), 1, 10);
             Nd4jTensor out = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, 20, 10)) {
            Ops.scale(bias, 3, bias);                  // heap: bias = 3
            assertFalse(bias.storage().nativeCurrent());
            Ops.addRowVector(z, bias, out);            // native: reads bias, copied to native once
            assertTrue(bias.storage().nativeCurrent() && bias.storage().hostCurrent(), "both copies current after the read");
            assertEquals(3 + 57, out.get(5, 7), EPS);
            Ops.sumRows(out, bias);                    // native write of the small tensor: heap copy stale
            assertFalse(bias.storage().hostCurrent());
            float expected = 0;
            for (int r = 0; r < 20; r++) {
                expected += r * 10 + 4 + 3;
            }
            Ops.scale(bias, 0.5, bias);                // heap again: reads the native sums
            assertEquals(expected / 2, bias.get(0, 4), 1e-3);
            Ops.addRowVector(z, bias, out);            // native again: sees the heap's halved sums
            assertEquals(expected / 2 + 4, out.get(0, 4), 1e-3);
        }
    }

    @Test
    void aViewWrittenNativelyIsReadByAHeapKernelAndViceVersa() {
        try (Nd4jTensor a = tensor(ramp(200, 0, 1), 1, 200); Nd4jTensor b = tensor(ramp(200, 0, 0), 200, 1);
             Nd4jTensor c = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, 1, 1);
             Nd4jTensor small = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, 2, 3)) {
            Tensor cv = nd4j.reshape(c, Shape.of(1));
            Ops.fill(b, 1);                            // native (200 elements)
            Ops.gemm(false, false, 1, a, b, 0, c);     // 200 multiply-adds: native, writes the small c
            Tensor twice = nd4j.zeros(DType.FLOAT32, 1);
            Ops.scale(cv, 2, twice);                   // heap kernel reads the view of c
            assertEquals(2 * 199 * 200 / 2.0, twice.get(0), 1e-2);

            Tensor flat = nd4j.reshape(small, Shape.of(6));
            Ops.fill(flat, 7);                         // heap write through the view
            try (Nd4jTensor big = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, 50, 6);
                 Nd4jTensor sum = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, 50, 6)) {
                Nd4jTensor row = (Nd4jTensor) nd4j.reshape(small, Shape.of(1, 6));
                Ops.addRowVector(big, row, sum);       // native reads another view of the same buffer
                assertArrayEquals(filled(300, 7), sum.toFloatArray(), EPS);
            }
            assertArrayEquals(filled(6, 7), small.toFloatArray(), EPS);
        }
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return f;
    }

    @Test
    void arrayAfterAHeapKernelHasItsResultAndWritesThroughArrayAreSeenByTheNextHeapKernel() {
        try (Nd4jTensor t = tensor(ramp(6, 1, 1), 2, 3); Nd4jTensor u = (Nd4jTensor) nd4j.zeros(DType.FLOAT32, 2, 3)) {
            Ops.scale(t, 10, t);                       // heap
            assertEquals(60f, t.array().getFloat(1, 2), EPS, "array() copies the heap result to native memory");
            t.array().putScalar(new long[] {0, 0}, -5f);   // a user's ND4J write
            Ops.scale(t, 1, u);                        // heap kernel must see it
            assertArrayEquals(new float[] {-5, 20, 30, 40, 50, 60}, u.toFloatArray(), EPS);
            Tensor view = nd4j.reshape(t, Shape.of(3, 2));
            ((Nd4jTensor) view).array().putScalar(new long[] {2, 1}, 99f);   // through a view's array
            assertEquals(99, t.get(1, 2), EPS);
            Ops.addScalar(t, 1, u);
            assertEquals(100, u.get(1, 2), EPS);
        }
    }

    @Test
    void elementAccessAndBulkCopiesUseTheCurrentCopy() {
        try (Nd4jTensor t = tensor(ramp(6, 0, 1), 2, 3); Nd4jTensor big = tensor(ramp(300, 0, 0), 50, 6)) {
            Ops.addScalar(t, 1, t);                    // heap: 1..6
            t.set(-1, 0, 1);                           // into the heap copy
            Tensor row = nd4j.reshape(t, Shape.of(1, 6));
            try (Tensor out = nd4j.zeros(DType.FLOAT32, 50, 6)) {
                Ops.addRowVector(big, row, out);       // native sees the set
                assertEquals(-1, out.get(49, 1), EPS);
            }
            t.setAll(new float[] {6, 5, 4, 3, 2, 1});  // the mirror exists: written there
            Ops.sumRows(big, row);                     // native write: zeros
            assertArrayEquals(new float[6], t.toFloatArray(), EPS, "toFloatArray after a native write");
            assertEquals(0, t.get(1, 2), EPS);
            t.set(4, 1, 2);                            // native copy current: written there
            Ops.scale(t, 2, t);                        // heap
            assertEquals(8, row.get(0, 5), EPS);
            assertArrayEquals(new double[] {0, 0, 0, 0, 0, 8}, t.toDoubleArray(), 1e-9);
        }
    }

    @Test
    void closingTheOwnerClosesItsViewsAndClosingAViewLeavesTheOwner() {
        Nd4jTensor t = tensor(ramp(6, 0, 1), 2, 3);
        Ops.scale(t, 2, t);
        Nd4jTensor v = (Nd4jTensor) nd4j.reshape(t, Shape.of(6));
        v.close();
        assertTrue(v.isClosed());
        assertFalse(t.isClosed());
        assertEquals(10, t.get(1, 2), EPS);
        Nd4jTensor w = (Nd4jTensor) nd4j.reshape(t, Shape.of(3, 2));
        t.close();
        assertTrue(w.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.get(0, 0));
        assertTrue(e.getMessage().contains("view of a closed tensor"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Ops.scale(w, 2, w));
        assertThrows(IllegalStateException.class, w::array);
        t.close();
    }

    @Test
    void doubleTensorsTakeTheSamePaths() {
        try (Tensor a = nd4j.zeros(DType.FLOAT64, 1, 3); Tensor big = nd4j.zeros(DType.FLOAT64, 40, 3);
             Tensor out = nd4j.zeros(DType.FLOAT64, 40, 3)) {
            a.setAll(new double[] {1e-10, 2, 3});
            Ops.scale(a, 1.0 / 3, a);                  // heap, in double
            Ops.addRowVector(big, a, nd4j.reshape(out, Shape.of(40, 3)));
            assertEquals(1e-10 / 3, out.get(39, 0), 1e-25);
            assertEquals(2.0 / 3, ((Nd4jTensor) a).array().getDouble(0, 1), 1e-16);
        }
    }

    /**
     * Random interleavings on three buffers of [3x4] and their views [6x2] and [1x12]: element-wise kernels forced to the
     * heap or to ND4J (the raw kernels of two backends, on the same tensors), element access,
     * bulk copies and writes through {@code array()}, checked after every step against a model
     * kept in Java arrays.
     */
    @Test
    void randomInterleavingsOfBothPathsAgreeWithAModel() {
        Kernels heap = new Nd4jBackend(Long.MAX_VALUE).kernels();
        Kernels nat = new Nd4jBackend(0).kernels();
        Random rnd = new Random(7);
        for (int run = 0; run < 20; run++) {
            Nd4jTensor[] owners = {tensor(ramp(12, run, 1), 3, 4), tensor(ramp(12, -run, 0.5f), 3, 4),
                    tensor(ramp(12, 2, -1), 3, 4)};
            float[][] model = new float[owners.length][];
            Nd4jTensor[] tensors = new Nd4jTensor[owners.length * 3];
            int[] buffer = new int[tensors.length];
            for (int i = 0; i < owners.length; i++) {
                model[i] = owners[i].toFloatArray();
                tensors[3 * i] = owners[i];
                tensors[3 * i + 1] = (Nd4jTensor) nd4j.reshape(owners[i], Shape.of(6, 2));
                tensors[3 * i + 2] = (Nd4jTensor) nd4j.reshape(owners[i], Shape.of(1, 12));
                buffer[3 * i] = buffer[3 * i + 1] = buffer[3 * i + 2] = i;
            }
            StringBuilder steps = new StringBuilder();
            for (int step = 0; step < 60; step++) {
                // ND4J's element-wise ops want equal shapes: all operands of one step share a shape
                int shape = rnd.nextInt(3);
                int ia = 3 * rnd.nextInt(owners.length) + shape;
                int ib = 3 * rnd.nextInt(owners.length) + shape;
                int io = 3 * rnd.nextInt(owners.length) + shape;
                Kernels k = rnd.nextBoolean() ? heap : nat;
                float[] a = model[buffer[ia]].clone();
                float[] b = model[buffer[ib]].clone();
                float[] o = model[buffer[io]];
                int op = rnd.nextInt(8);
                steps.append(op).append(k == heap ? "h" : "n").append(ia).append(ib).append(io).append(' ');
                switch (op) {
                    case 0 -> {
                        k.binary(Binary.ADD, tensors[ia], tensors[ib], tensors[io]);
                        for (int i = 0; i < 12; i++) {
                            o[i] = a[i] + b[i];
                        }
                    }
                    case 1 -> {
                        k.affine(tensors[ia], 0.5, 0, tensors[io]);
                        for (int i = 0; i < 12; i++) {
                            o[i] = a[i] * 0.5f;
                        }
                    }
                    case 2 -> {
                        k.axpby(2, tensors[ia], -1, tensors[io]);
                        float[] y = o.clone();
                        for (int i = 0; i < 12; i++) {
                            o[i] = 2 * a[i] - y[i];
                        }
                    }
                    case 3 -> {
                        int i = rnd.nextInt(12);
                        tensors[io].set(i - 5, flatToIndex(tensors[io], i));
                        o[i] = i - 5;
                    }
                    case 4 -> {
                        float[] v = ramp(12, rnd.nextInt(9), 1);
                        tensors[io].setAll(v);
                        System.arraycopy(v, 0, o, 0, 12);
                    }
                    case 5 -> {
                        int i = rnd.nextInt(12);
                        tensors[io].array().data().put(i, 3f * i);   // an ND4J user's write
                        o[i] = 3f * i;
                    }
                    case 6 -> {
                        k.fill(tensors[io], step);
                        Arrays.fill(o, step);
                    }
                    default -> assertArrayEquals(o, tensors[io].array().data().asFloat(), EPS, "array() " + steps);
                }
                for (int t = 0; t < tensors.length; t++) {
                    assertArrayEquals(model[buffer[t]], tensors[t].toFloatArray(), EPS, "tensor " + t + " after " + steps);
                }
            }
            for (Nd4jTensor owner : owners) {
                owner.close();
            }
        }
    }

    private static int[] flatToIndex(Tensor t, int flat) {
        int[] dims = t.shape().dims();
        int[] index = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = flat % dims[d];
            flat /= dims[d];
        }
        return index;
    }
}
