package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.onnx.OnnxExport;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors the user can fix say what is wrong, not only a file name. */
class CliErrorsTest {
    @Test
    void aMissingModelFileIsSaidNotToExist(@TempDir Path dir) {
        Path nope = dir.resolve("nope.nn4j");
        Cli.Result r = Cli.run("export", "--model", nope.toString(), "--onnx", dir.resolve("out.onnx").toString(),
                "--backend", "plain");
        assertEquals(2, r.code(), r.all());
        assertEquals("error: " + nope + " does not exist", r.err().strip());
    }

    @Test
    void anOnnxFileGivenAsAnNn4jModelPointsToTheOnnxImporter(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("m.onnx");
        try (Sequential m = Sequential.builder().input(2).dense(3, Activation.RELU).dense(2, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01)).backend(Backends.get("plain")).build()) {
            OnnxExport.save(m, onnx);
        }
        Cli.Result r = Cli.run("export", "--model", onnx.toString(), "--onnx", dir.resolve("again.onnx").toString(),
                "--backend", "plain");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("it looks like an ONNX model: load it with dev.nn4j.onnx.OnnxImport.load(path,"
                + " backend) (artifact dev.nn4j:nn4j-onnx)"), r.err());
    }

    @Test
    void imageAugmentationOfAFlatModelIsRefusedBeforeAnyDataIsRead(@TempDir Path dir) {
        Cli.Result r = Cli.run("fashion-mnist", "--model", "mlp", "--augmentation", "flips_shifts", "--data",
                dir.resolve("nowhere").toString(), "--backend", "plain");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--augmentation flips_shifts changes images; --model mlp takes flat samples"),
                r.err());
    }
}
