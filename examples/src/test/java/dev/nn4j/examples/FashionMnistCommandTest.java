package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nn4j.data.MnistFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short real-data run of {@code fashion-mnist} (3000 training samples, 2 epochs, 1000 test
 * samples) through the command line, then {@code predict} on the saved model. Skipped when
 * Fashion-MNIST is not installed in {@link MnistFormat#DEBIAN_FASHION_MNIST}.
 */
class FashionMnistCommandTest {

    @TempDir
    Path dir;

    @Test
    void shortTrainingReportsSavesAndPredictReproducesTheAccuracy() throws IOException {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        Path report = dir.resolve("report.json");
        Path model = dir.resolve("model.nn4j");
        int code = Main.run("fashion-mnist", "--backend", "plain", "--limit", "3000", "--test-limit", "1000",
                "--epochs", "2", "--report", report.toString(), "--save", model.toString());
        assertEquals(0, code);

        Map<String, Object> r = JSON.std.mapFrom(Files.readString(report));
        assertEquals("fashion-mnist", r.get("example"));
        assertEquals("plain", r.get("backend"));
        assertEquals(2, ((Number) r.get("epochs")).intValue());
        assertEquals(32, ((Number) r.get("batch")).intValue());
        assertEquals(42, ((Number) r.get("seed")).intValue());
        assertEquals(3000, ((Number) r.get("trainSamples")).intValue());
        assertEquals(1000, ((Number) r.get("testSamples")).intValue());
        assertTrue(((Number) r.get("seconds")).doubleValue() > 0, r.toString());
        assertTrue(((Number) r.get("samplesPerSecond")).doubleValue() > 0, r.toString());
        assertEquals(2, ((List<?>) r.get("perEpochSeconds")).size(), r.toString());
        double loss = ((Number) r.get("finalLoss")).doubleValue();
        assertTrue(loss > 0 && loss < 1.0, "final loss " + loss);
        double accuracy = ((Number) r.get("testAccuracy")).doubleValue();
        assertTrue(accuracy > 0.7, "10 classes: chance is 0.1, a short run reaches about 0.8; got " + accuracy);
        List<?> perEpoch = (List<?>) r.get("perEpochTestAccuracy");
        assertEquals(accuracy, ((Number) perEpoch.get(1)).doubleValue(), 0, "last per-epoch test accuracy");

        BufferedImage curves = ImageIO.read(dir.resolve("fashion-mnist-curves.png").toFile());
        assertTrue(curves != null && curves.getWidth() == 1200 && curves.getHeight() == 450,
                "curves PNG next to the report");

        Path predicted = dir.resolve("predict.json");
        assertEquals(0, Main.run("predict", "--backend", "plain", "--model", model.toString(), "--data",
                MnistFormat.DEBIAN_FASHION_MNIST.toString(), "--test-limit", "1000", "--report", predicted.toString()));
        Map<String, Object> p = JSON.std.mapFrom(Files.readString(predicted));
        assertEquals(1000, ((Number) p.get("testSamples")).intValue());
        assertEquals(accuracy, ((Number) p.get("testAccuracy")).doubleValue(), 0, "predict on the saved model");
    }

    @Test
    void shortCnnTrainingLearnsAndPredictReadsTheCnnFile() throws IOException {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        Path report = dir.resolve("cnn.json");
        Path model = dir.resolve("cnn.nn4j");
        assertEquals(0, Main.run("fashion-mnist", "--model", "cnn", "--backend", "plain", "--limit", "3000",
                "--test-limit", "1000", "--epochs", "2", "--no-plot", "--report", report.toString(), "--save",
                model.toString()));
        Map<String, Object> r = JSON.std.mapFrom(Files.readString(report));
        assertEquals("cnn", r.get("model"));
        assertEquals(64, ((Number) r.get("batch")).intValue());
        double accuracy = ((Number) r.get("testAccuracy")).doubleValue();
        assertTrue(accuracy > 0.7, "the CNN on 3000 samples for 2 epochs: chance is 0.1; got " + accuracy);
        Path predicted = dir.resolve("cnn-predict.json");
        assertEquals(0, Main.run("predict", "--backend", "plain", "--model", model.toString(), "--data",
                MnistFormat.DEBIAN_FASHION_MNIST.toString(), "--test-limit", "1000", "--report", predicted.toString()));
        Map<String, Object> p = JSON.std.mapFrom(Files.readString(predicted));
        assertEquals(accuracy, ((Number) p.get("testAccuracy")).doubleValue(), 0, "predict on the saved CNN");
    }

    @Test
    void shortResNetTrainingLearnsAndPredictReadsTheGraphFile() throws IOException {
        Map<String, Object> r = shortTrainingThenPredict("resnet", 0.4);
        assertEquals("flips and shifts of up to 2 pixels", r.get("augmentation"));
    }

    @Test
    void shortVisionTransformerTrainingLearnsAndPredictReadsTheGraphFile() throws IOException {
        Map<String, Object> r = shortTrainingThenPredict("vit", 0.4);
        assertEquals("constant", r.get("schedule"));
    }

    @Test
    void shortLstmTrainingLearnsAndPredictReadsTheGraphFile() throws IOException {
        Map<String, Object> r = shortTrainingThenPredict("lstm", 0.3);
        assertEquals("constant", r.get("schedule"));
    }

    /**
     * Trains {@code --model name} on 2000 samples for one epoch, checks that its test accuracy on
     * 500 is above {@code minAccuracy} (chance is 0.1), and that {@code predict} on the saved graph
     * file gives the same accuracy; returns the training report.
     */
    private Map<String, Object> shortTrainingThenPredict(String name, double minAccuracy) throws IOException {
        assumeTrue(MnistFormat.isPresent(MnistFormat.DEBIAN_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + MnistFormat.DEBIAN_FASHION_MNIST);
        Path report = dir.resolve(name + ".json");
        Path model = dir.resolve(name + ".nn4j");
        assertEquals(0, Main.run("fashion-mnist", "--model", name, "--backend", "plain", "--limit", "2000",
                "--test-limit", "500", "--epochs", "1", "--no-plot", "--report", report.toString(), "--save",
                model.toString()));
        Map<String, Object> r = JSON.std.mapFrom(Files.readString(report));
        assertEquals(name, r.get("model"));
        double accuracy = ((Number) r.get("testAccuracy")).doubleValue();
        assertTrue(accuracy > minAccuracy, name + " on 2000 samples for 1 epoch: chance is 0.1; got " + accuracy);
        Path predicted = dir.resolve(name + "-predict.json");
        assertEquals(0, Main.run("predict", "--backend", "plain", "--model", model.toString(), "--data",
                MnistFormat.DEBIAN_FASHION_MNIST.toString(), "--test-limit", "500", "--report", predicted.toString()));
        Map<String, Object> p = JSON.std.mapFrom(Files.readString(predicted));
        assertEquals(accuracy, ((Number) p.get("testAccuracy")).doubleValue(), 0, "predict on the saved " + name);
        return r;
    }

    @Test
    void missingDataExplainsHowToGetIt() {
        Path empty = dir.resolve("nothing-here");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("fashion-mnist", "--backend", "plain", "--data", empty.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("apt-get install dataset-fashion-mnist") && message.contains("--data DIR")
                && message.contains(empty.toString()), message);
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertEquals(2, Main.run("fashion-mnist", "--backend", "plain", "--epochs", "0"));
        assertEquals(2, Main.run("mnist"));
    }

    @Test
    void everyDemoIsRegistered() {
        for (String name : new String[] {"fashion-mnist", "mnist", "predict", "xor", "color", "streetlight",
                "neuroevolution", "digits", "synthetic-digits", "backends"}) {
            assertEquals(0, Main.run(name, "--help"), name);
        }
        assertEquals(2, Main.run("predict"), "predict needs --model and --data");
    }
}
