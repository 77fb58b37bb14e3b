package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.EarlyStopping;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.LearningRateSchedule;
import dev.nn4j.train.NonFiniteLossException;
import dev.nn4j.train.NonFinitePolicy;
import dev.nn4j.train.StopReason;
import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The training loop end to end: learning XOR, batching, determinism, stop conditions, early stopping, schedules, NaN. */
public abstract class TrainingConformance extends LearningFixtures {

    @Test
    void xorIsLearnedWithTheModelApi() {
        Sequential model = xorModel(42);
        History h = model.fit(xor(), FitConfig.builder().epochs(3000).batchSize(1).build());
        double[][] out = model.predict(XOR_X);
        for (int i = 0; i < 4; i++) {
            assertEquals(XOR_Y[i][0] > 0.5, out[i][0] > 0.5, "xor " + Arrays.toString(XOR_X[i]) + " -> " + out[i][0]
                    + "; " + h);
        }
        assertTrue(h.finalLoss() < 0.05, h.toString());
        assertEquals(StopReason.EPOCHS_COMPLETED, h.stopReason());
        assertEquals(3000 * 4, h.steps());
        assertEquals(3000 * 4, h.stepLosses().length);
    }

    @Test
    void sameSeedGivesIdenticalLossCurves() {
        FitConfig cfg = FitConfig.builder().epochs(50).batchSize(3).build();
        History a = xorModel(Losses.mse(), new Adam(0.05), 7).fit(xor(), cfg);
        History b = xorModel(Losses.mse(), new Adam(0.05), 7).fit(xor(), cfg);
        assertArrayEquals(a.stepLosses(), b.stepLosses(), 0);
        assertArrayEquals(a.epochLosses(), b.epochLosses(), 0);
        History c = xorModel(Losses.mse(), new Adam(0.05), 8).fit(xor(), cfg);
        assertTrue(c.finalLoss() != a.finalLoss());
    }

