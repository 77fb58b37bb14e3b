package dev.nn4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmCallsTest {
    // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]] (row-major).
    private static final float[] A = {1, 2, 3, 4};
    private static final float[] B = {5, 6, 7, 8};

    @Test
    void acceptsHandWorkedProducts() {
        // A·B = [[19, 22], [43, 50]]; Aᵀ·B = [[26, 30], [38, 44]]; A·Bᵀ = [[17, 23], [39, 53]].
        assertDoesNotThrow(() -> GemmCalls.check("t", GemmShape.parse("2x2*2x2"), A, B,
                new float[] {19, 22, 43, 50}, new Random(1)));
        assertDoesNotThrow(() -> GemmCalls.check("t", GemmShape.parse("2x2T*2x2"), A, B,
                new float[] {26, 30, 38, 44}, new Random(1)));
        assertDoesNotThrow(() -> GemmCalls.check("t", GemmShape.parse("2x2*2x2T"), A, B,
                new float[] {17, 23, 39, 53}, new Random(1)));
    }

    @Test
    void rejectsAWrongProduct() {
        // The transpose of A·B: right values in the wrong places.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GemmCalls.check("broken",
                GemmShape.parse("2x2*2x2"), A, B, new float[] {19, 43, 22, 50}, new Random(1)));
        assertTrue(e.getMessage().startsWith("broken gemm"), e.getMessage());
    }

    @Test
    void rejectsAResultOfTheWrongSize() {
        assertThrows(IllegalStateException.class, () -> GemmCalls.check("short", GemmShape.parse("2x2*2x2"), A, B,
                new float[] {19, 22, 43}, new Random(1)));
    }

    @Test
    void rawEjmlComputesTheHandWorkedTransposedProduct() {
        try (RawEjmlGemm g = new RawEjmlGemm(GemmShape.parse("2x2T*2x2"), A, B, false)) {
            g.run();
            assertArrayEquals(new float[] {26, 30, 38, 44}, g.result());
        }
    }
}
