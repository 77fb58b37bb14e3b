package dev.nn4j.eval;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.tensor.Backend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanSquaredErrorTest {
    @Test
    void averagesSquaredDifferencesOverAllValues() {
        float[] predicted = {1, 2, 3};
        float[] actual = {1, 0, 6};
        assertEquals(13.0 / 3, MeanSquaredError.of(predicted, actual), 1e-12);
        assertEquals(Math.sqrt(13.0 / 3), MeanSquaredError.root(predicted, actual), 1e-12);
        Backend b = OtherBackend.INSTANCE;
        assertEquals(13.0 / 3, MeanSquaredError.of(b.fromArray(predicted, 3, 1), b.fromArray(actual, 3, 1)), 1e-12);
    }

    @Test
    void rejectsMismatchEmptyAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> MeanSquaredError.of(new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> MeanSquaredError.of(new float[0], new float[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeanSquaredError.of(new float[] {0, Float.NaN}, new float[] {0, 1}));
        assertTrue(e.getMessage().contains("value 1 is not finite"), e.getMessage());
        Backend b = OtherBackend.INSTANCE;
        assertThrows(IllegalArgumentException.class,
                () -> MeanSquaredError.of(b.fromArray(new float[] {1, 2}, 2, 1), b.fromArray(new float[] {1, 2}, 1, 2)));
    }
}
