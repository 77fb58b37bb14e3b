package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file {@link OnnxExport#save} writes: the exported bytes, with the permissions of an ordinary write. */
class ExportFileTest {
    @Test
    void anExportGetsTheModeOfAnOrdinaryWrite(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path ordinary = Files.write(dir.resolve("ordinary.txt"), new byte[] {1});
        try (Sequential m = Sequential.builder().input(3).dense(2, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(0.01)).backend(TestSupport.backend("plain")).build()) {
            Path file = dir.resolve("m.onnx");
            OnnxExport.save(m, file);
            assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(file));
            assertArrayEquals(OnnxExport.toBytes(m), Files.readAllBytes(file));
        }
    }
}
