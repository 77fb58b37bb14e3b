package dev.nn4j.examples;

import dev.nn4j.data.Dataset;
import dev.nn4j.data.MnistFormat;
import dev.nn4j.data.TrainTest;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads an MNIST-layout directory for the demos: the first N samples when a limit is given,
 * and a missing directory or file becomes an {@link IllegalArgumentException} that tells how
 * to get the data (exit code 2).
 */
final class MnistData {
    /** How to get Fashion-MNIST. */
    static final String FASHION_HINT = "install it with 'apt-get install dataset-fashion-mnist' (Debian/Ubuntu), or "
            + "download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
            + "t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist into a directory "
            + "and pass --data DIR";
    /** How to get MNIST. */
    static final String DIGITS_HINT = "download the four MNIST IDX files (train-images-idx3-ubyte, "
            + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, raw or .gz) into a "
            + "directory and pass --data DIR";

    private MnistData() {
    }

    /** Training and test sets of {@code dir}, pixels in [0, 1], each cut to its limit (null = all). */
    static TrainTest load(Path dir, Integer limit, Integer testLimit, String hint) throws IOException {
        try {
            TrainTest all = MnistFormat.load(dir);
            return new TrainTest(first(all.train(), limit, "--limit"), first(all.test(), testLimit, "--test-limit"));
        } catch (NoSuchFileException e) {
            throw missing(dir, e, hint);
        }
    }

    /** The test set of {@code dir}, pixels in [0, 1], cut to {@code testLimit} (null = all). */
    static Dataset loadTest(Path dir, Integer testLimit, String hint) throws IOException {
        try {
            return first(MnistFormat.loadTest(dir, true), testLimit, "--test-limit");
        } catch (NoSuchFileException e) {
            throw missing(dir, e, hint);
        }
    }

    private static IllegalArgumentException missing(Path dir, NoSuchFileException e, String hint) {
        return new IllegalArgumentException("no data in " + dir.toAbsolutePath() + " (" + e.getReason() + "); " + hint);
    }

    private static Dataset first(Dataset data, Integer limit, String option) {
        if (limit == null || limit >= data.size()) {
            return data;
        }
        TrainingOptions.positive(option, limit);
        return data.first(limit);
    }
}
