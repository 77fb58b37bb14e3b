package dev.nn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.conformance.PrimitivesOnlyBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link KernelScratch}: reuse by key, the per-thread bound with LRU closing, views, write-back and plans. */
class KernelScratchTest {
    private static final Object SITE = "test site";
    private static final Object OTHER_SITE = "other test site";

    private final Backend views = Backends.get(PrimitivesOnlyBackend.NAME);
    private final Backend copying = PrimitivesOnlyBackend.COPYING_RESHAPE;

    @AfterEach
    void release() {
        KernelScratch.releaseCurrentThread();
    }

    /** A backend of array tensors that records which tensors were closed. */
    private static final class Tracking implements Backend {
        final List<Tensor> closed = new ArrayList<>();

        @Override
        public String name() {
            return "tracking";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public String device() {
            return "test";
        }

        @Override
        public Kernels kernels() {
            return Backends.get(PrimitivesOnlyBackend.NAME).kernels();
        }

        @Override
        public Tensor create(DType dtype, Shape shape) {
            return new ArrayTensor(this, dtype, shape) {
                @Override
                public void close() {
                    closed.add(this);
                }
            };
        }
    }

    @Test
    void aRepeatedRequestReturnsTheSameTensor() {
        KernelScratch s = KernelScratch.current();
        Tensor a = s.dims(2, 3).tensor(SITE, null, views, DType.FLOAT32);
        assertTrue(s.created());
        assertEquals(Shape.of(2, 3), a.shape());
        assertEquals(DType.FLOAT32, a.dtype());
        assertSame(views, a.backend());
        assertArrayEquals(new double[6], a.toDoubleArray(), "a new temporary is zero");
        a.set(5, 1, 2);
        Tensor again = s.dims(2, 3).tensor(SITE, null, views, DType.FLOAT32);
        assertSame(a, again);
        assertFalse(s.created());
        assertEquals(5, again.get(1, 2), "content is what the last user left");
    }

    @Test
    void siteKeyShapeDtypeAndBackendEachTellTemporariesApart() {
        KernelScratch s = KernelScratch.current();
        Tensor a = s.dims(2, 3).tensor(SITE, null, views, DType.FLOAT32);
        List<Tensor> others = List.of(
                s.dims(2, 3).tensor(OTHER_SITE, null, views, DType.FLOAT32),
                s.dims(2, 3).tensor(SITE, "key", views, DType.FLOAT32),
                s.dims(3, 2).tensor(SITE, null, views, DType.FLOAT32),
                s.dims(6).tensor(SITE, null, views, DType.FLOAT32),
                s.dims(2, 3).tensor(SITE, null, views, DType.FLOAT64),
                s.dims(2, 3).tensor(SITE, null, copying, DType.FLOAT32));
        for (Tensor o : others) {
            assertNotSame(a, o);
        }
        assertSame(others.get(1), s.dims(2, 3).tensor(SITE, new String("key"), views, DType.FLOAT32),
                "keys compare with equals");
        Tensor like = s.like(SITE, a);
        assertSame(a, like, "like() asks for the same site, backend, dtype and shape");
        Tensor reduced = s.dimsOf(a, 1 << 1).tensor(SITE, null, views, DType.FLOAT32);
        assertEquals(Shape.of(2, 1), reduced.shape());
        assertEquals(Shape.of(1, 1), s.dimsOf(a, -1).tensor(SITE, null, views, DType.FLOAT32).shape());
    }

