package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.AvgPool2DConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.train.FitConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CNN with every image layer type on all three backends: one seed gives the same training
 * run (dropout masks included), and a model file saved on any backend loads on every other
 * and predicts the same outputs, batch-norm statistics included.
 */
class AllBackendsCnnTest {
    private static final List<String> NAMES = List.of("plain", "ejml", "nd4j");

    private static Sequential cnn(String backend, DType dtype) {
        return Sequential.builder().input(2, 9, 8).backend(Backends.get(backend)).dtype(dtype).seed(13)
                .layer(new Conv2DConfig(4, 3, 2, 1, 1, Padding.same(), false, Activation.IDENTITY)).batchNorm()
                .activation(Activation.RELU).maxPool(2)
                .layer(Conv2DConfig.of(6, 3, Padding.of(1), Activation.TANH).withStride(2))
                .layer(new AvgPool2DConfig(2, 2, 1, 1, Padding.valid())).flatten().dense(12, Activation.RELU)
                .dropout(0.3).batchNorm().dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(0.01)).build();
    }

    private static Dataset data() {
        double[][] x = new double[40][2 * 9 * 8];
        double[][] y = new double[40][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = Math.sin(i * 0.37 + j * 0.11 * (1 + i % 3));
            }
            y[i][i % 3] = 1;
        }
        return Dataset.of(x, y);
    }

    private static double[][] probe() {
        double[][] p = new double[3][2 * 9 * 8];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                p[i][j] = Math.cos(i + j * 0.05);
            }
        }
        return p;
    }

    @Test
    void sameSeedSameTrainingOnEveryBackend() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double[] reference = null;
            for (String name : NAMES) {
                try (Sequential m = cnn(name, dtype)) {
                    double[] losses = m.fit(data(), FitConfig.builder().epochs(3).batchSize(8).build()).epochLosses();
                    if (reference == null) {
                        reference = losses;
                    } else {
                        assertArrayEquals(reference, losses, dtype == DType.FLOAT32 ? 1e-4 : 1e-9,
                                name + " vs plain in " + dtype);
                    }
                }
            }
        }
    }

    @Test
    void aCnnSavedOnOneBackendPredictsTheSameOnEveryOther(@TempDir Path dir) throws IOException {
        for (String from : NAMES) {
            try (Sequential trained = cnn(from, DType.FLOAT32)) {
                trained.fit(data(), FitConfig.builder().epochs(2).batchSize(10).build());
                Path file = dir.resolve(from + ".nn4j");
                ModelFile.save(trained, file);
                double[][] expected = trained.predict(probe());
                for (String to : NAMES) {
                    try (Sequential loaded = ModelFile.load(file, Backends.get(to))) {
                        assertEquals(to, loaded.backend().name());
                        assertArrayEquals(trained.parameter("layer1.running_var").value().toFloatArray(),
                                loaded.parameter("layer1.running_var").value().toFloatArray());
                        double[][] got = loaded.predict(probe());
                        for (int i = 0; i < got.length; i++) {
                            assertArrayEquals(expected[i], got[i], 1e-5, "saved on " + from + ", loaded on " + to);
                        }
                    }
                }
            }
        }
    }
}
