package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.nn.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of {@link ModelFile#save}: a child JVM ({@link SaveLoop}) saves a model in a
 * loop and is killed with SIGKILL ({@link Process#destroyForcibly()}) at a random moment, 50
 * times. After every kill the file must load, checksum and all, as the last version the child
 * reported saved or the one after it (renamed into place before the child could report it):
 * never a mix, never a torn file. Takes ~20-40 s on 2 cores (one JVM start per kill).
 */
class ModelFileCrashTest {
    static final int KILLS = 50;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesTheOldModelOrTheNewOne() throws Exception {
        Path file = dir.resolve("model.nn4j");
        SplittableRandom random = new SplittableRandom(20261201);
        long last = 0;
        int midWrite = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            // The child's output goes to a file, which keeps every line written before the kill
            // (a pipe's unread lines are lost when destroyForcibly closes it).
            Path log = dir.resolve("child-" + kill + ".log");
            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), file.toString()))
                    .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastSaved(log, -1) < 0 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (lastSaved(log, -1) < 0) {
                child.destroyForcibly();
                fail("kill " + kill + ": the child saved nothing (alive: " + child.isAlive() + ")");
            }
            Thread.sleep(random.nextInt(25));
            child.destroyForcibly();                       // SIGKILL on Linux and macOS
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            long reportedLast = lastSaved(log, last);
            long onDisk;
            try (Sequential m = ModelFile.load(file, OtherBackend.INSTANCE)) {
                onDisk = SaveLoop.version(m);
            }
            assertTrue(onDisk == reportedLast || onDisk == reportedLast + 1, "kill " + kill + ": the file holds version "
                    + onDisk + " (-1 = mixed values), the child last reported " + reportedLast);
            midWrite += removeTemporaryFiles(file);
            last = onDisk;
        }
        System.out.println("ModelFileCrashTest: " + KILLS + " SIGKILLs, every file loaded as the old or the new"
                + " model; " + midWrite + " kills landed while a temporary file was open; last version " + last);
    }

    /** The version in the last complete {@code saved N} line of {@code log}, or {@code otherwise}. */
    private static long lastSaved(Path log, long otherwise) throws IOException {
        if (!Files.exists(log)) {
            return otherwise;
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return otherwise;
        }
        int start = text.lastIndexOf('\n', end - 1) + 1;
        String line = text.substring(start, end);
        return line.startsWith("saved ") ? Long.parseLong(line.substring(6)) : otherwise;
    }

    /** Deletes the temporary files a killed save left behind; returns how many there were. */
    private static int removeTemporaryFiles(Path file) throws IOException {
        int n = 0;
        try (Stream<Path> s = Files.list(file.getParent())) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith("." + file.getFileName() + ".")) {
                    Files.delete(p);
                    n++;
                }
            }
        }
        return n;
    }
}