    @Test
    void beyondTheBoundTheLeastRecentlyUsedTensorIsClosed() {
        KernelScratch s = KernelScratch.current();
        Tracking b = new Tracking();
        List<Tensor> made = new ArrayList<>();
        for (int i = 0; i < KernelScratch.MAX_TENSORS; i++) {
            made.add(s.dims(i + 1).tensor(SITE, null, b, DType.FLOAT32));
        }
        assertTrue(b.closed.isEmpty());
        s.dims(1).tensor(SITE, null, b, DType.FLOAT32);              // touch the oldest: the second becomes oldest
        s.dims(KernelScratch.MAX_TENSORS + 1).tensor(SITE, null, b, DType.FLOAT32);
        assertEquals(List.of(made.get(1)), b.closed);
        assertSame(made.get(0), s.dims(1).tensor(SITE, null, b, DType.FLOAT32));
        assertNotSame(made.get(1), s.dims(2).tensor(SITE, null, b, DType.FLOAT32));
        assertTrue(s.created(), "the evicted temporary is made anew");
        assertEquals(List.of(made.get(1), made.get(2)), b.closed, "making it anew evicted the next oldest");
        KernelScratch.releaseCurrentThread();
        assertEquals(2 + KernelScratch.MAX_TENSORS, b.closed.size(), "release closes every tensor held");
    }

    @Test
    void eachThreadHasItsOwnTemporaries() throws InterruptedException {
        Tensor mine = KernelScratch.current().dims(4).tensor(SITE, null, views, DType.FLOAT32);
        AtomicReference<Tensor> theirs = new AtomicReference<>();
        Thread t = new Thread(() -> theirs.set(KernelScratch.current().dims(4).tensor(SITE, null, views,
                DType.FLOAT32)));
        t.start();
        t.join();
        assertNotSame(mine, theirs.get());
        assertSame(mine, KernelScratch.current().dims(4).tensor(SITE, null, views, DType.FLOAT32));
    }

    @Test
    void aRequestNeedsItsShapeFirst() {
        KernelScratch s = KernelScratch.current();
        assertThrows(IllegalStateException.class, () -> s.tensor(SITE, null, views, DType.FLOAT32));
        s.dims(3).tensor(SITE, null, views, DType.FLOAT32);
        assertThrows(IllegalStateException.class, () -> s.read(views.zeros(3)), "a shape serves one request");
    }

    @Test
    void reshapeSharingIsProbedPerBackend() {
        assertTrue(KernelScratch.sharesStorage(views));
        assertFalse(KernelScratch.sharesStorage(copying));
    }

    @Test
    void viewsShareStorageAndAreCached() {
        KernelScratch s = KernelScratch.current();
        Tensor t = views.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertSame(t, s.dims(2, 3).read(t), "the same shape needs no view");
        Tensor v = s.dims(3, 2).read(t);
        assertEquals(Shape.of(3, 2), v.shape());
        assertSame(v, s.dims(3, 2).read(t));
        Tensor w = s.dims(3, 2).write(SITE, t);
        assertSame(v, w, "on a sharing backend a write view is the read view");
        w.set(9, 2, 1);
        s.commit(views.kernels(), w, t);
        assertEquals(9, t.get(1, 2));
    }

    @Test
    void onACopyingBackendWritesLandAtCommit() {
        KernelScratch s = KernelScratch.current();
        Tensor t = copying.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = s.dims(6).read(t);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, r.toFloatArray());
        r.set(0, 0);
        assertEquals(1, t.get(0, 0), "a read copy does not write back");
        Tensor w = s.dims(6).write(SITE, t);
        w.setAll(new float[] {6, 5, 4, 3, 2, 1});
        assertEquals(1, t.get(0, 0));
        s.commit(copying.kernels(), w, t);
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, t.toFloatArray());
    }

    @Test
    void plansAreMadeOncePerKey() {
        KernelScratch s = KernelScratch.current();
        AtomicInteger made = new AtomicInteger();
        Object a = s.memo(SITE, "geometry", k -> new Object[] {k, made.incrementAndGet()});
        Object b = s.memo(SITE, "geometry", k -> new Object[] {k, made.incrementAndGet()});
        Object c = s.memo(SITE, "other geometry", k -> new Object[] {k, made.incrementAndGet()});
        assertSame(a, b);
        assertNotSame(a, c);
        assertEquals(2, made.get());
    }
}
