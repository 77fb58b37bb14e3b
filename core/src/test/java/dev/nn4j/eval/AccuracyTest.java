package dev.nn4j.eval;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.tensor.Backend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AccuracyTest {
    /**
     * Worked by hand. Row 0: true class 2 is second (only 0.5 is larger). Row 1: true class 0
     * is first. Row 2: true class 2 ties with classes 0 and 1 at 0.2 and 0.4 is larger, so it
     * ranks fourth (lower index first on ties).
     */
    private static final float[] SCORES = {
        0.1f, 0.5f, 0.3f, 0.1f,
        0.7f, 0.1f, 0.1f, 0.1f,
        0.2f, 0.2f, 0.2f, 0.4f};
    private static final int[] LABELS = {2, 0, 2};

    @Test
    void accuracyOfPredictions() {
        assertEquals(0.75, Accuracy.of(new int[] {1, 2, 3, 4}, new int[] {1, 2, 3, 0}));
        assertEquals(0.0, Accuracy.of(new int[] {1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.of(new int[0], new int[0]));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.of(new int[1], new int[2]));
    }

    @Test
    void topKFromAScoreArray() {
        assertEquals(1.0 / 3, Accuracy.topK(SCORES, 4, LABELS, 1), 1e-15);
        assertEquals(2.0 / 3, Accuracy.topK(SCORES, 4, LABELS, 2), 1e-15);
        assertEquals(2.0 / 3, Accuracy.topK(SCORES, 4, LABELS, 3), 1e-15);
        assertEquals(1.0, Accuracy.topK(SCORES, 4, LABELS, 4));
    }

    @Test
    void tensorFormsAgreeWithHandValues() {
        Tensor t = OtherBackend.INSTANCE.fromArray(SCORES, 3, 4);
        assertEquals(1.0 / 3, Accuracy.of(t, LABELS), 1e-15);
        assertEquals(2.0 / 3, Accuracy.topK(t, LABELS, 2), 1e-15);
    }

    @Test
    void badInputsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Accuracy.topK(SCORES, 4, LABELS, 5))
                .getMessage().contains("k must be 1..4, got 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Accuracy.topK(SCORES, 4, new int[] {2, 4, 0}, 1))
                .getMessage().contains("label 4 of row 1 is outside 0..3"));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.topK(SCORES, 5, LABELS, 1));
        float[] nan = SCORES.clone();
        nan[5] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Accuracy.topK(nan, 4, LABELS, 1))
                .getMessage().contains("class 1 in row 1 is NaN"));
        Tensor vector = OtherBackend.INSTANCE.fromArray(SCORES, 12);
        assertThrows(IllegalArgumentException.class, () -> Accuracy.topK(vector, LABELS, 1));
    }
}
