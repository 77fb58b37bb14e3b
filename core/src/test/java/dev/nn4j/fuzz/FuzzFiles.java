package dev.nn4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One scratch file per fuzzing JVM that every execution overwrites, so the readers are fuzzed
 * through the same {@link Path} API users call, without a new file per input.
 */
final class FuzzFiles {
    private static Path scratch;

    private FuzzFiles() {
    }

    /** Writes {@code bytes} to this JVM's scratch file and returns it. */
    static synchronized Path write(String suffix, byte[] bytes) {
        try {
            if (scratch == null) {
                Path dir = Files.createTempDirectory("nn4j-fuzz");
                dir.toFile().deleteOnExit();
                scratch = dir.resolve("input");
                scratch.toFile().deleteOnExit();
            }
            Path file = scratch.resolveSibling("input" + suffix);
            file.toFile().deleteOnExit();
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("fuzz: cannot write the scratch file", e);
        }
    }
}
