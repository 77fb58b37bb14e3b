package dev.nn4j.examples;

import dev.nn4j.data.MnistFormat;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fashion-mnist}: the MLP or CNN of {@link ImageClassifierTraining} on Fashion-MNIST (Zalando's
 * 28x28 clothing images, 10 classes). With the defaults (batch 32, Adam 1e-3 cosine-annealed,
 * He initialisation, seed 42) it reaches test accuracy 0.89 or more within
 * {@value TrainingOptions#DEFAULT_EPOCHS} epochs: measured 0.8900 after epoch 7 and 0.8971
 * after epoch 10, about 15 s per epoch on the plain backend (2 vCPU). Batch 64 ended at 0.8931,
 * a constant learning rate at 0.886.
 */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
        description = "Trains the MLP 784-256-128-10 (--model mlp, the default) or the CNN (--model cnn) on Fashion-MNIST"
                + " and prints the test accuracy and confusion matrix.")
final class FashionMnistCommand extends ImageClassifierCommand {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    Path data = MnistFormat.DEBIAN_FASHION_MNIST;

    FashionMnistCommand() {
        super("fashion-mnist", MnistFormat.FASHION_CLASS_NAMES, MnistData.FASHION_HINT);
    }

    @Override
    Path dataDir() {
        return data;
    }
}
