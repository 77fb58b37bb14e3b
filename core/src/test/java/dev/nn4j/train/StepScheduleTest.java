package dev.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up + cosine schedule against hand-worked rates, and applied by {@code fit} before every update. */
class StepScheduleTest {

    @Test
    void warmupThenCosineByHand() {
        StepSchedule s = StepSchedule.warmupCosine(4, 12, 0.1);
        assertEquals(0.25, s.rate(0, 1), 1e-15);                 // (0 + 1) / 4
        assertEquals(1.0, s.rate(3, 1), 1e-15);                  // the last warm-up step
        assertEquals(1.0, s.rate(4, 1), 1e-15);                  // cosine starts at the initial rate
        assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.5)) / 2, s.rate(8, 1), 1e-15);   // half-way: 0.55
        assertEquals(0.1, s.rate(12, 1), 0);
        assertEquals(0.1, s.rate(1000, 1), 0);
        assertThrows(IllegalArgumentException.class, () -> StepSchedule.warmupCosine(5, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> StepSchedule.warmupCosine(-1, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> StepSchedule.warmupCosine(1, 5, Double.NaN));
    }

    @Test
    void fitSetsTheRateBeforeEveryUpdateAndRefusesTwoSchedules() {
        double[][] xs = {{1, 2}, {-1, 0.5}, {2, -1}, {0, 1}};
        double[][] ys = {{5}, {-3}, {4}, {2}};
        List<Double> seen = new ArrayList<>();
        StepSchedule recorder = (step, initial) -> {
            double rate = initial / (step + 1);
            seen.add(rate);
            return rate;
        };
        try (Sequential m = Sequential.builder().input(2).dense(1, Activation.IDENTITY).loss(Losses.mse())
                .optimizer(new Sgd(0.2)).backend(OtherBackend.INSTANCE).dtype(DType.FLOAT64).seed(1).build()) {
            m.fit(Dataset.of(xs, ys), FitConfig.builder().epochs(3).batchSize(2).shuffle(false).logEpochs(false)
                    .stepSchedule(recorder).build());
            assertEquals(List.of(0.2, 0.1, 0.2 / 3, 0.05, 0.04, 0.2 / 6), seen, "one rate per update, from the step count");
            assertEquals(0.2 / 6, m.optimizer().learningRate(), 1e-15);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitConfig.builder()
                .schedule(LearningRateSchedule.constant()).stepSchedule(recorder).build());
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }
}
