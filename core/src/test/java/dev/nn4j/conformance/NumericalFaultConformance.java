package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.data.Dataset;
import dev.nn4j.data.NonFiniteInputException;
import dev.nn4j.nn.Loss;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.DivergedLossException;
import dev.nn4j.train.EarlyStopping;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.NonFiniteLossException;
import dev.nn4j.train.NonFinitePolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Numerical faults on one backend: softmax and cross-entropy on logits of magnitude 1e4
 * (hand-worked exact values), NaN and infinite inputs rejected with row and column at
 * {@code fit} and (when switched on) {@code predict}, and an exploding loss stopping training
 * before the weights turn non-finite. Rows of docs/reliability.md point here.
 */
public abstract class NumericalFaultConformance extends ConformanceSupport {

    private static final double BIG = 1e4;

    // ---- softmax and cross-entropy on huge logits ----

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxOfLogitsOfMagnitude1e4IsFiniteAndExact(DType dtype) {
        Tensor z = matrix(dtype, new double[] {BIG, 0, -BIG}, new double[] {-BIG, -BIG, -BIG},
                new double[] {BIG, BIG, -BIG}, new double[] {-BIG, BIG, BIG - 1});
        // exp(-1e4) underflows to 0 in both dtypes; exp(-1) / (1 + exp(-1)) = 0.2689414213699951.
        double e = Math.exp(-1) / (1 + Math.exp(-1));
        double[] expected = {1, 0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0, 0, 1 - e, e};
        assertClose(expected, Ops.activation(Activation.SOFTMAX, z), dtype == DType.FLOAT32 ? 1e-6 : 1e-14,
                "softmax of logits +-1e4");
        Tensor log = backend().zeros(dtype, 4, 3);
        Ops.logSoftmax(z, log);
        // log softmax = z - max - log(sum exp(z - max)), worked row by row.
        double log3 = Math.log(3);
        double log2 = Math.log(2);
        double l1 = Math.log(1 + Math.exp(-1));
        double[] expectedLog = {0, -BIG, -2 * BIG, -log3, -log3, -log3, -log2, -log2, -2 * BIG - log2,
            -2 * BIG - l1, -l1, -1 - l1};
        assertClose(expectedLog, log, dtype == DType.FLOAT32 ? 1e-6 : 1e-12, "log-softmax of logits +-1e4");
    }

    /** A 2-input softmax layer whose logits for input {@code [1, 0]} are {@code [1e4, 0, -1e4]}. */
    private Sequential hugeLogitModel(DType dtype) {
        Sequential m = Sequential.builder().input(2).dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Sgd(0.1)).backend(backend()).dtype(dtype).build();
        m.parameter("layer0.weights").set(new double[] {BIG, 0, -BIG, 0, 0, 0});
        m.parameter("layer0.bias").set(new double[] {0, 0, 0});
        return m;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void crossEntropyOfLogitsOfMagnitude1e4IsFiniteWithExactGradients(DType dtype) {
        Sequential m = hugeLogitModel(dtype);
        Tensor x = matrix(dtype, new double[] {1, 0}, new double[] {1, 0});
        Tensor t = matrix(dtype, new double[] {1, 0, 0}, new double[] {0, 0, 1});
        // Row 0 is right with certainty: -log softmax = 0. Row 1 picks the -1e4 logit: -log softmax = 2e4. Mean 1e4.
        double loss = m.computeGradients(x, t);
        assertClose(BIG, loss, 1e-7, "softmax cross-entropy of logits +-1e4");
        // dL/dz = (p - t) / 2 per row: row 0 is 0, row 1 is [1, 0, -1] / 2; dW = x^T dz = [[0.5, 0, -0.5], [0, 0, 0]].
        assertClose(new double[] {0.5, 0, -0.5, 0, 0, 0}, m.parameter("layer0.weights").gradient(), 1e-7,
                "weight gradient");
        assertClose(new double[] {0.5, 0, -0.5}, m.parameter("layer0.bias").gradient(), 1e-7, "bias gradient");
        assertArrayEquals(new double[] {1, 0, 0}, m.predict(new double[] {1, 0}), 1e-7);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void unfusedLossesOnSaturatedOutputsStayFinite(DType dtype) {
        Tensor probabilities = Ops.activation(Activation.SOFTMAX, matrix(dtype, new double[] {BIG, -BIG}));
        Tensor grad = backend().zeros(dtype, 1, 2);
        Loss ce = Losses.softmaxCrossEntropy();
        // Probability 0 for the target class is clamped to 1e-7: -log(1e-7) = 16.118...
        double v = ce.compute(probabilities, matrix(dtype, new double[] {0, 1}), grad);
        assertClose(-Math.log(1e-7), v, 1e-6, "cross-entropy of a saturated softmax");
        assertAllFinite(grad, "cross-entropy gradient");
        Tensor sig = Ops.activation(Activation.SIGMOID, matrix(dtype, new double[] {BIG, -BIG}));
        assertClose(new double[] {1, 0}, sig, 0, "sigmoid of +-1e4");
        double bce = Losses.binaryCrossEntropy().compute(sig, matrix(dtype, new double[] {0, 1}), grad);
        assertTrue(Double.isFinite(bce) && bce > 15, "binary cross-entropy of saturated sigmoids is finite: " + bce);
        assertAllFinite(grad, "binary cross-entropy gradient");
    }

    private static void assertAllFinite(Tensor t, String what) {
        for (double v : t.toDoubleArray()) {
            assertTrue(Double.isFinite(v), what + " holds " + v);
        }
    }

    // ---- NaN and infinities in the data ----

    private Sequential small() {
        return Sequential.builder().input(3).dense(4, Activation.TANH).dense(2, Activation.IDENTITY)
                .loss(Losses.mse()).optimizer(new Sgd(0.1)).backend(backend()).build();
    }

    private static double[][] rows(int n, int cols) {
        double[][] r = new double[n][cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                r[i][j] = 0.1 * (i + 1) - 0.05 * j;
            }
        }
        return r;
    }

