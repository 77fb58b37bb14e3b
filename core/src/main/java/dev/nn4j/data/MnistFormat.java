package dev.nn4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a directory in the MNIST layout, used by MNIST and Fashion-MNIST: four IDX files
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each either raw or
 * with a {@code .gz} suffix (the content decides, see {@link IdxReader}); the variant spelling
 * {@code train-images.idx3-ubyte} is accepted too. Samples become classification
 * {@link Dataset}s with 10 classes and {@code rows · cols} features per image.
 *
 * <p>The Debian package {@code dataset-fashion-mnist} installs Fashion-MNIST in
 * {@link #DEBIAN_FASHION_MNIST} as the four {@code .gz} files. Loading the 60,000 training
 * images takes about 190 MB of float features.
 */
public final class MnistFormat {
    /** Where the Debian package {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** Classes of MNIST and Fashion-MNIST. */
    public static final int CLASSES = 10;

    /** Fashion-MNIST class names, index = label. */
    public static final List<String> FASHION_CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** MNIST class names, index = label: the digits. */
    public static final List<String> DIGIT_CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private MnistFormat() {
    }

    /** Training and test sets with pixels scaled to [0, 1]. */
    public static TrainTest load(Path dir) throws IOException {
        return load(dir, true);
    }

    /**
     * Training and test sets; pixels are 0..255, or [0, 1] when {@code scaleToUnit}.
     *
     * @throws NoSuchFileException naming every missing file when the directory lacks any of the four
     */
    public static TrainTest load(Path dir, boolean scaleToUnit) throws IOException {
        Path[] files = locate(dir, TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
        return new TrainTest(IdxReader.readDataset(files[0], files[1], CLASSES, scaleToUnit),
                IdxReader.readDataset(files[2], files[3], CLASSES, scaleToUnit));
    }

    /** Only the training set (60,000 samples for MNIST and Fashion-MNIST). */
    public static Dataset loadTrain(Path dir, boolean scaleToUnit) throws IOException {
        Path[] files = locate(dir, TRAIN_IMAGES, TRAIN_LABELS);
        return IdxReader.readDataset(files[0], files[1], CLASSES, scaleToUnit);
    }

    /** Only the test set (10,000 samples for MNIST and Fashion-MNIST). */
    public static Dataset loadTest(Path dir, boolean scaleToUnit) throws IOException {
        Path[] files = locate(dir, TEST_IMAGES, TEST_LABELS);
        return IdxReader.readDataset(files[0], files[1], CLASSES, scaleToUnit);
    }

    /** True when {@code dir} holds all four files, e.g. to skip an example when the data is absent. */
    public static boolean isPresent(Path dir) {
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (find(dir, name) == null) {
                return false;
            }
        }
        return true;
    }

    private static Path[] locate(Path dir, String... names) throws NoSuchFileException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory; expected one holding the MNIST files "
                    + String.join(", ", names) + " (each optionally .gz)");
        }
        Path[] found = new Path[names.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            found[i] = find(dir, names[i]);
            if (found[i] == null) {
                missing.add(names[i] + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "missing " + String.join(", ", missing)
                    + "; an MNIST-layout directory needs " + String.join(", ", names) + " (raw or .gz)");
        }
        return found;
    }

    /** The first existing regular file among name, name.gz and the dotted spelling of both; null if none. */
    private static Path find(Path dir, String name) {
        String dotted = name.replace("-idx", ".idx");
        for (String candidate : List.of(name, name + ".gz", dotted, dotted + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
