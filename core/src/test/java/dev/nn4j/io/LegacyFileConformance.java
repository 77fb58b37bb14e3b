package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.toy.NeuralNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by nn4j 0.1 (revision 48a7402; {@link LegacyFixtures} made them) load on one backend and predict
 * what 0.1 predicted: float32 models within 1e-5 (0.1 ran the reference array kernels; backends differ in the last
 * bits of float32 sums), float64 models within 1e-12, the Toy facade's JSON within 1e-6. Saving a loaded file
 * again, with the optimizer state it was saved with (Adam's moments and step count, SGD's velocities), writes the
 * same bytes, so the format has not drifted. Each backend module runs it; {@link LegacyTrainingConformance} trains
 * from these files.
 */
public abstract class LegacyFileConformance {
    private static final String DIR = "/dev/nn4j/io/v0.1/";

    /** The backend under test. */
    protected abstract Backend backend();

    @TempDir
    Path dir;

    /** The bytes of fixture {@code name}. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = LegacyFileConformance.class.getResourceAsStream(DIR + name)) {
            assertTrue(in != null, "fixture " + DIR + name + " is on the test class path");
            return in.readAllBytes();
        }
    }

    /** 0.1's outputs by fixture name, parsed from {@code expected.txt}. */
    private static Map<String, double[][]> expected() throws IOException {
        return hexRows("expected.txt");
    }

    /** The entries of a file of named rows of hexadecimal doubles ({@code expected.txt}, {@code training.txt}). */
    static Map<String, double[][]> hexRows(String file) throws IOException {
        Map<String, double[][]> out = new HashMap<>();
        String name = null;
        List<double[]> rows = new ArrayList<>();
        for (String line : new String(resource(file), StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("0x") && !line.startsWith("-0x")) {
                if (name != null) {
                    out.put(name, rows.toArray(new double[0][]));
                }
                name = line;
                rows = new ArrayList<>();
            } else {
                String[] cells = line.split(" ");
                double[] row = new double[cells.length];
                for (int j = 0; j < row.length; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                rows.add(row);
            }
        }
        out.put(name, rows.toArray(new double[0][]));
        return out;
    }

    private Sequential load(String name) throws IOException {
        return load(dir, name, backend());
    }

    /** Fixture {@code name} loaded on {@code backend} from a copy in {@code dir}. */
    static Sequential load(Path dir, String name, Backend backend) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, resource(name));
        return ModelFile.load(file, backend);
    }

    private static void assertRowsClose(String what, double[][] expected, double[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tolerance, what + ": row " + i);
        }
    }

    /** Loads fixture {@code name}, checks its predictions on {@code x} against 0.1's and that saving it again gives its bytes. */
    private Sequential assertAsIn01(String name, double[][] x, double tolerance, boolean optimizerState) throws IOException {
        Sequential m = load(name);
        assertRowsClose(name, expected().get(name), m.predict(x), tolerance);
        assertArrayEquals(resource(name), ModelFile.toBytes(m, optimizerState), name + ": bytes written again");
        return m;
    }

    @Test
    void float32MlpWithAdamStatePredictsAsIn01AndSavesTheSameBytes() throws IOException {
        assertEquals(DType.FLOAT32, assertAsIn01(LegacyFixtures.MLP, LegacyFixtures.mlpInputs(), 1e-5, true).dtype());
    }

    @Test
    void float64MlpPredictsAsIn01() throws IOException {
        assertEquals(DType.FLOAT64, assertAsIn01(LegacyFixtures.MLP64, LegacyFixtures.mlpInputs(), 1e-12, false).dtype());
    }

    @Test
    void cnnWithBatchNormStatisticsAndEveryImageLayerPredictsAsIn01() throws IOException {
        assertAsIn01(LegacyFixtures.CNN, LegacyFixtures.cnnInputs(), 1e-5, true);
    }

    @Test
    void float32MlpWithSgdMomentumStatePredictsAsIn01AndSavesTheSameBytes() throws IOException {
        Sequential m = assertAsIn01(LegacyFixtures.MLP_MOMENTUM, LegacyFixtures.mlpInputs(), 1e-5, true);
        assertEquals(DType.FLOAT32, m.dtype());
        Sgd sgd = assertInstanceOf(Sgd.class, m.optimizer());
        assertEquals(0.9, sgd.momentum());
        assertFalse(sgd.nesterov());
    }

    @Test
    void float64MlpWithNesterovStatePredictsAsIn01AndSavesTheSameBytes() throws IOException {
        Sequential m = assertAsIn01(LegacyFixtures.MLP_NESTEROV64, LegacyFixtures.mlpInputs(), 1e-12, true);
        assertEquals(DType.FLOAT64, m.dtype());
        Sgd sgd = assertInstanceOf(Sgd.class, m.optimizer());
        assertEquals(0.9, sgd.momentum());
        assertTrue(sgd.nesterov());
    }

    @Test
    void toyFacadeJsonPredictsAsIn01AndStaysLossless() throws IOException {
        String json = new String(resource(LegacyFixtures.TOY), StandardCharsets.UTF_8);
        Backends.setDefault(backend().name());
        try {
            NeuralNetwork nn = NeuralNetwork.fromJson(json);
            double[][] x = LegacyFixtures.toyInputs();
            double[][] out = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = nn.predict(x[i]);
            }
            assertRowsClose(LegacyFixtures.TOY, expected().get(LegacyFixtures.TOY), out, 1e-6);
            assertEquals(json, nn.toJson(), "JSON written again");
        } finally {
            Backends.setDefault(null);
        }
    }
}
