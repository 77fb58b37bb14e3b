package dev.nn4j.nn;

import dev.nn4j.autodiff.Rng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InitializerTest {

    private static double[] stats(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double squares = 0;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
            squares += x * x;
        }
        return new double[] {min, max, sum / v.length, squares / v.length};
    }

    @Test
    void uniformIsWithinMinusOneAndOneForWeightsAndBiases() {
        double[] s = stats(Initializer.UNIFORM.weights(new Rng(1), 100, 100));
        assertTrue(s[0] >= -1 && s[1] < 1 && s[0] < -0.99 && s[1] > 0.99);
        double[] b = stats(Initializer.UNIFORM.bias(new Rng(1), 100, 1000));
        assertTrue(b[0] >= -1 && b[1] < 1 && b[3] > 0.2);
    }

    @Test
    void xavierAndHeUniformUseTheirLimits() {
        double limit = Math.sqrt(6.0 / (300 + 100));
        double[] s = stats(Initializer.XAVIER.weights(new Rng(2), 300, 100));
        assertTrue(s[0] >= -limit && s[1] < limit && s[1] > 0.99 * limit);
        assertEquals(limit * limit / 3, s[3], 0.02 * limit * limit);
        double heLimit = Math.sqrt(6.0 / 300);
        double[] h = stats(Initializer.HE_UNIFORM.weights(new Rng(2), 300, 100));
        assertTrue(h[0] >= -heLimit && h[1] < heLimit && h[1] > 0.99 * heLimit);
    }

    @Test
    void heNormalHasVarianceTwoOverFanIn() {
        double[] s = stats(Initializer.HE.weights(new Rng(3), 200, 500));
        assertEquals(0, s[2], 0.003);
        assertEquals(2.0 / 200, s[3], 0.0003);
    }

    @Test
    void biasesAreZeroExceptForUniform() {
        for (Initializer i : new Initializer[] {Initializer.XAVIER, Initializer.HE, Initializer.HE_UNIFORM}) {
            for (double b : i.bias(new Rng(4), 3, 5)) {
                assertEquals(0, b);
            }
        }
    }

    @Test
    void idsRoundTripAndBadInputIsNamed() {
        for (Initializer i : Initializer.values()) {
            assertEquals(i, Initializer.parse(" " + i.id().toUpperCase() + " "));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.parse("glorot"));
        assertTrue(e.getMessage().contains("glorot"));
        assertThrows(IllegalArgumentException.class, () -> Initializer.HE.weights(new Rng(1), 0, 3));
    }
}
