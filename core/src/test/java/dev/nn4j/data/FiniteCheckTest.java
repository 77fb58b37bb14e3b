package dev.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The branch-free finite test against {@link Float#isFinite} on the edge values of float32. */
class FiniteCheckTest {
    private static final float[] FINITE = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f, 3.5f, -1e38f, Math.nextDown(Float.POSITIVE_INFINITY)};
    private static final float[] NON_FINITE = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffffffff), Float.intBitsToFloat(0x7f800001)};

    @Test
    void agreesWithFloatIsFiniteOnEdgeValues() {
        assertTrue(FiniteCheck.allFinite(FINITE));
        assertTrue(FiniteCheck.allFinite(new float[0]));
        for (float bad : NON_FINITE) {
            assertFalse(Float.isFinite(bad));
            float[] values = FINITE.clone();
            values[7] = bad;
            assertFalse(FiniteCheck.allFinite(values), Float.toString(bad) + " " + Integer.toHexString(
                    Float.floatToRawIntBits(bad)));
        }
    }

    @Test
    void reportsTheFirstNonFiniteValueByRowAndColumn() {
        float[] values = new float[12];
        values[7] = Float.NEGATIVE_INFINITY;
        values[10] = Float.NaN;
        NonFiniteInputException e = assertThrows(NonFiniteInputException.class,
                () -> FiniteCheck.requireFinite("fit", "features", values, 4));
        assertEquals(1, e.row());
        assertEquals(3, e.column());
        assertEquals(Float.NEGATIVE_INFINITY, e.value());
        assertEquals("features", e.what());
    }
}
