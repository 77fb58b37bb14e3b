package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn4j.data.MnistFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mnist --data DIR} on a user directory laid out like a hand-unpacked MNIST download
 * (raw IDX files with dotted names). Fashion-MNIST stands in for the digits: the format is
 * the same, only the class names differ.
 */
class MnistCommandTest {

    @Test
    void trainsOnAUserDirectoryOfRawIdxFiles(@TempDir Path dir) throws IOException {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        for (String name : new String[] {"train-images", "train-labels", "t10k-images", "t10k-labels"}) {
            String kind = name.endsWith("images") ? "idx3-ubyte" : "idx1-ubyte";
            try (InputStream in = new GZIPInputStream(Files.newInputStream(
                    MnistFormat.DEBIAN_FASHION_MNIST.resolve(name + "-" + kind + ".gz")))) {
                Files.copy(in, dir.resolve(name + "." + kind));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("mnist", "--data", dir.toString(), "--backend", "plain", "--limit", "2000",
                    "--test-limit", "500", "--epochs", "1", "--no-plot");
        } finally {
            System.setOut(stdout);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("Test accuracy: "), text);
        assertTrue(text.contains("actual \\ predicted   0   1   2   3   4   5   6   7   8   9"),
                "digit class names head the confusion matrix:\n" + text);
    }
}
