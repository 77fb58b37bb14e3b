package dev.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void stepDecayHalvesEveryStep() {
        LearningRateSchedule s = LearningRateSchedule.step(3, 0.5);
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(e, 1.0), 0);
        }
    }

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        LearningRateSchedule s = LearningRateSchedule.exponential(0.9);
        assertEquals(0.1, s.rate(0, 0.1), 0);
        assertEquals(0.09, s.rate(1, 0.1), 1e-16);
        assertEquals(0.1 * 0.729, s.rate(3, 0.1), 1e-16);
    }

    @Test
    void cosineAnnealsFromTheInitialToTheMinimumRate() {
        LearningRateSchedule s = LearningRateSchedule.cosine(4, 0.0);
        assertEquals(1.0, s.rate(0, 1.0), 0);
        assertEquals(0.5 + 0.5 * Math.sqrt(0.5), s.rate(1, 1.0), 1e-15);
        assertEquals(0.5, s.rate(2, 1.0), 1e-15);
        assertEquals(0.5 - 0.5 * Math.sqrt(0.5), s.rate(3, 1.0), 1e-15);
        assertEquals(0.0, s.rate(4, 1.0), 0);
        assertEquals(0.2, LearningRateSchedule.cosine(4, 0.2).rate(9, 1.0), 0);
        assertEquals(0.6, LearningRateSchedule.cosine(4, 0.2).rate(2, 1.0), 1e-15);
    }

    @Test
    void constantKeepsTheInitialRate() {
        assertEquals(0.3, LearningRateSchedule.constant().rate(100, 0.3), 0);
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(5, -0.1));
    }
}
