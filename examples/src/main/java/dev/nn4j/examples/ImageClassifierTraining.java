package dev.nn4j.examples;

import dev.nn4j.data.TrainTest;
import dev.nn4j.eval.Predictions;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.tensor.Backend;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.listeners.EvaluationListener;
import dev.nn4j.train.listeners.HistoryListener;
import dev.nn4j.train.listeners.MetricsLog;
import dev.nn4j.train.listeners.ProgressBarListener;
import dev.nn4j.train.listeners.TrainingCharts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The image-classification demo shared by {@code fashion-mnist} and {@code mnist}: the MLP or
 * the CNN of {@link ImageModels} (Adam with a cosine-annealed learning rate by default),
 * trained with a progress bar and the test accuracy after every epoch, then the test-set
 * confusion matrix, the learning curves as PNG, the model file and the JSON report.
 */
final class ImageClassifierTraining {
    /** Name of the per-epoch test accuracy in the curves and the report. */
    static final String TEST_ACCURACY = "test_accuracy";

    /** A trained model (open: close it), the data it was trained and tested on, and its test accuracy. */
    record Trained(GraphModel model, TrainTest data, double accuracy) {
    }

    private final String example;
    private final List<String> classNames;
    private final PrintStream out = System.out;

    /** A demo called {@code example} (report and file names) with these class names, training {@link #model}. */
    ImageClassifierTraining(String example, List<String> classNames) {
        this.example = example;
        this.classNames = classNames;
    }

    /** The network {@code --model} names, on {@code backend}. */
    static GraphModel model(int inputs, int classes, TrainingOptions o, Backend backend) {
        return switch (o.model) {
            case cnn -> ImageModels.cnn(classes, o.dropout, o.optimizer(), o.seed, backend);
            case resnet -> ImageModels.resnet(classes, o.optimizer(), o.seed, backend);
            case vit -> ImageModels.vit(classes, o.optimizer(), o.seed, backend);
            case lstm -> ImageModels.lstm(classes, o.optimizer(), o.seed, backend);
            case mlp -> ImageModels.mlp(inputs, classes, o.optimizer(), o.seed, backend);
        };
    }

    /**
     * Loads {@code dataDir}, trains, evaluates and writes the outputs; returns the exit code:
     * 1 when {@code --target-accuracy} is set and not reached, with both numbers printed.
     */
    int run(Path dataDir, String missingDataHint, TrainingOptions o, Backend backend) throws IOException {
        Trained t = train(dataDir, missingDataHint, o, backend);
        t.model().close();
        return o.targetAccuracy == null ? 0 : Goal.atLeast("test accuracy", o.targetAccuracy).report(t.accuracy(), out);
    }

    /** As {@link #run}, but returns the trained model (still open) with its data and accuracy. */
    Trained train(Path dataDir, String missingDataHint, TrainingOptions o, Backend backend) throws IOException {
        o.validate();
        TrainTest data = MnistData.load(dataDir, o.limit, o.testLimit, missingDataHint);
        GraphModel model = model(data.train().featureCount(), classNames.size(), o, backend);
        out.printf(Locale.ROOT, "%s: %d training and %d test samples from %s%n%s%n%s%n", example, data.train().size(),
                data.test().size(), dataDir.toAbsolutePath(), model, model.summary());

        if (o.augmentation() != null) {
            out.println("Training batches are augmented: " + o.augmentation());
        }
        HistoryListener log = new HistoryListener();
        History history = model.fit(data.train(), FitConfig.builder().epochs(o.epochs).batchSize(o.batch()).seed(o.seed)
                .recordStepLosses(false).logEpochs(false)               // the progress bar reports the epochs
                .schedule(o.learningRateSchedule())
                .augmentation(o.augmentation())
                .listener(new EvaluationListener(TEST_ACCURACY, data.test(), Predictions::accuracy))
                .listener(log)
                .listener(new ProgressBarListener())
                .build());
        double trainSeconds = trainingSeconds(log.log(), data.train().size());
        out.printf(Locale.ROOT, "Trained %d epochs in %.1f s (%.1f s per epoch, %.0f samples/s) on %s%n",
                history.epochs(), history.seconds(), history.seconds() / history.epochs(),
                history.samplesSeen() / trainSeconds, backend.name());

        double accuracy = ClassifierEvaluation.run(model, data.test(), classNames, out);
        Path plot = o.plotFile(example);
        if (plot != null) {
            TrainingCharts.write(log.log(), plot);
            out.println("Learning curves written to " + plot.toAbsolutePath());
        }
        if (o.save != null) {
            ModelFile.save(model, o.save);
            out.println("Model saved to " + o.save.toAbsolutePath());
        }
        if (o.report != null) {
            new RunReport(example)
                    .put("backend", backend.name())
                    .put("epochs", history.epochs())
                    .put("model", o.model.name())
                    .put("dropout", o.model == TrainingOptions.Architecture.cnn ? o.dropout : 0)
                    .put("batch", o.batch())
                    .put("learningRate", o.learningRate())
                    .put("weightDecay", o.weightDecay)
                    .put("schedule", o.schedule().name())
                    .put("augmentation", o.augmentation() == null ? "none" : o.augmentation().toString())
                    .put("seed", o.seed)
                    .put("trainSamples", data.train().size())
                    .put("testSamples", data.test().size())
                    .put("seconds", history.seconds())
                    .put("samplesPerSecond", history.samplesSeen() / trainSeconds)
                    .put("testAccuracy", accuracy)
                    .put("finalLoss", history.finalLoss())
                    .put("perEpochSeconds", log.log().series(MetricsLog.SECONDS))
                    .put("perEpochLoss", log.log().series(MetricsLog.LOSS))
                    .put("perEpochTestAccuracy", log.log().series(TEST_ACCURACY))
                    .write(o.report);
            out.println("Report written to " + o.report.toAbsolutePath());
        }
        return new Trained(model, data, accuracy);
    }

    /** Seconds spent in training batches only (without the per-epoch test evaluation), from each epoch's speed. */
    private static double trainingSeconds(MetricsLog log, int samplesPerEpoch) {
        double seconds = 0;
        for (double speed : log.series(MetricsLog.SAMPLES_PER_SECOND)) {
            seconds += samplesPerEpoch / speed;
        }
        return seconds;
    }
}
