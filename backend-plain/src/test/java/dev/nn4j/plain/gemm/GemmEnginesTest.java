package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each engine (every Vector API tile, and scalar) on the packed path, single-threaded and split between
 * two threads, against the naive reference; shapes cover 1xN, Nx1, odd sizes, blocks that
 * cross the engines' kc, mc and nc boundaries, and the 6x16 tile's wide blocks. The direct loops are bypassed here.
 */
class GemmEnginesTest {
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 37, 9}, {37, 1, 9}, {7, 13, 5}, {33, 65, 17}, {100, 1, 100},
        {129, 257, 63}, {200, 40, 300}, {9, 2100, 3}, {64, 64, 64},
        {520, 19, 300},   // wide blocks (k in one block) on one thread and on each of two
    };

    private static void run(GemmEngine engine, int threads) {
        for (GemmCase t : GemmCase.all(SHAPES)) {
            Sgemm.packed(engine, threads, t.transA, t.transB, t.m, t.n, t.k, t.alpha,
                    t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.beta, t.c, t.cOff, t.ldc);
            t.check(engine.name() + " threads=" + threads);
        }
    }

    /** Every tile, whatever this CPU would pick: on AVX2 the AVX-512 tile runs on 256-bit vectors. */
    static List<GemmEngine> vectorTiles() {
        assertTrue(Engines.vectorAvailable(), "tests run with --add-modules jdk.incubator.vector");
        return List.of(new VectorTile12x2(), new VectorTile6x2());
    }

    @Test
    void everyVectorTileMatchesReference() {
        for (GemmEngine tile : vectorTiles()) {
            run(tile, 1);
        }
    }

    @Test
    void everyVectorTileMatchesReferenceOnTwoThreads() {
        for (GemmEngine tile : vectorTiles()) {
            run(tile, 2);
        }
    }

    /**
     * Small blocks (kc 8, mc 12, nc 32, wide blocks of 12 rows) so that modest matrices cross
     * every boundary: k = 20 takes one wide block from 256 rows, whose B blocks narrow to 16
     * columns (seven of them for n = 100); 200 rows keep the standard blocks (three of k).
     */
    @Test
    void smallBlocksIncludingNarrowedWideOnesMatchReference() {
        GemmEngine small = new VectorTile6x2(8, 12, 32, 12);
        for (GemmCase t : GemmCase.all(new int[][] {{260, 100, 20}, {200, 37, 20}, {300, 45, 33}})) {
            for (int threads : new int[] {1, 2}) {
                Sgemm.packed(small, threads, t.transA, t.transB, t.m, t.n, t.k, t.alpha,
                        t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.beta, t.c, t.cOff, t.ldc);
                t.check("small blocks, threads=" + threads);
                t.reset();
            }
        }
    }

    @Test
    void tileFollowsTheRegisterCount() {
        GemmEngine chosen = VectorGemm.forThisCpu();
        assertEquals(VectorGemm.vectorRegisters() >= 32 ? VectorTile12x2.MR : VectorTile6x2.MR, chosen.mr,
                chosen.name());
        assertEquals(2 * VectorGemm.L, chosen.nr, chosen.name());
    }

    @Test
    void tileRowsPropertyPicksTheTileOrSaysWhatItTakes() {
        String old = System.getProperty(VectorGemm.TILE_ROWS_PROPERTY);
        try {
            System.setProperty(VectorGemm.TILE_ROWS_PROPERTY, "6");
            assertEquals(VectorTile6x2.MR, VectorGemm.forThisCpu().mr);
            System.setProperty(VectorGemm.TILE_ROWS_PROPERTY, "12");
            assertEquals(VectorTile12x2.MR, VectorGemm.forThisCpu().mr);
            System.setProperty(VectorGemm.TILE_ROWS_PROPERTY, "8");
            IllegalStateException e = assertThrows(IllegalStateException.class, VectorGemm::forThisCpu);
            assertEquals("nn4j.plain.tileRows=8: the tile has 12 or 6 rows; unset it to let the vector registers decide",
                    e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(VectorGemm.TILE_ROWS_PROPERTY);
            } else {
                System.setProperty(VectorGemm.TILE_ROWS_PROPERTY, old);
            }
        }
    }

    @Test
    void scalarEngineMatchesReference() {
        run(new ScalarGemm(), 1);
    }

    @Test
    void threadedScalarEngineMatchesReference() {
        run(new ScalarGemm(), 3);
    }
}
