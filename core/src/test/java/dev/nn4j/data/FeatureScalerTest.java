package dev.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureScalerTest {
    /** Feature 0 is 1, 3, 5; feature 1 is constant 10. */
    private static final Dataset TRAIN = new Dataset(new float[] {1, 10, 3, 10, 5, 10}, 2, new float[] {0, 1, 2}, 1);
    private static final Dataset OTHER = new Dataset(new float[] {7, 12}, 2, new float[] {0}, 1);

    @Test
    void minMaxMapsTheTrainingRangeToUnitAndReusesItElsewhere() {
        FeatureScaler s = FeatureScaler.minMax(TRAIN);
        assertEquals(1, s.offset(0));
        assertEquals(0.25, s.factor(0));
        assertEquals(1, s.factor(1), "constant feature keeps factor 1");
        Dataset scaled = s.apply(TRAIN);
        assertArrayEquals(new float[] {0, 0, 0.5f, 0, 1, 0}, scaled.features());
        assertSame(TRAIN.targets(), scaled.targets());
        assertArrayEquals(new float[] {1.5f, 2f}, s.apply(OTHER).features(), "not clamped, training statistics");
        assertArrayEquals(new float[] {1, 10, 3, 10, 5, 10}, TRAIN.features(), "input unchanged");
    }

    @Test
    void standardizeUsesTrainingMeanAndPopulationStd() {
        FeatureScaler s = FeatureScaler.standardize(TRAIN);
        double std = Math.sqrt(8.0 / 3.0);
        assertEquals(3, s.offset(0), 1e-12);
        assertEquals(1 / std, s.factor(0), 1e-12);
        assertEquals(10, s.offset(1), 1e-12);
        assertEquals(1, s.factor(1), "constant feature is centred, not divided by zero");
        assertArrayEquals(new float[] {(float) (-2 / std), 0, 0, 0, (float) (2 / std), 0},
                s.apply(TRAIN).features(), 1e-6f);
        assertArrayEquals(new float[] {(float) (4 / std), 2}, s.apply(OTHER).features(), 1e-6f);
    }

    @Test
    void rejectsNonFiniteTrainingValuesAndMismatchedWidths() {
        Dataset bad = new Dataset(new float[] {1, Float.NaN}, 1, new float[] {0, 0}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureScaler.minMax(bad));
        assertTrue(e.getMessage().contains("feature 0 of sample 1 is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.standardize(bad));
        FeatureScaler s = FeatureScaler.minMax(TRAIN);
        assertThrows(IllegalArgumentException.class, () -> s.apply(bad));
        assertThrows(IllegalArgumentException.class, () -> s.apply(new float[3]));
    }
}
