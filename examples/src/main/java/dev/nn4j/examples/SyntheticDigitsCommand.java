package dev.nn4j.examples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synthetic-digits}: writes a font-rendered stand-in for MNIST ({@link SyntheticDigits}) to try {@code digits} without it. */
@Command(name = "synthetic-digits", mixinStandardHelpOptions = true,
        description = "Writes typed digits (JDK fonts, rotated and sheared, centred like MNIST) as the four MNIST IDX "
                + "files, for trying 'digits --data DIR' without MNIST. They are easier than handwriting.")
final class SyntheticDigitsCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("out", "synthetic-digits");

    @Option(names = "--train", paramLabel = "N", description = "Training images (default: ${DEFAULT-VALUE}).")
    int train = 6000;

    @Option(names = "--test", paramLabel = "N", description = "Test images (default: ${DEFAULT-VALUE}).")
    int test = 1000;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of fonts, sizes and angles (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws Exception {
        TrainingOptions.positive("--train", train);
        TrainingOptions.positive("--test", test);
        SyntheticDigits.write(dir, train, test, seed);
        System.out.println(train + " training and " + test + " test digits written to " + dir.toAbsolutePath());
        return 0;
    }
}
