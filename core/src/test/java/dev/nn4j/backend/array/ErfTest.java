package dev.nn4j.backend.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The error function in double ({@link ArrayFunctions#erf}) against tabulated values, and its float form against it. */
class ErfTest {

    @Test
    void doubleErfMatchesTabulatedValues() {
        // erf at 0.1, 0.5, 1, 2, 3 (Abramowitz and Stegun, table 7.1, to 15 places)
        double[][] table = {{0.1, 0.112462916018285}, {0.5, 0.520499877813047}, {1, 0.842700792949715},
            {2, 0.995322265018953}, {3, 0.999977909503001}};
        for (double[] row : table) {
            assertEquals(row[1], ArrayFunctions.erf(row[0]), 1e-14, "erf(" + row[0] + ")");
            assertEquals(-row[1], ArrayFunctions.erf(-row[0]), 1e-14, "erf(-" + row[0] + ")");
        }
    }

    @Test
    void floatErfIsWithinTwoTenMillionthsOfTheDoubleOneEverywhere() {
        double worstAbsolute = 0;
        double worstRelativeBelowHalf = 0;
        for (int i = -80_000; i <= 80_000; i++) {
            double x = i * 1e-4;
            double exact = ArrayFunctions.erf(x);
            double fast = ArrayFunctions.erfFloat(x);
            worstAbsolute = Math.max(worstAbsolute, Math.abs(fast - exact));
            if (Math.abs(x) < 0.5 && x != 0) {
                worstRelativeBelowHalf = Math.max(worstRelativeBelowHalf, Math.abs(fast - exact) / Math.abs(exact));
            }
        }
        assertTrue(worstAbsolute <= 2e-7, "worst absolute error " + worstAbsolute);
        assertTrue(worstRelativeBelowHalf <= 1e-7, "worst relative error below 0.5: " + worstRelativeBelowHalf);
        assertEquals(1.0, ArrayFunctions.erfFloat(7), 0);
        assertEquals(-1.0, ArrayFunctions.erfFloat(Double.NEGATIVE_INFINITY), 0);
        assertTrue(Double.isNaN(ArrayFunctions.erfFloat(Double.NaN)));
        assertEquals(0.0, ArrayFunctions.erfFloat(0), 0);
    }
}
