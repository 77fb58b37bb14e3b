package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The public entry point: dispatch (direct loops, packed, threaded), hand-worked values and validation. */
class SgemmTest {
    private static final int[][] SHAPES = {
        {2, 1, 4}, {1, 4, 2}, {3, 3, 3}, {16, 16, 16}, {300, 300, 40}, {128, 96, 200},
    };

    @Test
    void choosesTheVectorEngineWhenTheModuleIsPresent() {
        assertTrue(Sgemm.engineName().startsWith("vector-"), Sgemm.engineName());
    }

    @Test
    void matchesReferenceOnEveryPath() {
        for (int[][] shapes : new int[][][] {SHAPES, GemmEnginesTest.SHAPES}) {
            for (GemmCase t : GemmCase.all(shapes)) {
                Sgemm.sgemm(t.transA, t.transB, t.m, t.n, t.k, t.alpha,
                        t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.beta, t.c, t.cOff, t.ldc);
                t.check("sgemm");
            }
        }
    }

    /**
     * Products with few columns and many rows run as {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} where that fills the tiles twice
     * as well (on 256- and 512-bit vectors: none at 128 bits, whose panels are 8 wide); every such shape of every
     * tile, on one and two threads, against the reference.
     */
    @Test
    void fewColumnsRunTransposedAndMatchReference() {
        int taken = 0;
        for (GemmEngine engine : GemmEnginesTest.vectorTiles()) {
            for (int n = 4; n < engine.nr; n++) {
                int m = 4 * engine.nr + 3;
                if (!Sgemm.transposedFitsTiles(engine, m, n)) {
                    continue;
                }
                taken++;
                for (GemmCase t : GemmCase.all(new int[][] {{m, n, 300}})) {
                    for (int threads : new int[] {1, 2}) {
                        Sgemm.sgemm(engine, threads, t.transA, t.transB, t.m, t.n, t.k, t.alpha,
                                t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.beta, t.c, t.cOff, t.ldc);
                        t.check(engine.name() + " transposed, threads=" + threads);
                        t.reset();
                    }
                }
            }
        }
        assertTrue(taken > 0 || VectorGemm.L < 8, "no shape took the transposed path on " + VectorGemm.L + " floats");
        assertTrue(Sgemm.transposedFitsTiles(new VectorTile12x2(), 32, 9) || VectorGemm.L < 16);
    }

    @Test
    void dispatchWithTheScalarEngineMatchesReference() {
        GemmEngine scalar = new ScalarGemm();
        for (GemmCase t : GemmCase.all(SHAPES)) {
            Sgemm.sgemm(scalar, GemmPool.THREADS, t.transA, t.transB, t.m, t.n, t.k, t.alpha,
                    t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.beta, t.c, t.cOff, t.ldc);
            t.check("sgemm scalar");
        }
    }

    @Test
    void handWorkedProducts() {
        // [1 2 3 4; 5 6 7 8] · [1 0 -1 2]ᵀ = [1 - 3 + 8; 5 - 7 + 16] = [6; 14]
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] x = {1, 0, -1, 2};
        float[] y = {Float.NaN, Float.NaN};
        Sgemm.sgemm(false, false, 2, 1, 4, 1f, a, 0, 4, x, 0, 1, 0f, y, 0, 1);
        assertArrayEquals(new float[] {6, 14}, y);
        // [1 2] · [1 2 3 4; 5 6 7 8] = [11 14 17 20], then 2·that + 1·[1 1 1 1]
        float[] row = {1, 2};
        float[] out = {1, 1, 1, 1};
        Sgemm.sgemm(false, false, 1, 4, 2, 2f, row, 0, 2, a, 0, 4, 1f, out, 0, 4);
        assertArrayEquals(new float[] {23, 29, 35, 41}, out);
        // Aᵀ·Bᵀ with A = [1 2; 3 4], B = [1 0; 0 2]: Aᵀ = [1 3; 2 4], Bᵀ = B, product [1 6; 2 8]
        float[] c = new float[4];
        Sgemm.sgemm(true, true, 2, 2, 2, 1f, new float[] {1, 2, 3, 4}, 0, 2, new float[] {1, 0, 0, 2}, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {1, 6, 2, 8}, c);
    }

    @Test
    void zeroAlphaOrZeroKOnlyScalesC() {
        float[] nanA = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1, 2, 3, 4};
        Sgemm.sgemm(false, false, 2, 2, 2, 0f, nanA, 0, 2, nanA, 0, 2, 3f, c, 0, 2);
        assertArrayEquals(new float[] {3, 6, 9, 12}, c);
        float[] d = {Float.NaN, 1, 2, 3};
        Sgemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, d, 0, 2);
        assertArrayEquals(new float[4], d);
    }

    @Test
    void emptyOutputIsANoOp() {
        Sgemm.sgemm(false, false, 0, 5, 3, 1f, new float[0], 0, 3, new float[15], 0, 5, 0f, new float[0], 0, 5);
    }

    @Test
    void rejectsOperandsThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Sgemm.sgemm(false, false, 2, 3, 4, 1f, new float[7], 0, 4, new float[12], 0, 3, 0f, new float[6], 0, 3));
        assertTrue(e.getMessage().contains("sgemm: A [2 x 4]") && e.getMessage().contains("length 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                Sgemm.sgemm(false, true, 2, 3, 4, 1f, new float[8], 0, 4, new float[12], 0, 3, 0f, new float[6], 0, 3));
        assertTrue(e.getMessage().contains("ldb=3 is less than the 4 columns of stored B [3 x 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                Sgemm.sgemm(false, false, 2, 3, 4, 1f, new float[8], 0, 4, new float[12], 0, 3, 0f, new float[6], 1, 3));
        assertTrue(e.getMessage().contains("C [2 x 3] at offset 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                Sgemm.sgemm(false, false, -1, 3, 4, 1f, new float[8], 0, 4, new float[12], 0, 3, 0f, new float[6], 0, 3));
        assertEquals("sgemm: negative size m=-1 n=3 k=4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                Sgemm.sgemm(false, false, 1, 1, 1, 1f, null, 0, 1, new float[1], 0, 1, 0f, new float[1], 0, 1));
    }
}
