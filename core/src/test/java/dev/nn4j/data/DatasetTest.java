package dev.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Four samples of two features; sample i has features (i, 10 i) and class i % 3. */
    static Dataset sample() {
        return Dataset.classification(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, 2, new int[] {0, 1, 2, 0}, 3);
    }

    @Test
    void classificationBuildsOneHotTargetsAndKeepsLabels() {
        Dataset d = sample();
        assertEquals(4, d.size());
        assertEquals(3, d.targetCount());
        assertEquals(3, d.classCount());
        assertTrue(d.hasLabels());
        assertArrayEquals(new int[] {0, 1, 2, 0}, d.labels());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0}, d.targets());
    }

    @Test
    void classificationRejectsBadLabelsAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(new float[] {1, 2}, 1, new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("label 3 of sample 1 is outside 0..2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new float[] {1, 2, 3}, 2,
                new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new float[] {1}, 1,
                new int[] {0}, 1));
    }

    @Test
    void datasetsWithoutLabelsSaySo() {
        Dataset d = new Dataset(new float[] {1, 2}, 1, new float[] {3, 4}, 1);
        assertFalse(d.hasLabels());
        IllegalStateException e = assertThrows(IllegalStateException.class, d::labels);
        assertTrue(e.getMessage().contains("Dataset.classification"), e.getMessage());
        assertThrows(IllegalStateException.class, d::classCount);
    }

    @Test
    void selectCopiesRowsInOrderWithRepeatsAndKeepsLabels() {
        Dataset s = sample().select(new int[] {3, 1, 1});
        assertArrayEquals(new float[] {3, 30, 1, 10, 1, 10}, s.features());
        assertArrayEquals(new int[] {0, 1, 1}, s.labels());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 1, 0}, s.targets());
        assertThrows(IndexOutOfBoundsException.class, () -> sample().select(new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> sample().select(new int[0]));
    }

    @Test
    void firstTakesAPrefix() {
        Dataset f = sample().first(2);
        assertArrayEquals(new float[] {0, 0, 1, 10}, f.features());
        assertArrayEquals(new int[] {0, 1}, f.labels());
        assertThrows(IllegalArgumentException.class, () -> sample().first(5));
        assertThrows(IllegalArgumentException.class, () -> sample().first(0));
    }

    @Test
    void withFeaturesSharesTargetsAndLabels() {
        Dataset d = sample();
        Dataset w = d.withFeatures(new float[] {9, 8, 7, 6}, 1);
        assertEquals(1, w.featureCount());
        assertSame(d.targets(), w.targets());
        assertSame(d.labels(), w.labels());
        assertThrows(IllegalArgumentException.class, () -> d.withFeatures(new float[3], 1));
    }
}
