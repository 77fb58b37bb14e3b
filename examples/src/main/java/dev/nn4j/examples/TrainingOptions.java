package dev.nn4j.examples;

import dev.nn4j.optim.Adam;
import dev.nn4j.optim.AdamW;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.train.Augmentation;
import dev.nn4j.train.LearningRateSchedule;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options shared by the image-classification demos ({@code fashion-mnist}, {@code mnist}). */
final class TrainingOptions {
    /** Epochs that take the Fashion-MNIST MLP to test accuracy 0.89 or more with the other defaults. */
    static final int DEFAULT_EPOCHS = 10;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULT_EPOCHS;

    /** The network trained: {@link ImageModels#mlp}, {@link ImageModels#cnn}, {@link ImageModels#resnet} or {@link ImageModels#vit}. */
    enum Architecture { mlp, cnn, resnet, vit, lstm }

    @Option(names = "--model", paramLabel = "NAME",
            description = "The network: mlp (784-256-128-10), cnn (conv-BN-ReLU-pool twice, dense 128, dropout) or "
                    + "resnet (ResNet-14: 3 stages of 2 residual blocks, 16-32-64 channels) or vit (a vision transformer:"
                    + " 16 patches of 7x7 and a class token, 4 pre-norm blocks of 64 with 4 heads) or lstm (the 28 rows"
                    + " as 28 steps of an LSTM of 128); see ImageModels"
                    + " (default: ${DEFAULT-VALUE}).")
    Architecture model = Architecture.mlp;

    @Option(names = "--dropout", paramLabel = "P",
            description = "Drop probability of the CNN's dropout layer, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double dropout = ImageModels.CNN_DROPOUT;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per mini-batch (default: 32 for mlp, 64 for the others).")
    Integer batch;

    /** The batch size: {@code --batch}, or the model's default. */
    int batch() {
        return batch != null ? batch : model == Architecture.mlp ? 32 : 64;
    }

    @Option(names = "--learning-rate", paramLabel = "R",
            description = "Adam learning rate (default: 0.001 for mlp, vit and lstm, " + ImageModels.CNN_LEARNING_RATE
                    + " for cnn and resnet).")
    Double learningRate;

    /** The learning rate: {@code --learning-rate}, or the model's default. */
    double learningRate() {
        return learningRate != null ? learningRate
                : model == Architecture.cnn || model == Architecture.resnet ? ImageModels.CNN_LEARNING_RATE : 1e-3;
    }

    /** What changes the training images before each step. */
    enum AugmentationKind { none, flips_shifts }

    @Option(names = "--augmentation", paramLabel = "NAME",
            description = "Changes each training batch: none, or flips_shifts (random horizontal flips and shifts of up"
                    + " to 2 pixels) (default: flips_shifts for resnet, none for mlp and cnn).")
    AugmentationKind augmentation;

    /** The augmentation: {@code --augmentation}, or the model's default; null for none. */
    Augmentation augmentation() {
        AugmentationKind kind = augmentation != null ? augmentation
                : model == Architecture.resnet ? AugmentationKind.flips_shifts : AugmentationKind.none;
        return kind == AugmentationKind.flips_shifts ? Augmentation.flipsAndShifts(2) : null;
    }

    /** How the learning rate changes over the epochs. */
    enum Schedule { cosine, constant }

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "Learning-rate schedule: cosine (from --learning-rate down to 1/1000 of it over --epochs) or "
                    + "constant (default: cosine; constant for vit and lstm, whose recipes are fixed to compare with"
                    + " PyTorch's).")
    Schedule schedule;

    /** Adam at {@link #learningRate()}, or AdamW with {@code --weight-decay} above 0. */
    Optimizer optimizer() {
        return weightDecay > 0 ? new AdamW(learningRate(), weightDecay) : new Adam(learningRate());
    }

    /** The schedule: {@code --schedule}, or the model's default. */
    Schedule schedule() {
        return schedule != null ? schedule
                : model == Architecture.vit || model == Architecture.lstm ? Schedule.constant : Schedule.cosine;
    }

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "Decoupled weight decay: with W > 0 the optimizer is AdamW (w -= lr·W·w each step) instead of"
                    + " Adam (default: ${DEFAULT-VALUE}).")
    double weightDecay = 0;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights and of shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training samples only (default: all).")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test samples only (default: all).")
    Integer testLimit;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE (nn4j model format).")
    Path save;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON summary of the run to FILE.")
    Path report;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Write loss and accuracy curves as PNG to FILE (default: <example>-curves.png next to the "
                    + "report, or in the working directory).")
    Path plot;

    @Option(names = "--no-plot", description = "Do not write the curves.")
    boolean noPlot;

    @Option(names = "--target-accuracy", paramLabel = "A",
            description = "Exit with code 1 when the test accuracy ends below A (default: " + DigitsCommand.DEFAULT_TARGET
                    + " for digits, no target for fashion-mnist and mnist).")
    Double targetAccuracy;

    /** Checks the numbers; throws IllegalArgumentException (exit code 2) naming the option. */
    void validate() {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must be a finite number >= 0, got " + weightDecay);
        }
        if (model == Architecture.mlp && augmentation == AugmentationKind.flips_shifts) {
            throw new IllegalArgumentException("--augmentation flips_shifts changes images; --model mlp takes flat"
                    + " samples, so use it with --model cnn or resnet");
        }
        positive("--epochs", epochs);
        positive("--batch", batch());
        if (limit != null) {
            positive("--limit", limit);
        }
        if (testLimit != null) {
            positive("--test-limit", testLimit);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (!(learningRate() > 0) || Double.isInfinite(learningRate())) {
            throw new IllegalArgumentException("--learning-rate must be a positive number, got " + learningRate);
        }
    }

    /** The schedule chosen with {@code --schedule}, or null for a constant rate. */
    LearningRateSchedule learningRateSchedule() {
        return schedule() == Schedule.cosine ? LearningRateSchedule.cosine(epochs, learningRate() / 1000) : null;
    }

    /** The PNG to write, or null with {@code --no-plot}. */
    Path plotFile(String example) {
        if (noPlot) {
            return null;
        }
        if (plot != null) {
            return plot;
        }
        String name = example + "-curves.png";
        Path dir = report == null ? null : report.toAbsolutePath().getParent();
        return dir == null ? Path.of(name) : dir.resolve(name);
    }

    static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }
}
