package dev.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flips and shifts move pixels exactly as stated, and fit applies an augmentation to training batches only, repeatably. */
class AugmentationTest {

    @Test
    void everyImageIsFlippedAndShiftedAsAWholeWithZerosWhereTheShiftUncovers() {
        Shape sample = Shape.of(2, 3, 4);
        float[] rows = new float[3 * 24];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i + 1;
        }
        float[] original = rows.clone();
        Augmentation.flipsAndShifts(1).apply(rows, 2, sample, new Rng(7));
        for (int s = 0; s < 2; s++) {
            int found = 0;
            for (int flip = 0; flip < 2; flip++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (matches(original, rows, s, flip == 1, dy, dx)) {
                            found++;
                        }
                    }
                }
            }
            assertEquals(1, found, "sample " + s + " is exactly one flip-and-shift of itself, both channels alike");
        }
        for (int i = 48; i < 72; i++) {
            assertEquals(original[i], rows[i], "samples past count are untouched");
        }
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Augmentation.flipsAndShifts(2).apply(new float[4], 1, Shape.of(4), new Rng(1)));
        assertTrue(flat.getMessage().contains("[C, H, W]"), flat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.flipsAndShifts(-1));
    }

    private static boolean matches(float[] in, float[] out, int s, boolean flip, int dy, int dx) {
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    int sy = y - dy;
                    int sx = x - dx;
                    float expected = sy < 0 || sy >= 3 || sx < 0 || sx >= 4 ? 0
                            : in[s * 24 + c * 12 + sy * 4 + (flip ? 3 - sx : sx)];
                    if (out[s * 24 + c * 12 + y * 4 + x] != expected) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void fitAugmentsTrainingBatchesOnlyAndRepeatsForASeed() {
        double[][] x = new double[10][4];
        double[][] y = new double[10][1];
        for (int i = 0; i < 10; i++) {
            x[i][i % 4] = 1;
            y[i][0] = i % 2;
        }
        List<List<Float>> seen = new ArrayList<>();
        Augmentation record = (rows, count, sample, rng) -> {
            List<Float> batch = new ArrayList<>();
            for (int i = 0; i < count * sample.size(); i++) {
                batch.add(rows[i]);
                rows[i] += (float) rng.nextDouble();
            }
            seen.add(batch);
        };
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (Sequential m = Sequential.builder().input(4).dense(1, Activation.SIGMOID).loss(Losses.mse())
                    .optimizer(new Sgd(0.1)).backend(Backends.get()).build()) {
                losses[run] = m.fit(Dataset.of(x, y), FitConfig.builder().epochs(2).batchSize(4).seed(3)
                        .validationData(Dataset.of(x, y)).augmentation(record).logEpochs(false).build()).finalLoss();
            }
        }
        assertEquals(12, seen.size(), "3 training batches per epoch, 2 epochs, 2 runs; never the validation data");
        assertEquals(losses[0], losses[1], "the same seed draws the same augmentation");
        assertArrayEquals(seen.subList(0, 6).toArray(), seen.subList(6, 12).toArray());
    }
}