    @Test
    void fitRejectsNanAndInfinityNamingRowAndColumn() {
        double[][] x = rows(5, 3);
        double[][] y = rows(5, 2);
        x[3][2] = Double.NaN;
        NonFiniteInputException e = assertThrows(NonFiniteInputException.class,
                () -> small().fit(Dataset.of(x, y), FitConfig.builder().build()));
        assertEquals("fit: features row 3, column 2 is NaN; every input value must be finite", e.getMessage());
        assertEquals(3, e.row());
        assertEquals(2, e.column());
        x[3][2] = 0;
        y[4][1] = Double.NEGATIVE_INFINITY;
        e = assertThrows(NonFiniteInputException.class, () -> small().fit(Dataset.of(x, y), FitConfig.builder().build()));
        assertEquals("fit: targets row 4, column 1 is -Infinity; every input value must be finite", e.getMessage());
    }

    @Test
    void fitChecksTheValidationDataOfEarlyStoppingToo() {
        double[][] vx = rows(2, 3);
        vx[1][0] = Double.POSITIVE_INFINITY;
        Dataset validation = Dataset.of(vx, rows(2, 2));
        NonFiniteInputException e = assertThrows(NonFiniteInputException.class, () -> small().fit(
                Dataset.of(rows(4, 3), rows(4, 2)), FitConfig.builder()
                        .earlyStopping(EarlyStopping.onValidationLoss(validation, 2)).build()));
        assertTrue(e.getMessage().startsWith("fit (early stopping's validation data): features row 1, column 0 is"
                + " Infinity"), e.getMessage());
        e = assertThrows(NonFiniteInputException.class, () -> small().fit(Dataset.of(rows(4, 3), rows(4, 2)),
                FitConfig.builder().validationData(validation).build()));
        assertTrue(e.getMessage().startsWith("fit (validation data): features row 1, column 0 is Infinity"),
                e.getMessage());
    }

