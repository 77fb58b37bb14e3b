package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.data.Dataset;
import dev.nn4j.eval.Predictions;
import dev.nn4j.io.ModelFile;
import dev.nn4j.model.Model;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.LearningRateSchedule;
import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import dev.nn4j.train.listeners.CheckpointListener;
import dev.nn4j.train.listeners.CsvLogListener;
import dev.nn4j.train.listeners.EvaluationListener;
import dev.nn4j.train.listeners.HistoryListener;
import dev.nn4j.train.listeners.MetricsLog;
import dev.nn4j.train.listeners.ProgressBarListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ready listeners on a real training run: training accuracy, CSV log, history, progress bar. */
public abstract class ListenersConformance extends LearningFixtures {

    @TempDir
    Path dir;

    /** Three Gaussian blobs in the plane, {@code n} samples, labels 0..2. */
    static Dataset blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] centres = {{-2, 0}, {2, 0}, {0, 2.5}};
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            x[2 * i] = (float) (centres[c][0] + rng.nextGaussian());
            x[2 * i + 1] = (float) (centres[c][1] + rng.nextGaussian());
        }
        return Dataset.classification(x, 2, labels, 3);
    }

    Sequential classifier(long seed) {
        return Sequential.builder().input(2).dense(8, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.05)).seed(seed)
                .backend(backend()).dtype(DType.FLOAT32).build();
    }

    @Test
    void trainingAccuracyOfOneFullBatchIsTheAccuracyBeforeTheUpdate() {
        Dataset data = blobs(90, 1);
        double before = Predictions.accuracy(classifier(5), data);   // same seed: same initial weights
        double[] seen = new double[1];
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingContext context) {
                seen[0] = context.trainingAccuracy();
            }
        };
        classifier(5).fit(data, FitConfig.builder().fullBatch().shuffle(false).listener(probe).build());
        assertEquals(before, seen[0], 0);
        assertTrue(Double.isNaN(regressionAccuracy()), "no labels: training accuracy must be NaN");
    }

    private double regressionAccuracy() {
        double[] seen = {0};
        xorModel(3).fit(xor(), FitConfig.builder().epochs(1).listener(new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingContext context) {
                seen[0] = context.trainingAccuracy();
            }
        }).build());
        return seen[0];
    }

    @Test
    void predictionsAreTheRowByRowArgmaxAcrossChunkBoundaries() {
        Dataset data = blobs(Predictions.CHUNK + 44, 8);
        Sequential model = classifier(3);
        int[] got = Predictions.classes(model, data);
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] scores = model.predict(new double[] {data.features()[2 * i], data.features()[2 * i + 1]});
            int best = 0;
            for (int c = 1; c < scores.length; c++) {
                best = scores[c] > scores[best] ? c : best;
            }
            assertEquals(best, got[i], "sample " + i);
            correct += best == data.labels()[i] ? 1 : 0;
        }
        assertEquals((double) correct / data.size(), Predictions.accuracy(model, data), 0);
    }

    @Test
    void csvLogHasAHeaderAndOneFlushedRowPerEpoch() throws IOException {
        Dataset train = blobs(120, 2);
        Dataset test = blobs(60, 3);
        Path csv = dir.resolve("log.csv");
        List<Integer> linesAtEpochEnd = new ArrayList<>();
        TrainingListener reader = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingContext context) {
                try {
                    linesAtEpochEnd.add(Files.readAllLines(csv).size());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        Sequential model = classifier(7);
        History h = model.fit(train, FitConfig.builder().epochs(3).batchSize(16).seed(1)
                .schedule(LearningRateSchedule.step(1, 0.5))
                .listener(new EvaluationListener("test_accuracy", test, Predictions::accuracy))
                .listener(new CsvLogListener(csv)).listener(reader).build());

        assertEquals(List.of(2, 3, 4), linesAtEpochEnd, "header plus one flushed row per epoch");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,loss,accuracy,learning_rate,seconds,samples_per_second,test_accuracy", lines.get(0));
        double[] losses = h.epochLosses();
        for (int e = 0; e < 3; e++) {
            String[] cells = lines.get(e + 1).split(",");
            assertEquals(7, cells.length, lines.get(e + 1));
            assertEquals(e + 1, Integer.parseInt(cells[0]));
            assertEquals(losses[e], Double.parseDouble(cells[1]), 0, "loss of epoch " + (e + 1));
            double acc = Double.parseDouble(cells[2]);
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
            assertEquals(0.05 * Math.pow(0.5, e), Double.parseDouble(cells[3]), 1e-12, "learning rate");
            assertTrue(Double.parseDouble(cells[4]) > 0, "seconds");
            assertTrue(Double.parseDouble(cells[5]) > 0, "samples/s");
        }
        assertEquals(Predictions.accuracy(model, test), Double.parseDouble(lines.get(3).split(",")[6]), 0,
                "test accuracy of the last epoch is that of the final model");
    }

    @Test
    void historyListenerKeepsOneValuePerEpochInEverySeries() {
        Dataset train = blobs(120, 4);
        HistoryListener history = new HistoryListener();
        Sequential model = classifier(9);
        History h = model.fit(train, FitConfig.builder().epochs(4).batchSize(32)
                .listener(new EvaluationListener("train_loss", train, Model::loss)).listener(history).build());
        MetricsLog log = history.log();
        assertEquals(4, log.epochs());
        assertEquals(List.of(MetricsLog.LOSS, MetricsLog.ACCURACY, MetricsLog.LEARNING_RATE, MetricsLog.SECONDS,
                MetricsLog.SAMPLES_PER_SECOND, "train_loss"), log.names());
        assertArrayEquals(h.epochLosses(), log.series(MetricsLog.LOSS), 0);
        assertEquals(model.loss(train), log.last("train_loss"), 1e-12);
        for (double a : log.series(MetricsLog.ACCURACY)) {
            assertTrue(a >= 0 && a <= 1, log.toString());
        }
        assertTrue(log.last(MetricsLog.ACCURACY) > 0.8, "blobs are separable: " + log);
    }

    @Test
    void checkpointsAppearEveryNEpochsAndAfterTheLastOne() throws IOException {
        Dataset train = blobs(60, 12);
        CheckpointListener checkpoints = new CheckpointListener(dir.resolve("checkpoint-epoch-{epoch}.nn4j"), 2);
        Map<Integer, double[]> weightsAtEpochEnd = new HashMap<>();
        TrainingListener snapshot = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingContext context) {
                weightsAtEpochEnd.put(context.epoch() + 1, flatten(context.model()));
            }
        };
        Sequential model = classifier(13);
        model.fit(train, FitConfig.builder().epochs(5).batchSize(20).listener(checkpoints).listener(snapshot).build());

        List<Path> expected = List.of(dir.resolve("checkpoint-epoch-2.nn4j"), dir.resolve("checkpoint-epoch-4.nn4j"),
                dir.resolve("checkpoint-epoch-5.nn4j"));
        assertEquals(expected, checkpoints.saved());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "only the three checkpoints are written");
        }
        for (int epoch : new int[] {2, 4, 5}) {
            Sequential loaded = ModelFile.load(checkpoints.fileFor(epoch), backend());
            assertArrayEquals(weightsAtEpochEnd.get(epoch), flatten(loaded), 0, "weights of epoch " + epoch);
        }
        assertArrayEquals(flatten(model), flatten(ModelFile.load(dir.resolve("checkpoint-epoch-5.nn4j"), backend())), 0);
    }

    @Test
    void checkpointPatternsWithoutTheEpochAreRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CheckpointListener(dir.resolve("model.nn4j"), 1));
        assertTrue(e.getMessage().contains("{epoch}") && e.getMessage().contains("model.nn4j"), e.getMessage());
    }

    @Test
    void progressBarPrintsOneLinePerUpdateWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        History h = classifier(11).fit(blobs(96, 5), FitConfig.builder().epochs(2).batchSize(16)
                .listener(new ProgressBarListener(out, false)).build());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "no carriage returns in a log: " + text);
        assertTrue(text.contains("epoch 1/2") && text.contains("epoch 2/2"), text);
        String last = lastLineOf(text, "epoch 2/2");
        assertTrue(last.contains("100%") && last.contains("6/6"), last);
        assertTrue(last.contains(String.format(Locale.ROOT, "loss %.4f", h.epochLosses()[1])), last);
        assertTrue(last.contains(" acc ") && last.contains("samples/s"), last);
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 160, "line too long for a log: " + line);
        }
    }

    @Test
    void progressBarRedrawsInPlaceOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        classifier(11).fit(blobs(48, 6), FitConfig.builder().epochs(1).batchSize(16)
                .listener(new ProgressBarListener(out, true)).build());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r") && text.contains("epoch 1/1") && text.contains("3/3"), text);
    }

    private static String lastLineOf(String text, String containing) {
        String found = null;
        for (String line : text.split("\n")) {
            if (line.contains(containing)) {
                found = line;
            }
        }
        assertTrue(found != null, "no line with '" + containing + "' in: " + text);
        return found;
    }
}