    /** Fits one unshuffled epoch with {@code batchSize}, and does the same by hand with trainStep on slices. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, FitConfig.FULL_BATCH, Integer.MAX_VALUE})
    void fitEqualsManualStepsOverConsecutiveSlices(int batchSize) {
        Sequential fitted = xorModel(Losses.mse(), new Sgd(0.3), 3);
        History h = fitted.fit(xor(), FitConfig.builder().epochs(1).batchSize(batchSize).shuffle(false).build());
        Sequential manual = xorModel(Losses.mse(), new Sgd(0.3), 3);
        int size = batchSize == FitConfig.FULL_BATCH ? 4 : Math.min(batchSize, 4);
        double weighted = 0;
        int steps = 0;
        for (int start = 0; start < 4; start += size) {
            int rows = Math.min(size, 4 - start);
            Tensor x = backend().matrix(DType.FLOAT32, Arrays.copyOfRange(XOR_X, start, start + rows));
            Tensor y = backend().matrix(DType.FLOAT32, Arrays.copyOfRange(XOR_Y, start, start + rows));
            weighted += manual.trainStep(x, y) * rows;
            steps++;
        }
        assertEquals(steps, h.steps());
        assertEquals(4, h.samplesSeen());
        assertEquals(batchSize == 1 ? 4 : batchSize == 3 ? 2 : 1, steps);
        assertArrayEquals(flatten(manual), flatten(fitted), 0);
        assertEquals(weighted / 4, h.finalLoss(), 1e-12);
    }

    @Test
    void shufflingChangesStochasticButNotFullBatchTraining() {
        FitConfig.Builder base = FitConfig.builder().epochs(3).seed(5);
        Sequential ordered = xorModel(Losses.mse(), new Sgd(0.3), 3);
        Sequential shuffled = xorModel(Losses.mse(), new Sgd(0.3), 3);
        ordered.fit(xor(), base.batchSize(1).shuffle(false).build());
        shuffled.fit(xor(), base.batchSize(1).shuffle(true).build());
        assertTrue(!Arrays.equals(flatten(ordered), flatten(shuffled)));
        Sequential fullOrdered = xorModel(Losses.mse(), new Sgd(0.3), 3);
        Sequential fullShuffled = xorModel(Losses.mse(), new Sgd(0.3), 3);
        fullOrdered.fit(xor(), base.fullBatch().shuffle(false).build());
        fullShuffled.fit(xor(), base.fullBatch().shuffle(true).build());
        assertArrayEquals(flatten(fullOrdered), flatten(fullShuffled), 1e-6);
    }

    @Test
    void errorThresholdStopsOnceTheEpochLossIsLowEnough() {
        History h = xorModel(Losses.mse(), new Adam(0.05), 42).fit(xor(),
                FitConfig.builder().epochs(5000).batchSize(4).errorThreshold(0.05).build());
        assertEquals(StopReason.ERROR_THRESHOLD, h.stopReason());
        assertTrue(h.finalLoss() <= 0.05 && h.epochs() < 5000, h.toString());
        double[] losses = h.epochLosses();
        for (int i = 0; i < losses.length - 1; i++) {
            assertTrue(losses[i] > 0.05, "epoch " + i + " was already below the threshold");
        }
    }

    @Test
    void maxIterationsCountsOptimizerSteps() {
        History h = xorModel(7).fit(xor(), FitConfig.builder().epochs(100).batchSize(1).maxIterations(7).build());
        assertEquals(StopReason.MAX_ITERATIONS, h.stopReason());
        assertEquals(7, h.steps());
        assertEquals(2, h.epochs());
        assertEquals(7, h.stepLosses().length);
    }

    @Test
    void timeoutStopsALongRun() {
        History h = xorModel(7).fit(xor(), FitConfig.builder().epochs(Integer.MAX_VALUE).batchSize(1)
                .recordStepLosses(false).timeout(Duration.ofMillis(100)).build());
        assertEquals(StopReason.TIMEOUT, h.stopReason());
        assertTrue(h.seconds() >= 0.1 && h.seconds() < 5, h.toString());
        assertEquals(0, h.stepLosses().length);
    }

    @Test
    void listenersSeeEveryEventAndCanStopTraining() {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onTrainBegin(TrainingContext c) {
                events.add("begin");
            }

            @Override
            public void onEpochBegin(TrainingContext c) {
                events.add("epoch" + c.epoch());
            }

            @Override
            public void onBatchEnd(TrainingContext c) {
                events.add("batch" + c.batch() + ":" + c.samplesSeen());
                if (c.epoch() == 1 && c.batch() == 0) {
                    c.requestStop();
                }
            }

            @Override
            public void onEpochEnd(TrainingContext c) {
                events.add("end" + c.epoch() + (Double.isFinite(c.epochLoss()) ? "" : "!"));
            }

            @Override
            public void onTrainEnd(TrainingContext c) {
                events.add("done:" + c.stopReason());
            }
        };
        History h = xorModel(7).fit(xor(), FitConfig.builder().epochs(10).batchSize(2).listener(listener).build());
        assertEquals(List.of("begin", "epoch0", "batch0:2", "batch1:4", "end0", "epoch1", "batch0:6", "end1",
                "done:LISTENER"), events);
        assertEquals(StopReason.LISTENER, h.stopReason());
    }

    @Test
    void earlyStoppingRestoresTheWeightsOfTheBestEpoch() {
        // Validation targets are the opposite of the training targets: validation loss soon gets worse.
        Dataset train = Dataset.of(XOR_X, new double[][] {{0}, {0}, {1}, {1}});
        Dataset validation = Dataset.of(XOR_X, new double[][] {{1}, {1}, {0}, {0}});
        Sequential model = xorModel(Losses.mse(), new Sgd(0.5), 11);
        List<double[]> weightsPerEpoch = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingContext c) {
                weightsPerEpoch.add(flatten(c.model()));
            }
        };
        History h = model.fit(train, FitConfig.builder().epochs(500).fullBatch().listener(recorder)
                .earlyStopping(EarlyStopping.onValidationLoss(validation, 3)).build());
        assertEquals(StopReason.EARLY_STOPPING, h.stopReason());
        double[] scores = h.validationScores();
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] < scores[best]) {
                best = i;
            }
        }
        assertEquals(best, h.bestEpoch());
        assertEquals(best + 3 + 1, h.epochs());
        assertTrue(h.epochs() < 500);
        assertArrayEquals(weightsPerEpoch.get(best), flatten(model), 0);
        assertEquals(scores[best], model.loss(validation), 1e-7);
    }

    @Test
    void schedulesSetTheLearningRateBeforeEveryEpoch() {
        List<Double> seen = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochBegin(TrainingContext c) {
                seen.add(c.learningRate());
            }
        };
        xorModel(Losses.mse(), new Sgd(0.8), 1).fit(xor(), FitConfig.builder().epochs(5).fullBatch()
                .schedule(LearningRateSchedule.step(2, 0.5)).listener(recorder).build());
        assertEquals(List.of(0.8, 0.8, 0.4, 0.4, 0.2), seen);
        seen.clear();
        xorModel(Losses.mse(), new Sgd(0.8), 1).fit(xor(), FitConfig.builder().epochs(3).fullBatch()
                .schedule(LearningRateSchedule.cosine(2, 0.1)).listener(recorder).build());
        assertEquals(0.8, seen.get(0), 1e-15);
        assertEquals(0.45, seen.get(1), 1e-15);
        assertEquals(0.1, seen.get(2), 1e-15);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> xorModel(7).fit(xor(),
                FitConfig.builder().epochs(3).schedule((epoch, initial) -> epoch == 1 ? -0.1 : initial).build()));
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("-0.1"), e.getMessage());
    }

    @Test
    void aScheduleMayAnnealToZeroWhichFreezesTheWeights() {
        List<Double> seen = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        Sequential model = xorModel(Losses.mse(), new Sgd(0.5), 1);
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingContext c) {
                seen.add(c.learningRate());
                weights.add(flatten(model));
            }
        };
        model.fit(xor(), FitConfig.builder().epochs(4).fullBatch()
                .schedule(LearningRateSchedule.cosine(2, 0)).listener(recorder).build());
        assertEquals(List.of(0.5, 0.25, 0.0, 0.0), seen);
        assertArrayEquals(weights.get(1), weights.get(2), 0, "rate 0 in epoch 2 leaves the weights");
        assertArrayEquals(weights.get(2), weights.get(3), 0);
    }

    @Test
    void aNanInTheDataStopsTrainingNamingEpochBatchAndTheLastFiniteLoss() {
        double[][] x = {{0, 0}, {0, 1}, {Double.NaN, 0}, {1, 1}};
        Sequential model = xorModel(7);
        double[] before = null;
        List<Double> losses = new ArrayList<>();
        List<RuntimeException> aborted = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingContext c) {
                losses.add(c.loss());
            }

            @Override
            public void onTrainAborted(TrainingContext c, RuntimeException cause) {
                aborted.add(cause);
            }
        };
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> model.fit(Dataset.of(x, XOR_Y),
                FitConfig.builder().epochs(3).batchSize(1).shuffle(false).checkFinite(false).listener(recorder).build()));
        assertEquals(List.of(e), aborted, "listeners hear of the abort before the exception reaches the caller");
        assertEquals(0, e.epoch());
        assertEquals(2, e.batch());
        assertEquals(losses.get(1), e.lastFiniteLoss());
        assertTrue(e.getMessage().contains("epoch 0, batch 2") && e.getMessage().contains("NaN")
                && e.getMessage().contains("last finite loss was " + losses.get(1)), e.getMessage());
        for (double w : flatten(model)) {
            assertTrue(Double.isFinite(w), "weights stay finite: " + before);
        }
    }

    @Test
    void aHugeLearningRateStopsTrainingWithAClearMessage() {
        Sequential model = Sequential.builder().input(2).dense(8, Activation.RELU).dense(1, Activation.IDENTITY)
                .loss(Losses.mse()).optimizer(new Sgd(1e6)).seed(3).backend(backend()).build();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> model.fit(xor(), FitConfig.builder().epochs(100).batchSize(1).build()));
        assertTrue(e.getMessage().contains("lower learning rate (now 1000000.0)"), e.getMessage());
        assertTrue(Double.isFinite(e.lastFiniteLoss()), e.getMessage());
    }

    @Test
    void skipBatchAndIgnoreAreAlternativesToStopping() {
        double[][] x = {{0, 0}, {0, 1}, {Double.NaN, 0}, {1, 1}};
        Dataset data = Dataset.of(x, XOR_Y);
        Sequential skipping = xorModel(7);
        History skipped = skipping.fit(data, FitConfig.builder().epochs(3).batchSize(1).checkFinite(false)
                .nonFinitePolicy(NonFinitePolicy.SKIP_BATCH).build());
        assertEquals(3, skipped.skippedBatches());
        assertEquals(9, skipped.steps());
        assertTrue(Double.isFinite(skipped.finalLoss()), skipped.toString());
        for (double w : flatten(skipping)) {
            assertTrue(Double.isFinite(w));
        }
        Sequential ignoring = xorModel(7);
        History ignored = ignoring.fit(data, FitConfig.builder().epochs(2).batchSize(1).checkFinite(false)
                .nonFinitePolicy(NonFinitePolicy.IGNORE).build());
        assertEquals(8, ignored.steps());
        assertTrue(Double.isNaN(ignored.finalLoss()));
        assertTrue(Double.isNaN(ignoring.predict(XOR_X[0])[0]), "an ignored NaN update poisons the weights");
    }

    @Test
    void fitRejectsADatasetOfTheWrongWidth() {
        Dataset wide = Dataset.of(new double[][] {{1, 2, 3}}, new double[][] {{1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> xorModel(1).fit(wide, FitConfig.builder().build()));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("2 inputs"), e.getMessage());
    }
}
