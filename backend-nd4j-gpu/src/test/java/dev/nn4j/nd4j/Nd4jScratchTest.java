package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The native kernels' per-thread scratch: bounded, released on request, and never shared between
 * threads. The heap path is off here: these shapes are small enough to run on the heap otherwise.
 */
class Nd4jScratchTest {
    private final Nd4jBackend nd4j = new Nd4jBackend(0);

    /** Row sums of a {@code [rows x cols]} tensor holding {@code v} everywhere, through the scratch's ones. */
    private double[] rowSumsOfConstant(int rows, int cols, double v) {
        try (Tensor a = nd4j.zeros(DType.FLOAT32, rows, cols); Tensor out = nd4j.zeros(DType.FLOAT32, 1, cols)) {
            Ops.fill(a, v);
            Ops.sumRows(a, out);
            return out.toDoubleArray();
        }
    }

    @Test
    void scratchKeepsAtMostItsLimitAndRefillsEvictedConstants() {
        nd4j.releaseScratch();
        Nd4jScratch scratch = ((Nd4jKernels) nd4j.kernels()).scratch();
        int shapes = Nd4jScratch.MAX_ARRAYS + 10;
        // from 2 rows: the sum of 1 row reduces nothing and is a copy
        for (int rows = 2; rows < shapes + 2; rows++) {
            double[] sums = rowSumsOfConstant(rows, 2, 0.5);
            assertEquals(0.5 * rows, sums[1], 0, "sumRows of " + rows + " rows of 0.5");
        }
        assertEquals(shapes, scratch.arraysCreated(), "one row of ones per new shape");
        assertTrue(scratch.arrayCount() <= Nd4jScratch.MAX_ARRAYS, "scratch holds " + scratch.arrayCount());
        // The ones of 2 rows were evicted long ago: they are created and filled again.
        assertEquals(3.0, rowSumsOfConstant(2, 2, 1.5)[0], 0, "sumRows after eviction");
        assertEquals(shapes + 1, scratch.arraysCreated());
    }

    @Test
    void releaseFreesTheNativeMemoryOfTheScratch() {
        nd4j.releaseScratch();
        long before = nd4j.liveBufferBytes();
        rowSumsOfConstant(1000, 3, 1);   // a 1 x 1000 FLOAT row of ones stays in the scratch
        long held = nd4j.liveBufferBytes() - before;
        assertTrue(held >= 4000, "the scratch should hold the 4000-byte row of ones, holds " + held);
        nd4j.releaseScratch();
        long left = nd4j.liveBufferBytes() - before;
        // ND4J's scalar-op constructors allocate a 4-8 byte scalar each that only the collector frees; the
        // collector may also free earlier tests' buffers meanwhile (the count is process-wide), so only the
        // upper bound says anything.
        assertTrue(left < 64, "live ND4J bytes left after releaseScratch: " + left);
    }

    @Test
    void threadsUseTheirOwnScratch() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                double v = t + 1;
                Callable<Double> task = () -> {
                    double worst = 0;
                    for (int i = 0; i < 200; i++) {
                        double[] sums = rowSumsOfConstant(8, 4, v);
                        for (double s : sums) {
                            worst = Math.max(worst, Math.abs(s - 8 * v));
                        }
                    }
                    nd4j.releaseScratch();
                    return worst;
                };
                results.add(pool.submit(task));
            }
            for (Future<Double> r : results) {
                assertEquals(0, r.get(), 0, "largest error of sumRows on two threads at once");
            }
        } finally {
            pool.shutdown();
        }
    }
}
