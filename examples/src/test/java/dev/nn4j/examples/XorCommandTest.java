package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XorCommandTest {
    @TempDir
    Path dir;

    private Cli.Result xor(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "xor";
        all[1] = "--out";
        all[2] = dir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    @Test
    void learnsXorPrintsTheTruthTableAndDrawsTheSurface() throws IOException {
        Cli.Result r = xor("--seed", "1", "--backend", "plain");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  a  b | target | output"), r.out());
        assertTrue(r.out().contains("  1  0 |   1    | 0.9"), r.out());
        assertTrue(r.out().contains("Trained 27,000 steps"), r.out());
        assertTrue(r.out().contains("on plain"), r.out());
        assertTrue(r.out().matches("(?s).*Learned: worst \\|output - target\\| 0\\.0\\d+ <= threshold 0\\.1\\n.*"),
                r.out());

        BufferedImage img = Cli.png(dir.resolve("xor-surface.png"), 586, 520);
        // Cells near (1, 0) and (0, 1) must be shaded as output ~1 (orange), near (0, 0) and (1, 1) as ~0 (blue).
        int x = SurfacePlot.LEFT + 10;   // the square's cells start after the plot's and the square's margins
        int y = SurfacePlot.TOP + 10;
        assertOrange(img, x + 37 * 10 + 5, y + 37 * 10 + 5);   // a = 0.94, b = 0.06
        assertOrange(img, x + 2 * 10 + 5, y + 2 * 10 + 5);     // a = 0.06, b = 0.94
        assertBlue(img, x + 2 * 10 + 5, y + 37 * 10 + 5);      // a = 0.06, b = 0.06
        assertBlue(img, x + 37 * 10 + 5, y + 2 * 10 + 5);      // a = 0.94, b = 0.94
        assertEquals(Color.BLACK.getRGB(), img.getRGB(x + 400 + 8, y + 400), "ring of the point (1, 0)");
        int bar = SurfacePlot.LEFT + 420 + 24 + 9;             // the middle of the colour bar, right of the square
        assertOrange(img, bar, y + 5);                         // output 1 at the top
        assertBlue(img, bar, y + 395);                         // and 0 at the bottom
    }

    private static void assertOrange(BufferedImage img, int x, int y) {
        Color c = new Color(img.getRGB(x, y));
        assertTrue(c.getRed() > 200 && c.getBlue() < 150, "orange at " + x + "," + y + ": " + c);
    }

    private static void assertBlue(BufferedImage img, int x, int y) {
        Color c = new Color(img.getRGB(x, y));
        assertTrue(c.getBlue() > 150 && c.getRed() < 150, "blue at " + x + "," + y + ": " + c);
    }

    @Test
    void framesMakeAnAnimatedGifAndTheSizeFollowsGridAndCell() throws IOException {
        Cli.Result r = xor("--backend", "plain", "--frames", "4000", "--grid", "20", "--cell", "6");
        assertEquals(0, r.code(), r.all());
        Cli.png(dir.resolve("xor-surface.png"), 120 + 186, 120 + 120);
        Path gif = dir.resolve("xor-learning.gif");
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals("gif", reader.getFormatName().toLowerCase());
            // 27,000 steps: frames at steps 0, 4000, ..., 24000, and the last one.
            assertEquals(8, reader.getNumImages(true));
            assertEquals(140, reader.read(7).getWidth());
        }
        assertTrue(r.out().contains("(8 frames)"), r.out());
    }

    @Test
    void deeperNetworksAndOtherActivationsLearnToo() throws IOException {
        Cli.Result r = xor("--backend", "plain", "--hidden", "8,8", "--activation", "tanh", "--learning-rate", "0.05");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("NeuralNetwork 2-8-8-1 tanh"), r.out());
        assertTrue(Files.size(dir.resolve("xor-surface.png")) > 0);
    }

    @Test
    void exitsWithOneAndTheNumbersWhenItDidNotLearn() {
        Cli.Result r = xor("--backend", "plain", "--max-steps", "1000");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("Trained 1,000 steps"), r.out());
        assertTrue(r.out().matches("(?s).*NOT learned: worst \\|output - target\\| 0\\.\\d+ is above the threshold "
                + "0\\.1\\n.*"), r.out());
    }

    @Test
    void sameSeedSameResultOnEveryBackend() {
        String plain = xor("--backend", "plain", "--max-steps", "3000").out();
        String ejml = xor("--backend", "ejml", "--max-steps", "3000").out();
        assertEquals(table(plain), table(ejml));
    }

    private static String table(String out) {
        return out.substring(out.indexOf("  a  b"), out.indexOf("Trained"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Result r = xor("--backend", "cuda");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown backend 'cuda' (requested by name). nn4j runs on a GPU through its"
                + " nd4j backend: add dev.nn4j:nn4j-backend-nd4j-gpu built with its -Pcuda profile"), r.err());
        assertTrue(r.err().contains("plain"), r.err());
        assertEquals(2, xor("--backend", "plain", "--activation", "softmax").code());
        assertEquals(2, xor("--backend", "plain", "--activation", "wobbly").code());
        assertEquals(2, xor("--backend", "plain", "--frames", "0").code());
        assertEquals(2, xor("--backend", "plain", "--grid", "1").code());
    }

    @Test
    void backendsCommandListsEveryBackend() {
        Cli.Result r = Cli.run("backends");
        assertEquals(0, r.code());
        for (String name : new String[] {"plain", "ejml", "nd4j"}) {
            assertTrue(r.out().contains("  " + name + " "), r.out());
        }
        assertTrue(r.out().contains("default: plain (highest priority (30) among available backends: fastest on a CPU"), r.out());
    }
}
