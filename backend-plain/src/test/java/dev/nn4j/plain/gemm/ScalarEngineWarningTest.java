package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the scalar-engine warning fires; its text and the once-only rule in a real JVM are in {@link NoVectorModuleTest}. */
class ScalarEngineWarningTest {

    @Test
    void firesForALargeProductOnTheFallbackEngineOnly() {
        ScalarEngineWarning w = new ScalarEngineWarning(new ScalarGemm(), "");
        w.check(64, 64, 64);
        assertFalse(w.logged(), "64^3 is below the threshold");
        w.check(128, 256, 784);
        assertTrue(w.logged());
    }

    @Test
    void silentWhenTheScalarEngineWasAskedForOrTheVectorEngineRuns() {
        ScalarEngineWarning forced = new ScalarEngineWarning(new ScalarGemm(), "scalar");
        forced.check(1024, 1024, 1024);
        assertFalse(forced.logged());
        ScalarEngineWarning vector = new ScalarEngineWarning(VectorGemm.forThisCpu(), "");
        vector.check(1024, 1024, 1024);
        assertFalse(vector.logged());
    }
}
