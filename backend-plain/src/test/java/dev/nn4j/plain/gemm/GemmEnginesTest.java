package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each engine (Vector API and scalar) on the packed path, single-threaded and split between
 * two threads, against the naive reference; shapes cover 1xN, Nx1, odd sizes and blocks that
 * cross the engines' kc, mc and nc boundaries. The direct loops are bypassed here.
 */
class GemmEnginesTest {
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 37, 9}, {37, 1, 9}, {7, 13, 5}, {33, 65, 17}, {100, 1, 100},
        {129, 257, 63}, {200, 40, 300}, {9, 2100, 3}, {64, 64, 64},
    };

    private static void run(GemmEngine engine, int threads) {
        for (GemmCase t : GemmCase.all(SHAPES)) {
            Sgemm.packed(engine, threads, t.transA, t.transB, t.m, t.n, t.k, t.alpha,
                    t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.beta, t.c, t.cOff, t.ldc);
            t.check(engine.name() + " threads=" + threads);
        }
    }

    @Test
    void vectorEngineMatchesReference() {
        assertTrue(Engines.vectorAvailable(), "tests run with --add-modules jdk.incubator.vector");
        run(new VectorGemm(), 1);
    }

    @Test
    void scalarEngineMatchesReference() {
        run(new ScalarGemm(), 1);
    }

    @Test
    void threadedVectorEngineMatchesReference() {
        run(new VectorGemm(), 2);
    }

    @Test
    void threadedScalarEngineMatchesReference() {
        run(new ScalarGemm(), 3);
    }
}
