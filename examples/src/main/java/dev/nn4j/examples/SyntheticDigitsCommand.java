package dev.nn4j.examples;

import dev.nn4j.autodiff.Rng;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synthetic-digits}: writes a font-rendered stand-in for MNIST ({@link SyntheticDigits}) to try {@code digits} without it. */
@Command(name = "synthetic-digits", mixinStandardHelpOptions = true,
        description = "Writes typed digits (JDK fonts, rotated and sheared, centred like MNIST) as the four MNIST IDX "
                + "files, for trying 'digits --data DIR' without MNIST (they are easier than handwriting), and three "
                + "dark-on-light pictures sample-3.png, sample-4.png, sample-7.png (96 x 96) for --image.")
final class SyntheticDigitsCommand implements Callable<Integer> {
    /** Digits written as dark-on-light sample pictures (96 x 96) for {@code digits --image}. */
    static final int[] SAMPLES = {3, 4, 7};

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
        Rng rng = new Rng(seed + 1);
        for (int digit : SAMPLES) {
            Pictures.writePng(SyntheticDigits.draw(digit, rng), dir.resolve("sample-" + digit + ".png"));
        }
        System.out.println(train + " training and " + test + " test digits written to " + dir.toAbsolutePath()
                + ", with pictures to try --image on: sample-3.png, sample-4.png, sample-7.png");
        return 0;
    }
}
