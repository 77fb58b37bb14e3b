package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.data.MnistFormat;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.onnx.OnnxImport;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --model FILE --onnx OUT}, then {@code predict --model OUT.onnx --data DIR}. */
class OnnxCommandsTest {

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(stdout);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, text);
        return text;
    }

    @Test
    void exportsASavedModelAndPredictsFromTheOnnxFile(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("model.nn4j");
        Path onnx = dir.resolve("model.onnx");
        double[] x = new double[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 29) / 29.0;
        }
        double[] expected;
        try (Sequential m = Sequential.builder().input(784).dense(16, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).backend(Backends.get("plain")).build()) {
            ModelFile.save(m, saved);
            expected = m.predict(x);
        }
        String text = run(0, "export", "--model", saved.toString(), "--onnx", onnx.toString());
        assertTrue(text.contains("ONNX opset 20") && Files.size(onnx) > 784 * 16 * 4, text);
        try (Sequential back = OnnxImport.load(onnx, Backends.get("plain"))) {
            assertArrayEquals(expected, back.predict(x), 1e-6);
        }
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        String predicted = run(0, "predict", "--model", onnx.toString(), "--data", MnistFormat.DEBIAN_FASHION_MNIST.toString(),
                "--backend", "plain", "--test-limit", "300");
        assertTrue(predicted.contains("Test accuracy: ") && predicted.contains("Ankle boot"), predicted);
    }

    @Test
    void exportsTheDefaultCnnAndPredictsFromTheOnnxFile(@TempDir Path dir) throws Exception {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        Path saved = dir.resolve("cnn.nn4j");
        Path onnx = dir.resolve("cnn.onnx");
        try (Sequential m = ImageModels.cnn(10, ImageModels.CNN_DROPOUT, new dev.nn4j.optim.Adam(1e-3), 42, Backends.get("plain"))) {
            ModelFile.save(m, saved);
        }
        String text = run(0, "export", "--model", saved.toString(), "--onnx", onnx.toString());
        assertTrue(text.contains("written to"), text);
        String predicted = run(0, "predict", "--model", onnx.toString(), "--data", MnistFormat.DEBIAN_FASHION_MNIST.toString(),
                "--backend", "plain", "--test-limit", "100");
        assertTrue(predicted.contains("Test accuracy: "), predicted);
        try (Sequential original = ModelFile.load(saved, Backends.get("plain"));
             Sequential back = OnnxImport.load(onnx, Backends.get("plain"))) {
            double[][] x = new double[2][784];
            for (int i = 0; i < 784; i++) {
                x[0][i] = (i % 17) / 17.0;
                x[1][i] = (i % 5) / 5.0;
            }
            double[][] want = original.predict(x);
            double[][] got = back.predict(x);
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(want[r], got[r], 1e-6);
            }
        }
    }

    @Test
    void aBrokenOnnxFileIsAUsageError(@TempDir Path dir) throws Exception {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        Path bad = Files.write(dir.resolve("bad.onnx"), new byte[] {8, 7, 18, 3, 'n', 'n'});   // cut inside a string
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            run(2, "predict", "--model", bad.toString(), "--data", MnistFormat.DEBIAN_FASHION_MNIST.toString(),
                    "--backend", "plain", "--test-limit", "10");
        } finally {
            System.setErr(stderr);
        }
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("bad.onnx") && msg.contains("not a valid ONNX model"), msg);
    }
}
