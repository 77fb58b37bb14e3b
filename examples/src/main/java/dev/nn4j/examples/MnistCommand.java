package dev.nn4j.examples;

import dev.nn4j.data.MnistFormat;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mnist}: the MLP or CNN of {@link ImageClassifierTraining} on handwritten digits the user supplies. */
@Command(name = "mnist", mixinStandardHelpOptions = true,
        description = "Trains the MLP 784-256-128-10 (--model mlp, the default) or the CNN (--model cnn) on MNIST digits"
                + " from --data and prints the test accuracy and confusion matrix.")
final class MnistCommand extends ImageClassifierCommand {
    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "Directory with the four MNIST IDX files (raw or .gz).")
    Path data;

    MnistCommand() {
        super("mnist", MnistFormat.DIGIT_CLASS_NAMES, MnistData.DIGITS_HINT);
    }

    @Override
    Path dataDir() {
        return data;
    }
}
