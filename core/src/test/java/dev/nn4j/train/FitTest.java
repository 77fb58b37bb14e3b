package dev.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.data.Dataset;
import dev.nn4j.eval.Predictions;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What {@code fit} checks before the first step, its validation data, interrupts and its log line per epoch. */
class FitTest {
    private static Sequential model() {
        return Sequential.builder().input(2).dense(6, Activation.TANH).dense(2, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.05)).seed(5).backend(OtherBackend.INSTANCE).build();
    }

    /** 40 samples of two classes: class 1 when x0 + x1 > 1. */
    private static Dataset data(int features) {
        int n = 40;
        float[] x = new float[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < features; f++) {
                x[i * features + f] = ((i * 7 + f * 13) % 20) / 10f;
            }
            labels[i] = x[i * features] + x[i * features + 1] > 1 ? 1 : 0;
        }
        return Dataset.classification(x, features, labels, 2);
    }

    /** Counts the batches trained. */
    private static final class Steps implements TrainingListener {
        int batches;

        @Override
        public void onBatchEnd(TrainingContext context) {
            batches++;
        }
    }

    @Test
    void validationDataOfTheWrongWidthFailsBeforeTheFirstStepAndIsNamed() {
        try (Sequential m = model()) {
            Steps steps = new Steps();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(data(2),
                    FitConfig.builder().epochs(3).listener(steps)
                            .earlyStopping(EarlyStopping.onValidationLoss(data(3), 2)).build()));
            assertEquals(0, steps.batches, "no step before the check");
            assertTrue(e.getMessage().contains("early stopping's validation data: dataset has 3 features"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.fit(data(2),
                    FitConfig.builder().listener(steps).validationData(data(3)).build()));
            assertEquals(0, steps.batches);
            assertTrue(e.getMessage().startsWith("fit: validation data: dataset has 3 features"), e.getMessage());
        }
    }

    @Test
    void anInterruptStopsTrainingAfterTheStepInProgressAndStaysSet() {
        try (Sequential interrupted = model(); Sequential three = model()) {
            TrainingListener interrupter = new TrainingListener() {
                @Override
                public void onBatchEnd(TrainingContext context) {
                    if (context.step() == 3) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            History h = interrupted.fit(data(2), FitConfig.builder().epochs(5000).batchSize(4).seed(1)
                    .listener(interrupter).build());
            assertTrue(Thread.interrupted(), "the interrupt status is still set (and cleared here)");
            assertEquals(StopReason.INTERRUPTED, h.stopReason());
            assertTrue(h.interrupted());
            assertEquals(3, h.steps());
            three.fit(data(2), FitConfig.builder().epochs(5000).batchSize(4).seed(1).maxIterations(3).build());
            for (int i = 0; i < three.parameters().size(); i++) {
                Parameter p = interrupted.parameters().get(i);
                assertArrayEquals(three.parameters().get(i).value().toDoubleArray(), p.value().toDoubleArray(), 0,
                        p.name() + " holds the weights of step 3");
            }
            assertEquals(three.predict(new double[] {1, 0})[0], interrupted.predict(new double[] {1, 0})[0], 0);
        }
    }

    @Test
    void aThreadInterruptedBeforeFitTakesNoStep() {
        try (Sequential m = model()) {
            Thread.currentThread().interrupt();
            History h = m.fit(data(2), FitConfig.builder().epochs(3).build());
            assertTrue(Thread.interrupted());
            assertEquals(StopReason.INTERRUPTED, h.stopReason());
            assertEquals(0, h.steps());
        }
    }

    @Test
    void aValidationSplitHoldsOutTheLastSamplesAndIsScoredEveryEpoch() {
        try (Sequential m = model()) {
            Dataset all = data(2);
            History h = m.fit(all, FitConfig.builder().epochs(4).batchSize(8).validationSplit(0.25).build());
            assertEquals(30 * 4, h.samplesSeen(), "30 of 40 samples train");
            assertEquals(4, h.validationLosses().length);
            assertEquals(4, h.validationAccuracies().length);
            assertEquals(4, h.accuracies().length);
            Dataset held = all.select(new int[] {30, 31, 32, 33, 34, 35, 36, 37, 38, 39});
            assertEquals(m.loss(held), h.validationLosses()[3], 1e-12);
            assertEquals(Predictions.accuracy(m, held), h.validationAccuracies()[3], 1e-12);
        }
    }

    @Test
    void validationDataIsScoredButNeverTrainedOn() {
        try (Sequential m = model()) {
            History h = m.fit(data(2), FitConfig.builder().epochs(2).validationData(data(2).first(5)).build());
            assertEquals(80, h.samplesSeen());
            assertEquals(m.loss(data(2).first(5)), h.validationLosses()[1], 1e-12);
        }
    }

    @Test
    void aSplitThatLeavesNothingOnOneSideIsRefused() {
        try (Sequential m = model()) {
            Dataset two = data(2).first(2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.fit(two, FitConfig.builder().validationSplit(0.1).build()));
            assertEquals("fit: validationSplit 0.1 of 2 samples holds out 0; at least one sample must remain for"
                    + " training and one for validation", e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> FitConfig.builder().validationSplit(0.2)
                .validationData(data(2)).build());
        assertThrows(IllegalArgumentException.class, () -> FitConfig.builder().validationSplit(1));
    }

    @Test
    void fitLogsALinePerEpochUnlessTurnedOff() {
        Logger logger = Logger.getLogger(Trainer.LOGGER);
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (Sequential m = model()) {
            m.fit(data(2), FitConfig.builder().epochs(3).validationSplit(0.25).build());
            assertTrue(lines.get(0).startsWith("epoch 1/3: loss "), lines.toString());
            assertTrue(lines.get(0).contains(", accuracy "), lines.get(0));
            assertTrue(lines.get(0).contains(", val_loss "), lines.get(0));
            assertTrue(lines.get(0).contains(", val_accuracy "), lines.get(0));
            assertTrue(lines.get(lines.size() - 1).startsWith("epoch 3/3: "), lines.toString());
            lines.clear();
            m.fit(data(2), FitConfig.builder().epochs(3).logEpochs(false).build());
            assertFalse(lines.iterator().hasNext(), lines.toString());
        } finally {
            logger.removeHandler(handler);
        }
    }
}
