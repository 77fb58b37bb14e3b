package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nn4j.nn.Sequential;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Truncated, corrupted and foreign files get an {@link OnnxFormatException} that says what is
 * wrong, never a NullPointerException, IndexOutOfBoundsException or OutOfMemoryError.
 */
class BadFileTest {
    private static final Backend PLAIN = TestSupport.backend("plain");

    @TempDir
    Path dir;

    /** Loads {@code bytes}; a parse that succeeds is fine (a prefix can be a valid model), any exception but ours fails. */
    private static boolean loadsOrFailsCleanly(byte[] bytes, String what) {
        try (Sequential m = OnnxImport.fromBytes(null, bytes, PLAIN, DType.FLOAT32, null, null)) {
            return true;
        } catch (OnnxFormatException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail(what + ": exception without a message", e);
            }
            return false;
        } catch (Throwable t) {
            fail(what + ": " + t, t);
            return false;
        }
    }

    private static byte[] fixtureBytes() throws Exception {
        return Files.readAllBytes(Fixture.load("mlp").onnx());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn_gap"})
    void everyTruncationFailsCleanly(String fixture) throws Exception {
        byte[] full = Files.readAllBytes(Fixture.load(fixture).onnx());
        int failed = 0;
        for (int len = 0; len < full.length; len++) {
            failed += loadsOrFailsCleanly(Arrays.copyOf(full, len), "truncated to " + len) ? 0 : 1;
        }
        // the graph comes before the opset import in the file: no prefix is a whole model
        assertTrue(failed == full.length, failed + " of " + full.length + " truncations failed");
    }

    @Test
    void truncatedFileNamesTheProblem(@TempDir Path tmp) throws Exception {
        byte[] full = fixtureBytes();
        Path f = tmp.resolve("cut.onnx");
        Files.write(f, Arrays.copyOf(full, full.length / 2));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImport.load(f, PLAIN));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("truncated or corrupted"), e.getMessage());
    }

    @Test
    void anIntegerDtypeIsRefusedBeforeTheFileIsRead() throws Exception {
        Path mlp = Fixture.load("mlp").onnx();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxImport.load(mlp, PLAIN, DType.INT32, null, null));
        assertTrue(e.getMessage().equals("onnx import: dtype INT32 is not a floating type; a model's dtype is FLOAT32 "
                + "or FLOAT64"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn", "cnn_view", "act_gelu"})
    void corruptedBytesFailCleanly(String fixture) throws Exception {
        byte[] full = Files.readAllBytes(Fixture.load(fixture).onnx());
        SplittableRandom r = new SplittableRandom(12);
        for (int trial = 0; trial < 1000; trial++) {
            byte[] b = full.clone();
            int flips = 1 + r.nextInt(3);
            for (int k = 0; k < flips; k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            loadsOrFailsCleanly(b, "trial " + trial);
        }
    }

    @Test
    void corruptedExportFailsCleanly() throws Exception {
        byte[] full;
        try (Sequential m = Sequential.builder().input(4).dense(5, dev.nn4j.tensor.Activation.GELU)
                .dense(2, dev.nn4j.tensor.Activation.SOFTMAX).loss(dev.nn4j.nn.Losses.softmaxCrossEntropy())
                .optimizer(new dev.nn4j.optim.Sgd(0.1)).backend(PLAIN).build()) {
            full = OnnxExport.toBytes(m);
        }
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] b = full.clone();
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            loadsOrFailsCleanly(b, "bit flip " + trial);
        }
        for (int len = 0; len < full.length; len += 7) {
            loadsOrFailsCleanly(Arrays.copyOf(full, len), "export truncated to " + len);
        }
    }

    @Test
    void foreignFilesAreNamed() throws Exception {
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertTrue(assertThrows(OnnxFormatException.class, () -> OnnxImport.load(empty, PLAIN)).getMessage()
                .contains("empty"));
        Path text = Files.write(dir.resolve("notes.onnx"), "this is not a model\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(OnnxFormatException.class, () -> OnnxImport.load(text, PLAIN));
        byte[] noise = new byte[4096];
        new SplittableRandom(5).nextBytes(noise);
        Path random = Files.write(dir.resolve("noise.onnx"), noise);
        assertThrows(OnnxFormatException.class, () -> OnnxImport.load(random, PLAIN));
        assertThrows(NoSuchFileException.class, () -> OnnxImport.load(dir.resolve("missing.onnx"), PLAIN));
    }
}
