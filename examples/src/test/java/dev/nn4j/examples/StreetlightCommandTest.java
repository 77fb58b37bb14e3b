package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreetlightCommandTest {
    private final Backend plain = Backends.get("plain");

    @Test
    void singleLayerEndsNearTheMiddleLightAndTheDeepNetLearnsXor(@TempDir Path dir) throws IOException {
        Cli.Result r = Cli.run("streetlight", "--backend", "plain", "--out", dir.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("Learned: single layer's largest distance from [0, 1, 0] 0.01"), r.out());
        assertTrue(r.out().matches("(?s).*Learned: deep net's final error 0\\.0\\d+ <= threshold 0\\.05\\n.*"), r.out());
        Cli.png(dir.resolve("streetlight-error.png"), 800, 450);
    }

    @Test
    void aSeedWhoseReluUnitsDieFailsWithTheNumbers(@TempDir Path dir) {
        // As in the book, some starting weights leave the hidden ReLUs silent on the patterns that matter.
        Cli.Result r = Cli.run("streetlight", "--backend", "plain", "--out", dir.toString(), "--seed", "4");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*NOT learned: deep net's final error 1\\.\\d+ is above the threshold 0\\.05\\n.*"),
                r.out());
    }

    @Test
    void firstUpdateMatchesTheHandWorkedStep() {
        // Pattern (1,0,1), goal 0: prediction 0.5 - 0.7 = -0.2, delta -0.2, weights -= 0.1 * (1,0,1) * -0.2.
        StreetlightCommand.Run one = StreetlightCommand.singleLayer(plain, new double[][] {{1, 0, 1}}, new double[] {0},
                StreetlightCommand.BOOK_WEIGHTS, 0.1, 1);
        assertArrayEquals(new double[] {0.52, 0.48, -0.68}, one.weights(), 1e-12);
        assertEquals(0.04, one.errors()[0], 1e-12);
    }

    @Test
    void noSingleLayerGoesBelowTheBoundOnXorButTheDeepNetDoes() {
        // Even with many more iterations and a small step, the single layer stays above 1.0 (the proved bound).
        StreetlightCommand.Run single = StreetlightCommand.singleLayer(plain, StreetlightCommand.XOR_LIGHTS,
                StreetlightCommand.XOR_WALK, StreetlightCommand.BOOK_WEIGHTS, 0.01, 3000);
        double error = 0;   // of the final weights on all four patterns, computed here in double
        for (int i = 0; i < 4; i++) {
            double p = 0;
            for (int j = 0; j < 3; j++) {
                p += StreetlightCommand.XOR_LIGHTS[i][j] * single.weights()[j];
            }
            error += (p - StreetlightCommand.XOR_WALK[i]) * (p - StreetlightCommand.XOR_WALK[i]);
        }
        assertTrue(error >= StreetlightCommand.SINGLE_LAYER_BOUND - 1e-12, "single layer error " + error);
        assertTrue(error < 1.01, "it gets close to the bound: " + error);
        double[] deep = StreetlightCommand.deep(plain, StreetlightCommand.XOR_LIGHTS, StreetlightCommand.XOR_WALK, 1,
                0.2, 60);
        assertTrue(StreetlightCommand.last(deep) < 0.05, "deep error " + StreetlightCommand.last(deep));
    }

    @Test
    void sameNumbersOnEveryBackend() {
        double[] a = StreetlightCommand.deep(plain, StreetlightCommand.XOR_LIGHTS, StreetlightCommand.XOR_WALK, 1, 0.2, 60);
        double[] b = StreetlightCommand.deep(Backends.get("ejml"), StreetlightCommand.XOR_LIGHTS,
                StreetlightCommand.XOR_WALK, 1, 0.2, 60);
        assertArrayEquals(a, b, 1e-9);
    }
}
