package dev.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.data.Dataset;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FitConfigTest {

    @Test
    void batchSizeMeansStochasticMiniOrFullBatch() {
        assertEquals(1, FitConfig.builder().batchSize(1).build().batchSizeFor(100));
        assertEquals(32, FitConfig.builder().build().batchSizeFor(100));
        assertEquals(100, FitConfig.builder().fullBatch().build().batchSizeFor(100));
        assertEquals(100, FitConfig.builder().batchSize(Integer.MAX_VALUE).build().batchSizeFor(100));
        assertEquals(100, FitConfig.builder().batchSize(500).build().batchSizeFor(100));
    }

    @Test
    void defaultsAreOneShuffledEpochWithoutStopConditions() {
        FitConfig c = FitConfig.builder().build();
        assertEquals(1, c.epochs());
        assertTrue(c.shuffle());
        assertEquals(NonFinitePolicy.STOP, c.nonFinitePolicy());
        assertEquals(Long.MAX_VALUE, c.maxIterations());
        assertEquals(Double.NEGATIVE_INFINITY, c.errorThreshold());
    }

    @Test
    void badSettingsAreRejectedAtOnce() {
        fails(() -> FitConfig.builder().epochs(0), "epochs");
        fails(() -> FitConfig.builder().batchSize(-1), "batch size");
        fails(() -> FitConfig.builder().maxIterations(0), "maxIterations");
        fails(() -> FitConfig.builder().timeout(Duration.ZERO), "timeout");
        fails(() -> FitConfig.builder().errorThreshold(Double.NaN), "threshold");
        Dataset d = Dataset.of(new double[][] {{1}}, new double[][] {{1}});
        fails(() -> EarlyStopping.onValidationLoss(d, 0), "patience");
        fails(() -> EarlyStopping.onValidationLoss(d, 2).withMinDelta(-1), "minDelta");
    }

    @Test
    void earlyStoppingComparesInTheRightDirection() {
        Dataset d = Dataset.of(new double[][] {{1}}, new double[][] {{1}});
        EarlyStopping lower = EarlyStopping.onValidationLoss(d, 2).withMinDelta(0.1);
        assertTrue(lower.improves(0.5, Double.NaN));
        assertTrue(lower.improves(0.5, 0.65));
        assertTrue(!lower.improves(0.6, 0.65));
        assertTrue(!lower.improves(Double.NaN, 0.65));
        EarlyStopping higher = EarlyStopping.on(d, (m, data) -> 0, true, 2);
        assertTrue(higher.improves(0.9, 0.8) && !higher.improves(0.7, 0.8));
    }

    private static void fails(Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
