package dev.nn4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmShapeTest {

    @Test
    void plainProductHasStoredDimensions() {
        GemmShape s = GemmShape.parse("128x784*784x256");
        assertEquals(128, s.m());
        assertEquals(784, s.k());
        assertEquals(256, s.n());
        assertEquals(2.0 * 128 * 784 * 256, s.flops());
    }

    @Test
    void transposedAGivesWeightGradientShape() {
        // [128x784]ᵀ · [128x256] -> [784x256], summing over the batch of 128.
        GemmShape s = GemmShape.parse("128x784T*128x256");
        assertEquals(784, s.m());
        assertEquals(128, s.k());
        assertEquals(256, s.n());
    }

    @Test
    void transposedBGivesInputGradientShape() {
        // [128x256] · [784x256]ᵀ -> [128x784].
        GemmShape s = GemmShape.parse("128x256*784x256T");
        assertEquals(128, s.m());
        assertEquals(256, s.k());
        assertEquals(784, s.n());
    }

    @Test
    void toyShapeCountsSixteenFlops() {
        assertEquals(16.0, GemmShape.parse("2x4*4x1").flops());
    }

    @Test
    void mismatchedInnerDimensionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmShape.parse("128x784*256x784"));
        assertTrue(e.getMessage().contains("op(A) has 784 columns but op(B) has 256 rows"), e.getMessage());
    }

    @Test
    void malformedTextIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("64^3"));
        assertTrue(e.getMessage().contains("'64^3'"), e.getMessage());
    }
}
