package dev.nn4j.train.listeners;

import static dev.nn4j.train.listeners.MetricsLogTest.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingChartsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    static MetricsLog classificationLog() {
        MetricsLog log = new MetricsLog();
        log.append(row("loss", 0.9, "accuracy", 0.6, "test_accuracy", 0.65));
        log.append(row("loss", 0.5, "accuracy", 0.8, "test_accuracy", 0.78));
        log.append(row("loss", Double.NaN, "accuracy", 0.85, "test_accuracy", 0.8));
        log.append(row("loss", 0.3, "accuracy", 0.9, "test_accuracy", 0.84));
        return log;
    }

    static BufferedImage readPng(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            assertArrayEquals(PNG_SIGNATURE, in.readNBytes(8), "PNG signature of " + file);
        }
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null, "ImageIO cannot decode " + file);
        return image;
    }

    @Test
    void legendsSayWhichDataEachSeriesComesFrom() {
        assertEquals("training loss", XChartCurves.legend("loss"));
        assertEquals("training accuracy", XChartCurves.legend("accuracy"));
        assertEquals("validation score", XChartCurves.legend("validation"));
        assertEquals("test accuracy", XChartCurves.legend("test_accuracy"));
    }

    @Test
    void writesAPngOfTheRequestedSize() throws IOException {
        Path png = dir.resolve("curves.png");
        TrainingCharts.write(classificationLog(), png, 640, 300);
        BufferedImage image = readPng(png);
        assertEquals(640, image.getWidth());
        assertEquals(300, image.getHeight());
        assertTrue(distinctColours(image) > 10, "the image has curves and text, not one colour");
    }

    @Test
    void aLogWithoutAccuracyGetsOneFullWidthPanel() throws IOException {
        MetricsLog log = new MetricsLog();
        log.append(row("loss", 0.2));
        Path png = dir.resolve("loss.png");
        TrainingCharts.write(log, png, 301, 201);
        BufferedImage image = readPng(png);
        assertEquals(301, image.getWidth());
        assertEquals(201, image.getHeight());
    }

    @Test
    void nothingToDrawOrATinyImageIsRefused() {
        Path png = dir.resolve("x.png");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.write(new MetricsLog(), png));
        assertTrue(empty.getMessage().contains("at least one epoch"), empty.getMessage());
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.write(classificationLog(), png, 50, 400));
        assertTrue(tiny.getMessage().contains("50 x 400"), tiny.getMessage());
        assertTrue(Files.notExists(png));
    }

    private static long distinctColours(BufferedImage image) {
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(rgb).distinct().count();
    }
}
