package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.nn.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), file.toString()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            AtomicLong reported = new AtomicLong(last);
            Object firstSave = new Object();
            Thread reader = new Thread(() -> read(child, reported, firstSave));
            reader.start();
            synchronized (firstSave) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (reported.get() == last && child.isAlive() && System.nanoTime() < deadline) {
                    firstSave.wait(100);
                }
            }
            if (reported.get() == last) {
                child.destroyForcibly();
                fail("kill " + kill + ": the child saved nothing (alive: " + child.isAlive() + ")");
            }
            Thread.sleep(random.nextInt(25));
            child.destroyForcibly();                       // SIGKILL on Linux and macOS
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            reader.join();
            long reportedLast = reported.get();
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

    private static void read(Process child, AtomicLong reported, Object firstSave) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("saved ")) {
                    reported.set(Long.parseLong(line.substring(6)));
                    synchronized (firstSave) {
                        firstSave.notifyAll();
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the pipe breaks when the child is killed mid-line: the last complete line counts
        }
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
