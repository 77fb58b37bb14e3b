package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-bit flip and a truncation at ~500 positions of a real model file (every byte of
 * its binary parts, every 5th of its JSON header), and headers whose
 * architecture claims far more than the file holds: each gives {@link ModelFormatException},
 * never a wrong model, an out-of-memory or a raw runtime exception. Rows of docs/reliability.md.
 */
class ModelFileAttackTest {

    @TempDir
    Path dir;

    /** A 3-4-2 model with Adam state: 1.9 KB, small enough to attack at every byte. */
    private byte[] modelBytes() throws IOException {
        Path file = dir.resolve("good.nn4j");
        try (Sequential m = Sequential.builder().input(3).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01)).backend(OtherBackend.INSTANCE).build()) {
            Tensor x = OtherBackend.INSTANCE.matrix(new double[][] {{1, 2, 3}});
            m.trainStep(x, OtherBackend.INSTANCE.matrix(new double[][] {{0, 1}}));
            ModelFile.save(m, file, true);
        }
        return Files.readAllBytes(file);
    }

    private ModelFormatException loadFails(byte[] bytes) throws IOException {
        Path bad = dir.resolve("bad.nn4j");
        Files.write(bad, bytes);
        return assertThrows(ModelFormatException.class, () -> ModelFile.load(bad, OtherBackend.INSTANCE));
    }

    /** Every position in the first and last 64 bytes (preamble, trailer, tensors), every 5th in between (the JSON). */
    private static int next(int i, int length) {
        return i < 64 || i >= length - 64 ? i + 1 : Math.min(i + 5, length - 64);
    }

    @Test
    void singleBitFlipsAreRejected() throws IOException {
        byte[] full = modelBytes();
        for (int i = 0; i < full.length; i = next(i, full.length)) {  // one bit per byte, a different bit each time
            byte[] flipped = full.clone();
            flipped[i] ^= (byte) (1 << (i % 8));
            loadFails(flipped);
        }
        assertTrue(full.length > 1000, full.length + " bytes");
    }

    @Test
    void truncationsAreRejected() throws IOException {
        byte[] full = modelBytes();
        for (int n = 0; n < full.length; n = next(n, full.length)) {
            loadFails(Arrays.copyOf(full, n));
        }
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertTrue(loadFails(longer).getMessage().contains("trailing bytes"));
    }

    private static String header(int input, int units, String tensors) {
        return "{\"format\":\"nn4j-model\",\"version\":1,\"model\":{\"type\":\"sequential\",\"input\":" + input
                + ",\"dtype\":\"FLOAT32\",\"seed\":1,\"initializer\":\"xavier\",\"layers\":[{\"type\":\"dense\","
                + "\"inputs\":" + input + ",\"outputs\":" + units + ",\"activation\":\"relu\"}],\"loss\":\"mse\","
                + "\"optimizer\":{\"id\":\"sgd\",\"config\":{\"learning_rate\":0.1}}},\"tensors\":" + tensors + "}";
    }

    @Test
    void anArchitectureTheFileDoesNotBackIsRefusedBeforeAllocating() throws IOException {
        // 100000 x 100000 floats would be 40 GB; the file holds 2 values.
        String tensors = "[{\"name\":\"layer0.weights\",\"dtype\":\"FLOAT32\",\"shape\":[1,1]},"
                + "{\"name\":\"layer0.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1,1]}]";
        String msg = loadFails(ModelFiles.framed(header(100000, 100000, tensors), new byte[8])).getMessage();
        assertTrue(msg.contains("layers[0] (100000 -> 100000) brings the architecture to 10000100000 parameter values,"
                + " but the file holds only 2"), msg);
        msg = loadFails(ModelFiles.framed(header(3, 2, "[]"), new byte[0])).getMessage();
        assertTrue(msg.contains("8 parameter values, but the file holds only 0"), msg);
        msg = loadFails(ModelFiles.framed(header(1, 1, tensors.replace("[1,1]}]", "[1,0]}]")), new byte[4])).getMessage();
        assertTrue(msg.contains("impossible dimension"), msg);
    }

    @Test
    void aConvolutionTheFileDoesNotBackIsRefusedBeforeAllocating() throws IOException {
        // 1,000,000 filters of 64 channels by 5x5 would be 6.4 GB of weights; the file holds 2 values.
        // No dense layer follows whose sizes would give the convolution away.
        String header = "{\"format\":\"nn4j-model\",\"version\":1,\"model\":{\"type\":\"sequential\","
                + "\"input\":[64,8,8],\"dtype\":\"FLOAT32\",\"seed\":1,\"initializer\":\"xavier\",\"layers\":["
                + "{\"type\":\"conv2d\",\"filters\":1000000,\"kernel\":[5,5],\"stride\":[1,1],\"padding\":\"same\","
                + "\"bias\":true,\"activation\":\"relu\"},{\"type\":\"globalavgpool2d\"}],"
                + "\"loss\":\"mse\",\"optimizer\":{\"id\":\"sgd\",\"config\":{\"learning_rate\":0.1}}},"
                + "\"tensors\":[{\"name\":\"layer0.weights\",\"dtype\":\"FLOAT32\",\"shape\":[1,1,1,1]},"
                + "{\"name\":\"layer0.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1]}]}";
        String msg = loadFails(ModelFiles.framed(header, new byte[8])).getMessage();
        assertTrue(msg.contains("layers[0] (conv2d) brings the architecture to 1601000000 parameter values,"
                + " but the file holds only 2"), msg);
    }

    @Test
    void aBatchNormTheFileDoesNotBackIsRefusedBeforeAllocating() throws IOException {
        // The dense layer's 8 values are there; batch norm's gamma, beta and running statistics are not.
        String tensors = "[{\"name\":\"layer0.weights\",\"dtype\":\"FLOAT32\",\"shape\":[3,2]},"
                + "{\"name\":\"layer0.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1,2]}]";
        String header = header(3, 2, tensors).replace("\"activation\":\"relu\"}]", "\"activation\":\"relu\"},"
                + "{\"type\":\"batchnorm\",\"eps\":1.0E-5,\"momentum\":0.1}]");
        String msg = loadFails(ModelFiles.framed(header, new byte[32])).getMessage();
        assertTrue(msg.contains("layers[1] (batchnorm) brings the architecture to 16 parameter values, but the file"
                + " holds only 8"), msg);
    }

    @Test
    void layersThatDoNotChainAreAFormatError() throws IOException {
        // Found by the fuzzer: the builder's own check used to escape as an IllegalStateException.
        String spec = header(2, 3, "[]").replace("\"activation\":\"relu\"}]", "\"activation\":\"relu\"},"
                + "{\"type\":\"dense\",\"inputs\":1,\"outputs\":2,\"activation\":\"softmax\"}]");
        String tensors = "[{\"name\":\"layer0.weights\",\"dtype\":\"FLOAT32\",\"shape\":[2,3]},"
                + "{\"name\":\"layer0.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1,3]},"
                + "{\"name\":\"layer1.weights\",\"dtype\":\"FLOAT32\",\"shape\":[1,2]},"
                + "{\"name\":\"layer1.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1,2]}]";
        String msg = loadFails(ModelFiles.framed(spec.replace("\"tensors\":[]", "\"tensors\":" + tensors), new byte[52]))
                .getMessage();
        assertTrue(msg.contains("invalid model architecture: model builder: layer1") && msg.contains("[1]")
                && msg.contains("[3]"), msg);
    }

    @Test
    void tensorsThatDoNotMatchTheArchitectureAreNamed() throws IOException {
        String tensors = "[{\"name\":\"layer0.weights\",\"dtype\":\"FLOAT32\",\"shape\":[2,1]},"
                + "{\"name\":\"layer0.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1,2]}]";
        String msg = loadFails(ModelFiles.framed(header(1, 2, tensors), new byte[16])).getMessage();
        assertTrue(msg.contains("tensor 'layer0.weights' [2, 1] does not match parameter 'layer0.weights' [1x2]"), msg);
        byte[] nan = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).array();
        msg = loadFails(ModelFiles.framed(header(1, 2, tensors.replace("[2,1]", "[1,2]")), nan)).getMessage();
        assertTrue(msg.contains("non-finite value at index 0"), msg);
    }

    @Test
    void integerDtypesAreRefusedInTheArchitectureTheTensorsAndTheCall() throws IOException {
        String tensors = "[{\"name\":\"layer0.weights\",\"dtype\":\"FLOAT32\",\"shape\":[1,2]},"
                + "{\"name\":\"layer0.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1,2]}]";
        String msg = loadFails(ModelFiles.framed(header(1, 2, tensors).replace("\"dtype\":\"FLOAT32\",\"seed\"",
                "\"dtype\":\"INT32\",\"seed\""), new byte[16])).getMessage();
        assertTrue(msg.contains("invalid model architecture") && msg.contains("INT32")
                && msg.contains("FLOAT32 or FLOAT64"), msg);
        msg = loadFails(ModelFiles.framed(header(1, 2, tensors.replace("FLOAT32\",\"shape\":[1,2]}]",
                "INT64\",\"shape\":[1,2]}]")), new byte[24])).getMessage();
        assertTrue(msg.contains("tensors[1]") && msg.contains("dtype INT64 is not supported"), msg);
        byte[] good = modelBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.fromBytes(good, OtherBackend.INSTANCE, DType.INT32));
        assertEquals("model load: dtype INT32 is not a floating type; a model's dtype is FLOAT32 or FLOAT64",
                e.getMessage());
    }

    @Test
    void missingFilesAndUnwritablePlacesAreIoErrors() throws IOException {
        assertThrows(NoSuchFileException.class, () -> ModelFile.load(dir.resolve("absent.nn4j"), OtherBackend.INSTANCE));
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        try (Sequential m = SaveLoop.model()) {
            assertThrows(FileSystemException.class, () -> ModelFile.save(m, notADirectory.resolve("m.nn4j")));
        }
        try (Sequential m = SaveLoop.model()) {
            ModelFile.save(m, dir.resolve("m.nn4j"));
            assertEquals(1, Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).count() + 1,
                    "a completed save leaves no temporary file");
        }
    }
}