    @Test
    void withTheCheckOffANanReachesTheLossPolicy() {
        double[][] x = rows(4, 3);
        x[2][1] = Double.NaN;
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> small().fit(Dataset.of(x, rows(4, 2)),
                FitConfig.builder().batchSize(1).shuffle(false).checkFinite(false).build()));
        assertEquals(2, e.batch());
    }

    @Test
    void predictChecksInputsWhenTheModelIsAskedTo() {
        Sequential m = small();
        double[][] x = rows(3, 3);
        x[1][2] = Double.NaN;
        assertFalse(m.checksFiniteInputs(), "off by default");
        assertTrue(Double.isNaN(m.predict(x)[1][0]), "unchecked, a NaN input gives a NaN output row");
        m.checkFiniteInputs(true);
        NonFiniteInputException e = assertThrows(NonFiniteInputException.class, () -> m.predict(x));
        assertEquals("predict: input row 1, column 2 is NaN; every input value must be finite", e.getMessage());
        e = assertThrows(NonFiniteInputException.class, () -> m.predict(new double[] {0, Double.POSITIVE_INFINITY, 0}));
        assertEquals(0, e.row());
        assertEquals(1, e.column());
        Tensor t = backend().matrix(DType.FLOAT32, x);
        e = assertThrows(NonFiniteInputException.class, () -> m.predict(t));
        assertEquals(1, e.row());
        assertEquals(2, e.column());
        x[1][2] = 0;
        assertEquals(3, m.predict(x).length, "finite inputs pass");
    }

    // ---- exploding loss ----

    /** Linear regression y = 3x with a learning rate past the stable limit: the loss grows ~10x per step. */
    private Sequential explodingRegression() {
        Sequential m = Sequential.builder().input(1).dense(1, Activation.IDENTITY).loss(Losses.mse())
                .optimizer(new Sgd(2.2)).seed(5).backend(backend()).build();
        m.parameter("layer0.weights").set(new double[] {0});
        m.parameter("layer0.bias").set(new double[] {0});
        return m;
    }

    private static Dataset line() {
        double[][] x = {{1}, {-1}, {0.5}, {-0.5}};
        double[][] y = {{3}, {-3}, {1.5}, {-1.5}};
        return Dataset.of(x, y);
    }

    @Test
    void anExplodingLossStopsTrainingWhileTheWeightsAreFinite() {
        Sequential m = explodingRegression();
        List<Double> losses = new ArrayList<>();
        DivergedLossException e = assertThrows(DivergedLossException.class, () -> m.fit(line(),
                FitConfig.builder().epochs(200).fullBatch().listener(new dev.nn4j.train.TrainingListener() {
                    @Override
                    public void onBatchEnd(dev.nn4j.train.TrainingContext c) {
                        losses.add(c.loss());
                    }
                }).build()));
        assertTrue(Double.isFinite(e.loss()) && e.loss() > 1e6 * e.referenceLoss(), e.getMessage());
        assertEquals(losses.get(0), e.referenceLoss(), 0, "measured against the first batch loss");
        assertTrue(e.getMessage().contains("diverging") && e.getMessage().contains("lower learning rate (now 2.2)"),
                e.getMessage());
        for (Parameter p : m.parameters()) {
            for (double w : p.value().toDoubleArray()) {
                assertTrue(Double.isFinite(w), "weights stay finite: " + w);
            }
        }
        assertTrue(e.epoch() < 20, "caught within a few epochs, at epoch " + e.epoch());
    }

    @Test
    void withoutTheDivergenceTestTheSameRunEndsAtTheNonFiniteLoss() {
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> explodingRegression().fit(line(),
                FitConfig.builder().epochs(2000).fullBatch().divergenceFactor(Double.POSITIVE_INFINITY).build()));
        assertFalse(e instanceof DivergedLossException, e.getMessage());
        assertFalse(Double.isFinite(e.loss()));
        History h = explodingRegression().fit(line(), FitConfig.builder().epochs(5).fullBatch()
                .nonFinitePolicy(NonFinitePolicy.IGNORE).build());
        assertEquals(5, h.steps(), "IGNORE never stops");
    }

    @Test
    void ordinaryTrainingNeverTripsTheDivergenceTest() {
        Sequential m = Sequential.builder().input(1).dense(1, Activation.IDENTITY).loss(Losses.mse())
                .optimizer(new Sgd(0.2)).seed(5).backend(backend()).build();
        History h = m.fit(line(), FitConfig.builder().epochs(300).fullBatch().build());
        assertTrue(h.finalLoss() < 1e-6, "converges to a loss near zero, far below its first: " + h.finalLoss());
    }
}
