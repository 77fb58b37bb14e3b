package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.nn.Sequential;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training as nn4j 0.1 (revision 48a7402) trained, from its files and from a seed: {@code training.txt} holds the
 * losses and weights that 0.1 got on its plain backend ({@link LegacyFixtures#main} wrote them), and this class
 * repeats the same steps on one backend. Resumed training loads a file with optimizer state (Adam's moments and
 * step count, SGD's velocities with and without Nesterov's variant, the CNN's batch norm statistics and dropout
 * stream) and takes {@value LegacyFixtures#RESUMED_STEPS} steps; the MLP trained from its seed takes
 * {@value LegacyFixtures#SEEDED_STEPS} steps from its initial weights. The batches are 8, 8, 8, 8 and 4 rows of
 * fixed data ({@link LegacyFixtures#train}), so the batch size changes between steps as in 0.1's {@code fit}.
 *
 * <p>A backend that {@linkplain #trainsBitForBitAs01() trains bit for bit as 0.1} must give the same losses,
 * weights and outputs to the last bit: the plain backend, whose kernels add in 0.1's order at every vector width,
 * so any change to the order of a sum, a fused step or an optimizer update shows here. Other backends run other
 * kernels (EJML's products, ND4J's native ones) whose float32 sums differ from plain's in their last bits; they
 * must stay within the tolerances below, relative to values above 1 and absolute below. Each backend module runs
 * this class.
 */
public abstract class LegacyTrainingConformance {
    /**
     * How far a float32 loss or weight of a backend that is not bit for bit may be from 0.1's: 1e-4. Measured on
     * EJML and ND4J (Intel Xeon kind): at most 2.4e-7 after 10 resumed steps or 20 steps from the seed, rounding
     * differences carried through the steps. Faults sit far above it: resuming with a fresh optimizer state moves
     * losses by 5e-2 to 1.2e-1 and weights by 5e-2, and one step fewer moves weights by 1.5e-2 or more.
     */
    static final double FLOAT32_TOLERANCE = 1e-4;
    /** The same for float64: 1e-12, as for 0.1's float64 predictions (measured: at most 3.3e-16). */
    static final double FLOAT64_TOLERANCE = 1e-12;
    /**
     * How far the resumed CNN's outputs may be from 0.1's on a backend that is not bit for bit: 5e-3. Its first
     * convolution's bias feeds batch norm, which removes it, so that bias's gradient is rounding noise only, and
     * Adam turns noise into steps of up to its learning rate (0.005): after 10 steps the bias and batch norm's
     * running mean differ between backends by up to 1e-2 (ND4J, measured), and since inference subtracts the
     * running mean instead of the batch's, outputs differ by up to 2.7e-4 (EJML 8.8e-5). The losses are unaffected
     * (batch norm in training removes the bias) and are held to {@link #FLOAT32_TOLERANCE}. At most 10 steps of
     * 0.005 bound that drift; one step fewer moves these outputs by 1.7e-2, a fresh optimizer state by 8e-2.
     */
    static final double CNN_OUTPUT_TOLERANCE = 5e-3;

    /** The backend under test. */
    protected abstract Backend backend();

    /**
     * Whether this backend must repeat 0.1's training bit for bit: true for the plain backend (0.1's training ran
     * on it, at every vector width its kernels add in the same order), false for the others.
     */
    protected boolean trainsBitForBitAs01() {
        return false;
    }

    @TempDir
    Path dir;

    @Test
    void float32MlpWithAdamStateResumesTrainingAsIn01() throws IOException {
        assertResumesAs01(LegacyFixtures.MLP);
    }

    @Test
    void float32MlpWithSgdMomentumStateResumesTrainingAsIn01() throws IOException {
        assertResumesAs01(LegacyFixtures.MLP_MOMENTUM);
    }

    @Test
    void float64MlpWithNesterovStateResumesTrainingAsIn01() throws IOException {
        assertResumesAs01(LegacyFixtures.MLP_NESTEROV64);
    }

    @Test
    void cnnWithAdamStateBatchNormAndDropoutResumesTrainingAsIn01() throws IOException {
        assertResumesAs01(LegacyFixtures.CNN);
    }

    @Test
    void mlpFromItsSeedTrainsTwentyStepsAsIn01() throws IOException {
        Map<String, double[][]> expected = LegacyFileConformance.hexRows("training.txt");
        try (Sequential m = LegacyFixtures.seededMlp(backend())) {
            double[][][] data = {LegacyFixtures.mlpTrainingInputs(), LegacyFixtures.mlpTrainingTargets()};
            assertFollows01(LegacyFixtures.SEEDED + " losses", expected, DType.FLOAT32,
                    LegacyFixtures.train(m, data[0], data[1], LegacyFixtures.SEEDED_STEPS));
            assertWeightsAsIn01(LegacyFixtures.SEEDED, expected, m);
        }
    }

    /** Loads {@code name}, trains it as 0.1 did after loading it, and compares losses and weights (the CNN: outputs). */
    private void assertResumesAs01(String name) throws IOException {
        Map<String, double[][]> expected = LegacyFileConformance.hexRows("training.txt");
        try (Sequential m = LegacyFileConformance.load(dir, name, backend())) {
            double[][][] data = LegacyFixtures.trainingData(name);
            String prefix = name + " resumed";
            assertFollows01(prefix + " losses", expected, m.dtype(),
                    LegacyFixtures.train(m, data[0], data[1], LegacyFixtures.RESUMED_STEPS));
            if (name.equals(LegacyFixtures.CNN)) {
                double[][] out = m.predict(LegacyFixtures.cnnInputs());
                double[][] want = expected.get(prefix + " predictions");
                assertNotNull(want, prefix + " predictions: in training.txt");
                assertEquals(want.length, out.length, prefix + " predictions: rows");
                for (int i = 0; i < out.length; i++) {
                    assertClose(prefix + " predictions, row " + i, want[i], out[i], CNN_OUTPUT_TOLERANCE);
                }
            } else {
                assertWeightsAsIn01(prefix, expected, m);
            }
        }
    }

    /** Every parameter of {@code m} against entry {@code "prefix name"}, and no entry of that prefix left over. */
    private void assertWeightsAsIn01(String prefix, Map<String, double[][]> expected, Sequential m) {
        Set<String> recorded = new TreeSet<>();
        for (String key : expected.keySet()) {
            if (key.startsWith(prefix + " ") && !key.endsWith(" losses")) {
                recorded.add(key);
            }
        }
        Set<String> parameters = new TreeSet<>();
        for (Parameter p : m.parameters()) {
            parameters.add(prefix + " " + p.name());
            assertFollows01(prefix + " " + p.name(), expected, m.dtype(), p.value().toDoubleArray());
        }
        assertEquals(recorded, parameters, prefix + ": the parameters 0.1 recorded");
    }

    private void assertFollows01(String entry, Map<String, double[][]> expected, DType dtype, double[] actual) {
        double[][] rows = expected.get(entry);
        assertNotNull(rows, entry + ": in training.txt");
        assertEquals(1, rows.length, entry + ": one row in training.txt");
        assertClose(entry, rows[0], actual, dtype == DType.FLOAT64 ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE);
    }

    /** Bit for bit where {@link #trainsBitForBitAs01()}, otherwise within {@code tolerance}. */
    private void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": values");
        if (trainsBitForBitAs01()) {
            assertArrayEquals(expected, actual, what + " on " + backend().name() + ": bit for bit as in 0.1");
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * scale, what + " on " + backend().name()
                    + ": value " + i + " is " + actual[i] + ", 0.1 had " + expected[i] + " (tolerance " + tolerance
                    + (scale > 1 ? " relative)" : ")"));
        }
    }
}
