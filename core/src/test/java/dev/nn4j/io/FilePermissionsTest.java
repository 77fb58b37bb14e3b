package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Sequential;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.listeners.CheckpointListener;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files nn4j writes get the permissions of an ordinary write (the umask decides), not the
 * owner-only mode of a temporary file, so a service running as another user can read a model a
 * training job saved; and they are still written atomically.
 */
class FilePermissionsTest {
    @TempDir
    Path dir;

    private Set<PosixFilePermission> ordinary() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.write(dir.resolve("ordinary.txt"), new byte[] {1});
        return Files.getPosixFilePermissions(plain);
    }

    @Test
    void modelFilesGetTheModeOfAnOrdinaryWrite() throws IOException {
        Set<PosixFilePermission> expected = ordinary();
        try (Sequential m = SaveLoop.model()) {
            Path file = dir.resolve("m.nn4j");
            ModelFile.save(m, file);
            assertEquals(expected, Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void checkpointsGetTheModeOfAnOrdinaryWrite() throws IOException {
        Set<PosixFilePermission> expected = ordinary();
        try (Sequential m = SaveLoop.model()) {
            CheckpointListener checkpoints = new CheckpointListener(dir.resolve("cp-{epoch}.nn4j"), 1, false);
            m.fit(Dataset.of(new double[1][64], new double[][] {{1, 0, 0, 0, 0, 0, 0, 0, 0, 0}}),
                    FitConfig.builder().epochs(1).logEpochs(false).listener(checkpoints).build());
            assertEquals(1, checkpoints.saved().size());
            assertEquals(expected, Files.getPosixFilePermissions(checkpoints.saved().get(0)));
        }
    }

    @Test
    void atomicWritesReplaceTheTargetAndLeaveNoTemporaryFile() throws IOException {
        Set<PosixFilePermission> expected = ordinary();
        Path file = dir.resolve("sub/out.bin");
        AtomicFiles.write(file, new byte[] {1, 2});
        AtomicFiles.write(file, new byte[] {3});
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(file));
        assertEquals(expected, Files.getPosixFilePermissions(file));
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(file), "a failed write keeps the old file");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file is left");
        }
    }
}
