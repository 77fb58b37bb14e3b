package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.train.FitConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With all three backends on the class path: selection, agreement, and model files moving between them. */
class AllBackendsTest {
    private static final List<String> NAMES = List.of("plain", "ejml", "nd4j");

    @AfterEach
    void clear() {
        Backends.setDefault(null);
        System.clearProperty(Backends.PROPERTY);
    }

    @Test
    void allThreeAreFoundAndTheDefaultIsTheFastestOnACpu() {
        for (String name : NAMES) {
            assertEquals(name, Backends.get(name).name());
        }
        assertEquals(List.of("plain", "ejml", "nd4j"), Backends.available().stream().map(Backend::name).toList());
        assertSame(Backends.get("plain"), Backends.get(), "ND4J on a CPU must not be the default: " + Backends.reason());
        try (Sequential small = model(null)) {
            assertSame(Backends.get("plain"), small.backend(), "a small model with nd4j on the class path");
        }
    }

    @Test
    void propertyAndCodeOverrideThePriority() {
        System.setProperty(Backends.PROPERTY, "ejml");
        assertSame(Backends.get("ejml"), Backends.get());
        Backends.setDefault("plain");
        assertSame(Backends.get("plain"), Backends.get());
    }

    /** A small classifier on {@code b}, or on the default backend when {@code b} is null. */
    private static Sequential model(Backend b) {
        Sequential.Builder builder = Sequential.builder().input(4).dense(8, Activation.RELU).dense(3, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01)).seed(5);
        return (b == null ? builder : builder.backend(b)).build();
    }

    private static Dataset data() {
        double[][] x = new double[30][4];
        double[][] y = new double[30][3];
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = Math.sin(i * 0.7 + j);
            }
            y[i][i % 3] = 1;
        }
        return Dataset.of(x, y);
    }

    @Test
    void sameSeedSameLossCurveOnEveryBackend() {
        double[] reference = null;
        for (String name : NAMES) {
            double[] losses = model(Backends.get(name)).fit(data(), FitConfig.builder().epochs(3).batchSize(8).build())
                    .epochLosses();
            if (reference == null) {
                reference = losses;
            } else {
                assertArrayEquals(reference, losses, 1e-4, name + " vs plain");
            }
        }
    }

    @Test
    void aModelSavedOnOneBackendPredictsTheSameOnEveryOther(@TempDir Path dir) throws IOException {
        for (String from : NAMES) {
            Sequential trained = model(Backends.get(from));
            trained.fit(data(), FitConfig.builder().epochs(5).batchSize(10).build());
            Path file = dir.resolve(from + ".nn4j");
            ModelFile.save(trained, file);
            double[][] expected = trained.predict(new double[][] {{0.1, 0.2, 0.3, 0.4}, {-1, 0, 1, 2}});
            for (String to : NAMES) {
                Sequential loaded = ModelFile.load(file, Backends.get(to));
                assertEquals(to, loaded.backend().name());
                double[][] got = loaded.predict(new double[][] {{0.1, 0.2, 0.3, 0.4}, {-1, 0, 1, 2}});
                for (int i = 0; i < got.length; i++) {
                    assertArrayEquals(expected[i], got[i], 1e-5, "saved on " + from + ", loaded on " + to);
                }
            }
        }
    }
}
