package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The vector width setting: its parsing, its error, and that a forced width reaches the engine (surefire's
 * {@code vector-128/256/512} executions run the vector tests with {@code -Dnn4j.plain.vectorBits}; this
 * test fails there if the setting did not take).
 */
class VectorWidthTest {
    @Test
    void parsesTheThreeWidths() {
        assertEquals(FloatVector.SPECIES_128, VectorWidth.choose("nn4j.plain.vectorBits=128"));
        assertEquals(FloatVector.SPECIES_256, VectorWidth.choose("NN4J_PLAIN_VECTOR_BITS= 256 "));
        assertEquals(FloatVector.SPECIES_512, VectorWidth.choose("nn4j.plain.vectorBits=512"));
        assertEquals(FloatVector.SPECIES_PREFERRED, VectorWidth.choose(null));
    }

    @Test
    void rejectsOtherWidthsNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VectorWidth.choose("nn4j.plain.vectorBits=1024"));
        assertTrue(e.getMessage().startsWith("nn4j.plain.vectorBits=1024: the vector width must be 128, 256 or 512"),
                e.getMessage());
    }

    @Test
    void forcedWidthReachesTheEngine() {
        String forced = System.getProperty(VectorWidth.PROPERTY);
        int bits = forced == null ? FloatVector.SPECIES_PREFERRED.vectorBitSize() : Integer.parseInt(forced);
        assertEquals(bits, VectorWidth.FLOAT.vectorBitSize());
        assertEquals(bits / 32, VectorGemm.L);
        assertTrue(Sgemm.engineName().startsWith("vector-" + bits + " "), Sgemm.engineName());
    }
}
