package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nn4j.backend.Backends;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Runs the command line in this JVM with stdout and stderr captured, and checks the pictures it wrote. */
final class Cli {
    private Cli() {
    }

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
        /** Everything printed, for assertion messages. */
        String all() {
            return out + err;
        }
    }

    /** Runs {@code Main.run(args)}; the JVM-wide default backend is cleared afterwards. */
    static Result run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            Backends.setDefault(null);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Reads {@code file} as an image and checks that it is a PNG of exactly {@code width x height} pixels. */
    static BufferedImage png(Path file, int width, int height) throws IOException {
        byte[] head = Files.readAllBytes(file);
        assertEquals((byte) 0x89, head[0], file + " is not a PNG");
        assertEquals("PNG", new String(head, 1, 3, StandardCharsets.US_ASCII), file + " is not a PNG");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " cannot be decoded");
        assertEquals(width + " x " + height, img.getWidth() + " x " + img.getHeight(), file + " size");
        return img;
    }
}
