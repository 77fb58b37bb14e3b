package dev.nn4j.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Toy facade on one backend (made the default for the duration of each test): XOR, the
 * toy's exact update rule, learning rate, activation, copy, mutate, JSON and input errors.
 */
public abstract class NeuralNetworkConformance {

    /** The backend under test. */
    protected abstract Backend backend();

    private static final double[][] XOR_IN = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] XOR_OUT = {{0}, {1}, {1}, {0}};

    @BeforeEach
    void useBackend() {
        Backends.setDefault(backend().name());
    }

    @AfterEach
    void restoreDefault() {
        Backends.setDefault(null);
    }

    @Test
    void learnsXorWithTheDefaults() {
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 3);
        for (int i = 0; i < 60_000; i++) {
            nn.train(XOR_IN[i % 4], XOR_OUT[i % 4]);
        }
        for (int k = 0; k < 4; k++) {
            double out = nn.predict(XOR_IN[k])[0];
            assertEquals(XOR_OUT[k][0], out, 0.2, "xor" + java.util.Arrays.toString(XOR_IN[k]) + " -> " + out);
        }
    }

    /**
     * One train() call against the toy network's algorithm written out by hand in double:
     * hidden = σ(W1ᵀx + b1), out = σ(W2ᵀh + b2); gradient = σ'(out) ⊙ (target − out) · lr;
     * W2 += h · gradientᵀ; hidden error = W2 · (target − out)-weighted deltas, and so on.
     */
    @Test
    void oneTrainStepIsTheToyUpdateRule() {
        NeuralNetwork nn = new NeuralNetwork(2, 3, 2, 11);
        nn.setLearningRate(0.25);
        double[][] w1 = matrix(nn.model().parameters().get(0), 2, 3);
        double[] b1 = nn.model().parameters().get(1).value().toDoubleArray();
        double[][] w2 = matrix(nn.model().parameters().get(2), 3, 2);
        double[] b2 = nn.model().parameters().get(3).value().toDoubleArray();
        double[] x = {0.3, -0.7};
        double[] t = {1, 0};

        double[] h = new double[3];
        for (int j = 0; j < 3; j++) {
            h[j] = sigmoid(x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j]);
        }
        double[] o = new double[2];
        for (int k = 0; k < 2; k++) {
            o[k] = sigmoid(h[0] * w2[0][k] + h[1] * w2[1][k] + h[2] * w2[2][k] + b2[k]);
        }
        double[] gradOut = new double[2];
        for (int k = 0; k < 2; k++) {
            gradOut[k] = o[k] * (1 - o[k]) * (t[k] - o[k]) * 0.25;
        }
        double[] gradHidden = new double[3];
        for (int j = 0; j < 3; j++) {
            double err = w2[j][0] * (t[0] - o[0]) * o[0] * (1 - o[0]) + w2[j][1] * (t[1] - o[1]) * o[1] * (1 - o[1]);
            gradHidden[j] = h[j] * (1 - h[j]) * err * 0.25;
        }
        nn.train(x, t);

        double[][] w2After = matrix(nn.model().parameters().get(2), 3, 2);
        double[][] w1After = matrix(nn.model().parameters().get(0), 2, 3);
        double[] b2After = nn.model().parameters().get(3).value().toDoubleArray();
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(w2[j][k] + h[j] * gradOut[k], w2After[j][k], 1e-6, "w2[" + j + "][" + k + "]");
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(w1[i][j] + x[i] * gradHidden[j], w1After[i][j], 1e-6, "w1[" + i + "][" + j + "]");
            }
        }
        for (int k = 0; k < 2; k++) {
            assertEquals(b2[k] + gradOut[k], b2After[k], 1e-6, "b2[" + k + "]");
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[][] matrix(Parameter p, int rows, int cols) {
        double[] flat = p.value().toDoubleArray();
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, m[i], 0, cols);
        }
        return m;
    }

    private static double[] weights(NeuralNetwork nn) {
        return nn.model().parameters().get(0).value().toDoubleArray();
    }

    @Test
    void changingTheLearningRateChangesTheStep() {
        NeuralNetwork a = new NeuralNetwork(2, 4, 1, 5);
        NeuralNetwork b = a.copy();
        b.setLearningRate(0.3);
        double[] before = weights(a);
        a.train(XOR_IN[1], XOR_OUT[1]);
        b.train(XOR_IN[1], XOR_OUT[1]);
        double[] da = weights(a);
        double[] db = weights(b);
        boolean moved = false;
        for (int i = 0; i < before.length; i++) {
            double stepA = da[i] - before[i];
            double stepB = db[i] - before[i];
            if (Math.abs(stepA) > 1e-7) {
                moved = true;
                assertEquals(3.0, stepB / stepA, 1e-3, "step ratio of weight " + i);
            }
        }
        assertTrue(moved, "one step must move some weight");
        assertEquals(0.3, b.getLearningRate());
        assertEquals(NeuralNetwork.DEFAULT_LEARNING_RATE, a.getLearningRate());
    }

    @Test
    void copyIsDeepAndKeepsSettings() {
        NeuralNetwork a = new NeuralNetwork(2, new int[] {3, 2}, 1, 9);
        a.setActivation(Activation.TANH);
        a.setLearningRate(0.05);
        NeuralNetwork c = a.copy();
        assertEquals(Activation.TANH, c.getActivation());
        assertEquals(0.05, c.getLearningRate());
        assertArrayEquals(a.predict(XOR_IN[2]), c.predict(XOR_IN[2]), 0.0);
        double[] before = a.predict(XOR_IN[2]);
        for (int i = 0; i < 50; i++) {
            c.train(XOR_IN[2], XOR_OUT[2]);
        }
        assertArrayEquals(before, a.predict(XOR_IN[2]), 0.0, "training the copy must not touch the original");
        assertNotEquals(before[0], c.predict(XOR_IN[2])[0]);
    }

    @Test
    void jsonRoundTripIsLossless() {
        NeuralNetwork a = new NeuralNetwork(3, new int[] {5, 4}, 2, 21);
        a.setActivation(Activation.leakyRelu(0.02));
        a.setLearningRate(0.07);
        for (int i = 0; i < 30; i++) {
            a.train(new double[] {i % 2, 0.5, -1}, new double[] {0.2, 0.9});
        }
        String json = a.toJson();
        NeuralNetwork b = NeuralNetwork.fromJson(json);
        assertEquals(Activation.leakyRelu(0.02), b.getActivation());
        assertEquals(0.07, b.getLearningRate());
        assertEquals(json, b.toJson());
        double[] in = {0.1, 0.2, 0.3};
        assertArrayEquals(a.predict(in), b.predict(in), 0.0);
        a.train(in, new double[] {1, 0});
        b.train(in, new double[] {1, 0});
        assertArrayEquals(a.predict(in), b.predict(in), 0.0, "the learning rate must survive too");
    }

    @Test
    void malformedJsonNamesTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson("{"))
                .getMessage().startsWith("fromJson: not valid JSON"));
        String json = new NeuralNetwork(2, 2, 1, 1).toJson().replace("\"activation\":\"sigmoid\"", "\"activation\":7");
        assertEquals("fromJson: field 'activation' is missing or not a string",
                assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson(json)).getMessage());
    }

    @Test
    void mutateChangesWeightsAsAsked() {
        NeuralNetwork a = new NeuralNetwork(2, 4, 1, 4);
        double[] before = weights(a);
        a.mutate(0.0);
        assertArrayEquals(before, weights(a), 0.0);
        a.mutate(1.0);
        double[] after = weights(a);
        for (int i = 0; i < before.length; i++) {
            assertNotEquals(before[i], after[i], "rate 1 mutates every weight");
        }
        a.mutate(w -> 0);
        assertArrayEquals(new double[] {0.5}, a.predict(XOR_IN[3]), 1e-7, "all-zero weights give sigmoid(0)");
        assertThrows(IllegalArgumentException.class, () -> a.mutate(w -> Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> a.mutate(1.5));
    }

    @Test
    void copiesMutateDifferently() {
        NeuralNetwork parent = new NeuralNetwork(2, 4, 1, 4);
        NeuralNetwork c1 = parent.copy();
        NeuralNetwork c2 = parent.copy();
        c1.mutate(1.0);
        c2.mutate(1.0);
        assertNotEquals(weights(c1)[0], weights(c2)[0]);
    }

    @Test
    void sameSeedSameNetwork() {
        assertArrayEquals(weights(new NeuralNetwork(2, 4, 1, 77)), weights(new NeuralNetwork(2, 4, 1, 77)), 0.0);
    }

    @Test
    void wrongLengthsAndBadValuesAreRefused() {
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 1);
        assertEquals("predict: expected 2 input values, got 3",
                assertThrows(IllegalArgumentException.class, () -> nn.predict(new double[3])).getMessage());
        assertEquals("train: expected 1 target values, got 2",
                assertThrows(IllegalArgumentException.class, () -> nn.train(new double[2], new double[2])).getMessage());
        assertEquals("train: input[1] is NaN; values must be finite",
                assertThrows(IllegalArgumentException.class, () -> nn.train(new double[] {0, Double.NaN}, new double[1]))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> nn.setLearningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> nn.setActivation(Activation.SOFTMAX));
        assertThrows(IllegalArgumentException.class, () -> new NeuralNetwork(2, new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new NeuralNetwork(0, 4, 1));
    }

    @Test
    void learningRateZeroFreezesTheWeightsAndNegativeRatesAreRefused() {
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 3);
        nn.setLearningRate(0);
        assertEquals(0, nn.getLearningRate());
        double[] before = weights(nn);
        for (int i = 0; i < 10; i++) {
            nn.train(XOR_IN[i % 4], XOR_OUT[i % 4]);
        }
        assertArrayEquals(before, weights(nn), 0.0, "rate 0 leaves every weight as it was");
        NeuralNetwork back = NeuralNetwork.fromJson(nn.toJson());
        assertEquals(0, back.getLearningRate(), "rate 0 survives JSON");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nn.setLearningRate(-0.5)).getMessage()
                .contains("learning rate must be >= 0 and finite, got -0.5"));
        assertThrows(IllegalArgumentException.class, () -> nn.setLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> nn.setLearningRate(Double.POSITIVE_INFINITY));
    }

    @Test
    void jsonWithSizesItsParametersDoNotBackIsRefusedBeforeAllocating() {
        String json = new NeuralNetwork(2, 2, 1, 1).toJson();
        String huge = json.replace("\"hidden\":[2]", "\"hidden\":[2000000000]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson(huge)).getMessage()
                .contains("layer sizes [2, 2000000000, 1] need more than the 9 parameter values"));
        String negative = json.replace("\"inputs\":2", "\"inputs\":-2");
        assertEquals("fromJson: inputs must be an integer >= 1, got -2",
                assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson(negative)).getMessage());
        String text = json.replace("\"hidden\":[2]", "\"hidden\":[\"two\"]");
        assertEquals("fromJson: hidden[0] is not a number: two",
                assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson(text)).getMessage());
        String rate = json.replace("\"learningRate\":0.1", "\"learningRate\":-1");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson(rate)).getMessage()
                .contains("learningRate must be finite and >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson("null")).getMessage()
                .contains("expected a JSON object"));
        String softmax = json.replace("\"activation\":\"sigmoid\"", "\"activation\":\"softmax\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.fromJson(softmax)).getMessage()
                .contains("softmax"));
    }

    @Test
    void predictFromManyThreadsMatchesOneThread() throws Exception {
        NeuralNetwork nn = new NeuralNetwork(2, new int[] {8, 4}, 1, 6);
        double[][] in = new double[32][];
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = new double[] {Math.sin(i), Math.cos(3 * i)};
            expected[i] = nn.predict(in[i])[0];
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            wrong.add(pool.submit(() -> {
                int w = 0;
                for (int i = 0; i < 5000; i++) {
                    int k = (i * 5 + offset) % in.length;
                    w += nn.predict(in[k])[0] == expected[k] ? 0 : 1;
                }
                return w;
            }));
        }
        int total = 0;
        for (java.util.concurrent.Future<Integer> f : wrong) {
            total += f.get();
        }
        pool.shutdown();
        assertEquals(0, total, total + " of 20000 concurrent facade predictions differ");
    }

    @Test
    void activationChangeKeepsWeights() {
        NeuralNetwork nn = new NeuralNetwork(1, 1, 1, 8);
        nn.mutate(w -> 0.5);
        nn.setActivation(Activation.TANH);
        double h = Math.tanh(0.5 * 2 + 0.5);
        assertEquals(Math.tanh(0.5 * h + 0.5), nn.predict(new double[] {2})[0], 1e-6);
    }
}
