package dev.nn4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1400, image.getWidth());
    }

    /** The layout benchmarks/pytorch_peer.py writes, for two of its workloads. */
    static String pytorchSample() {
        return """
            {"tool": "pytorch", "torch_version": "1.13.0a0", "mkldnn": true,
             "machine": {"cpu": "AMD EPYC", "vector": "avx2", "nproc": 2},
             "command": "/usr/bin/python3 benchmarks/pytorch_peer.py", "generated_utc": "2026-12-01 09:30 UTC",
             "workloads": {
               "mlp": {"description": "MLP", "best_threads": 1, "best_s": 0.004,
                       "threads": {"1": {"median_s": 0.004}, "2": {"median_s": 0.008}}},
               "lenet": {"description": "LeNet", "best_threads": 2, "best_s": 0.03,
                         "threads": {"1": {"median_s": 0.036}, "2": {"median_s": 0.03}}}}}
            """;
    }

    @Test
    void pytorchsBestThreadSettingSitsBesideTheJmhSteps() throws IOException {
        String cnn = JmhJsonTest.sample().replace("\"params\": {\"impl\": \"dl4j\"}",
                "\"params\": {\"impl\": \"dl4j\", \"net\": \"lenet\"}").replace("TrainStepBenchmark", "CnnStepBenchmark");
        Path jmh = JmhJsonTest.write(dir, "r.json", JmhJsonTest.sample());
        Path cnnJson = JmhJsonTest.write(dir, "cnn.json", cnn);
        Path torch = JmhJsonTest.write(dir, "pytorch-peer.json", pytorchSample());
        Path md = dir.resolve("benchmarks.md");
        ReportGenerator.main(new String[] {"--md", md.toString(), "--png", dir.resolve("b.png").toString(),
            "--command", "run it", "--pytorch", torch.toString(), "--notes",
            JmhJsonTest.write(dir, "notes.md", "## Targets\n\nFMA peak 100 GFLOP/s.\n").toString(),
            jmh.toString(), cnnJson.toString()});
        String text = Files.readString(md);
        assertTrue(text.contains("## Targets\n\nFMA peak 100 GFLOP/s.\n\n## What is compared"), text);
        assertTrue(text.contains("| PyTorch peer | PyTorch 1.13.0a0 on AMD EPYC (avx2, 2 processors)"), text);
        // MLP: DL4J 2 ms against PyTorch's best 4 ms is 2x PyTorch; PyTorch is 0.5x DL4J.
        assertTrue(text.contains("| dl4j | 2.00 ms ± n/a | 64,000 | 1.00× | 2.00× |"), text);
        assertTrue(text.contains("| pytorch, 1 thread (best; 1 thread: 4.00 ms, 2 threads: 8.00 ms) | 4.00 ms | 32,000"
                + " | 0.500× | 1.00× |"), text);
        // LeNet at batch 64: DL4J 2 ms = 32,000 samples/s, PyTorch's best (2 threads) 30 ms.
        assertTrue(text.contains("## LeNet (conv5x5x20-pool-conv5x5x50-pool-dense500-10) training step, batch 64"), text);
        assertTrue(text.contains("| dl4j | 2.00 ms ± n/a | 32,000 | 1.00× | 15.0× |"), text);
        assertTrue(text.contains("| pytorch, 2 threads (best; 1 thread: 36.0 ms, 2 threads: 30.0 ms) | 30.0 ms"), text);
        assertFalse(text.contains("Fashion CNN"), "no runs, no section: " + text);
    }
}
