package dev.nn4j.data;

import static dev.nn4j.data.IdxFiles.bytes;
import static dev.nn4j.data.IdxFiles.images;
import static dev.nn4j.data.IdxFiles.labels;
import static dev.nn4j.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFormatTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheFourFileLayoutInAnyMixOfRawGzipAndSpelling() throws Exception {
        write(dir, "train-images-idx3-ubyte.gz", images(3, 2, 2, bytes(0, 51, 102, 255, 1, 2, 3, 4, 5, 6, 7, 8)), true);
        write(dir, "train-labels-idx1-ubyte", labels(bytes(9, 0, 4)), false);
        write(dir, "t10k-images.idx3-ubyte", images(1, 2, 2, bytes(255, 0, 0, 255)), false);
        write(dir, "t10k-labels.idx1-ubyte.gz", labels(bytes(7)), true);
        assertTrue(MnistFormat.isPresent(dir));

        TrainTest sets = MnistFormat.load(dir);
        Dataset train = sets.train();
        assertEquals(3, train.size());
        assertEquals(4, train.featureCount());
        assertEquals(10, train.classCount());
        assertArrayEquals(new int[] {9, 0, 4}, train.labels());
        assertArrayEquals(new float[] {0f, 0.2f, 0.4f, 1f}, java.util.Arrays.copyOf(train.features(), 4));
        assertEquals(1f, train.targets()[9]);
        assertEquals(1f, train.targets()[10]);
        assertArrayEquals(new int[] {7}, sets.test().labels());

        Dataset rawTest = MnistFormat.loadTest(dir, false);
        assertArrayEquals(new float[] {255, 0, 0, 255}, rawTest.features());
    }

    @Test
    void missingFilesAreAllListed() throws Exception {
        write(dir, "train-images-idx3-ubyte.gz", images(1, 1, 1, bytes(0)), true);
        write(dir, "t10k-labels-idx1-ubyte", labels(bytes(0)), false);
        assertFalse(MnistFormat.isPresent(dir));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistFormat.load(dir));
        String m = e.getMessage();
        assertTrue(m.startsWith(dir.toString()), m);
        assertTrue(m.contains("missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz];"), m);
        assertFalse(m.contains("missing train-images"), m);
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path absent = dir.resolve("nowhere");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistFormat.loadTrain(absent, true));
        assertTrue(e.getMessage().contains(absent + ": not a directory"), e.getMessage());
    }

    @Test
    void fashionClassNames() {
        assertEquals(10, MnistFormat.FASHION_CLASS_NAMES.size());
        assertEquals("T-shirt/top", MnistFormat.FASHION_CLASS_NAMES.get(0));
        assertEquals("Ankle boot", MnistFormat.FASHION_CLASS_NAMES.get(9));
    }

    /**
     * The real Fashion-MNIST from the Debian package dataset-fashion-mnist. Expected values were
     * computed from the files with an independent script (gzip + byte counting): 1000 test and
     * 6000 training images per class, the first ten test labels, the first test image's pixel sum.
     */
    @Test
    void readsTheRealFashionMnistWhenInstalled() throws Exception {
        Path real = MnistFormat.DEBIAN_FASHION_MNIST;
        assumeTrue(MnistFormat.isPresent(real), "Fashion-MNIST not installed in " + real
                + " (apt-get install dataset-fashion-mnist); skipping");
        TrainTest sets = MnistFormat.load(real, false);
        Dataset test = sets.test();
        assertEquals(10_000, test.size());
        assertEquals(28 * 28, test.featureCount());
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, java.util.Arrays.copyOf(test.labels(), 10));
        assertArrayEquals(filled(1000), countLabels(test));
        double firstImage = 0;
        float max = 0;
        for (int i = 0; i < 784; i++) {
            firstImage += test.features()[i];
            max = Math.max(max, test.features()[i]);
        }
        assertEquals(33456, firstImage);
        assertEquals(255f, max);
        assertEquals(132f, test.features()[9999 * 784 + 14 * 28 + 14]);
        assertEquals(60_000, sets.train().size());
        assertArrayEquals(filled(6000), countLabels(sets.train()));
    }

    private static int[] countLabels(Dataset d) {
        int[] counts = new int[10];
        for (int label : d.labels()) {
            counts[label]++;
        }
        return counts;
    }

    private static int[] filled(int v) {
        int[] a = new int[10];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
