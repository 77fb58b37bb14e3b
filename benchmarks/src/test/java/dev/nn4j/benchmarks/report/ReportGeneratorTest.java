package dev.nn4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void writesTablesWithRatesAndAChart() throws IOException {
        Path json = JmhJsonTest.write(dir, "r.json", JmhJsonTest.sample());
        Path md = dir.resolve("docs/benchmarks.md");
        Path png = dir.resolve("docs/benchmarks.png");
        ReportGenerator.main(new String[] {"--md", md.toString(), "--png", png.toString(), "--command", "run it",
            "--note", "Smoke run", json.toString()});
        String text = Files.readString(md);
        assertTrue(text.contains("> **Smoke run**"), text);
        assertTrue(text.contains("| `64x64*64x64` | 64·64·64 | 10.0 µs ± 0.500 (52.4 GFLOP/s) |"), text);
        // 128 samples in 2 ms = 64,000 samples/s; DL4J against itself is 1×.
        assertTrue(text.contains("| dl4j | 2.00 ms ± n/a | 64,000 | 1.00× |"), text);
        assertTrue(text.contains("`OMP_NUM_THREADS=1`"), text);
        assertTrue(text.contains("![benchmark chart](benchmarks.png)"), text);
        String kept = ReportGenerator.KEEP_MARKER + "\n\n## Spark scaling\n\nhand-made table\n";
        Files.writeString(md, text + kept);
        ReportGenerator.main(new String[] {"--md", md.toString(), "--png", png.toString(), "--command", "run it",
            json.toString()});
        String again = Files.readString(md);
        assertTrue(again.endsWith(kept) && !again.contains("Smoke run"), again);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1400, image.getWidth());
    }
}
