package dev.nn4j.conformance;

import dev.nn4j.autodiff.Recorder;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.tensor.Shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.FitConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The bad inputs a user can hand to the tensor factories, the model builder, the dense layer,
 * fit and predict on one backend: each throws at once with an exception whose message names
 * the problem and the sizes or values involved. Each test is a row of docs/reliability.md
 * (kernels called through {@code Ops} are in {@link ShapeErrorConformance}).
 */
public abstract class BadInputConformance extends ConformanceSupport {

    /** Asserts {@code type} is thrown with a message holding every fragment; returns the message. */
    static String expect(Class<? extends Throwable> type, Executable call, String... fragments) {
        Throwable e = assertThrows(type, call);
        String message = e.getMessage();
        for (String f : fragments) {
            assertTrue(message != null && message.contains(f), "message should contain '" + f + "' but was: " + message);
        }
        return message;
    }

    private Sequential.Builder xorBuilder() {
        return Sequential.builder().input(2).dense(3, Activation.TANH).dense(1, Activation.SIGMOID).loss(Losses.mse())
                .optimizer(new Sgd(0.1)).backend(backend());
    }

    // ---- tensor factories ----

    @Test
    void tensorShapesMustHaveZeroToSixPositiveDimensions() {
        expect(IllegalArgumentException.class, () -> backend().zeros(DType.FLOAT32, 2, 0), "shape", "[2, 0]", ">= 1");
        expect(IllegalArgumentException.class, () -> backend().zeros(DType.INT32, -3), "shape", "[-3]", ">= 1");
        expect(IllegalArgumentException.class, () -> backend().zeros(DType.FLOAT32, 1, 1, 1, 1, 1, 1, 1), "shape",
                "rank must be 0 to 6", "7 dimensions");
        expect(IllegalArgumentException.class, () -> backend().zeros(DType.FLOAT32, 100000, 100000), "shape",
                "[100000, 100000]");
        assertEquals(0, backend().zeros(DType.FLOAT32).rank(), "no dimensions: a scalar");
        assertEquals(6, backend().zeros(DType.INT64, 1, 2, 1, 2, 1, 2).rank());
    }

    @Test
    void factoriesCheckTheLengthOfTheValues() {
        expect(IllegalArgumentException.class, () -> backend().fromArray(new float[5], 2, 3), "setAll", "[2x3]", "6",
                "5");
        expect(IllegalArgumentException.class, () -> backend().fromArray(new double[7], 2, 3), "setAll", "[2x3]", "7");
        Tensor t = backend().zeros(DType.FLOAT64, 4);
        expect(IllegalArgumentException.class, () -> t.setAll(new double[3]), "setAll", "[4]", "3");
    }

    @Test
    void matrixRowsMustBeNonEmptyRectangularAndNotNull() {
        expect(IllegalArgumentException.class, () -> backend().matrix(new double[][] {{1, 2}, {3}}), "matrix",
                "row 0 has 2 columns but row 1 has 1");
        expect(IllegalArgumentException.class, () -> backend().matrix(new double[0][]), "matrix", "at least one row");
        expect(IllegalArgumentException.class, () -> backend().matrix(new double[][] {{}}), "matrix",
                "needs at least one column, got 1 row of 0 values");
        expect(NullPointerException.class, () -> backend().matrix(null), "matrix", "rows");
        expect(NullPointerException.class, () -> backend().matrix(new double[][] {{1}, null}), "matrix", "row 1");
    }

    @Test
    void elementAccessOutsideTheShapeNamesIndexAndShape() {
        Tensor t = backend().zeros(DType.FLOAT32, 2, 3);
        expect(IndexOutOfBoundsException.class, () -> t.get(2, 0), "index", "[2, 0]", "[2x3]");
        expect(IllegalArgumentException.class, () -> t.get(1), "index", "rank 2");
    }

    // ---- the builder ----

    @Test
    void modelsRefuseIntegerDtypes() {
        expect(IllegalArgumentException.class, () -> Sequential.builder().dtype(DType.INT32), "model builder",
                "INT32", "FLOAT32 or FLOAT64");
        expect(IllegalArgumentException.class, () -> xorBuilder().dtype(DType.INT64).build(), "INT64",
                "FLOAT32 or FLOAT64");
    }

    @Test
    void builderRejectsSizesBelowOneNamingTheLayer() {
        expect(IllegalArgumentException.class, () -> Sequential.builder().input(0), "input size", ">= 1", "0");
        expect(IllegalArgumentException.class, () -> Sequential.builder().input(2).dense(4, Activation.RELU)
                .dense(-1, Activation.RELU), "layer1 (dense)", "units", "-1");
        expect(NullPointerException.class, () -> Sequential.builder().input(2).dense(4, null), "layer0 (dense)",
                "activation");
        expect(IllegalArgumentException.class, () -> new DenseConfig(0, 3, Activation.RELU), "dense", "0 and 3");
    }

    @Test
    void builderRejectsMissingPartsAtBuild() {
        expect(IllegalStateException.class, () -> Sequential.builder().input(2).loss(Losses.mse())
                .optimizer(new Sgd(0.1)).backend(backend()).build(), "no layers");
        expect(IllegalStateException.class, () -> Sequential.builder().input(2).dense(1, Activation.SIGMOID)
                .optimizer(new Sgd(0.1)).backend(backend()).build(), "loss is required");
        expect(IllegalStateException.class, () -> Sequential.builder().input(2).dense(1, Activation.SIGMOID)
                .loss(Losses.mse()).backend(backend()).build(), "optimizer is required");
        expect(IllegalStateException.class, () -> Sequential.builder().dense(1, Activation.SIGMOID).loss(Losses.mse())
                .optimizer(new Sgd(0.1)).backend(backend()).build(), "input shape is not set");
        expect(NullPointerException.class, () -> Sequential.builder().backend(null), "backend");
        expect(NullPointerException.class, () -> Sequential.builder().loss(null), "loss");
    }

    @Test
    void builderRejectsALossThatDoesNotFitTheOutputLayer() {
        expect(IllegalStateException.class, () -> Sequential.builder().input(2).dense(3, Activation.SIGMOID)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).backend(backend()).build(),
                "softmax_cross_entropy", "layer0", "sigmoid");
    }

    @Test
    void builderRejectsLayersThatDoNotChain() {
        expect(IllegalStateException.class, () -> Sequential.builder().input(2).dense(3, Activation.TANH)
                .layer(new DenseConfig(4, 1, Activation.SIGMOID)).loss(Losses.mse()).optimizer(new Sgd(0.1))
                .backend(backend()).build(), "layer1", "[4]", "[3]");
    }

    // ---- the dense layer ----

    @Test
    void denseLayerRejectsAnInputOfTheWrongWidthOrDtype() {
        Sequential m = xorBuilder().build();
        Layer dense = m.layers().get(0);
        Recorder r = new Recorder();
        Scope scope = new Scope(r, Mode.INFERENCE);
        expect(IllegalArgumentException.class, () -> dense.forward(scope, r.input("wide", Shape.matrix(1, 3),
                DType.FLOAT32, false)), "linear", "x is [1x3] FLOAT32", "weights is [2x3] FLOAT32");
        expect(IllegalArgumentException.class, () -> dense.forward(scope, r.input("double", Shape.matrix(1, 2),
                DType.FLOAT64, false)), "linear", "x is [1x2] FLOAT64", "one dtype");
    }

    // ---- fit and predict ----

    @Test
    void predictRejectsInputsOfTheWrongWidthNamingBothSizes() {
        Sequential m = xorBuilder().build();
        expect(IllegalArgumentException.class, () -> m.predict(new double[] {1, 2, 3}), "[1x3]", "[batch x 2]");
        expect(IllegalArgumentException.class, () -> m.predict(new double[][] {{1, 2}, {3, 4, 5}}), "matrix",
                "row 1 has 3");
        expect(IllegalArgumentException.class, () -> m.predict(new double[0][]), "matrix", "at least one row");
        expect(IllegalArgumentException.class, () -> m.predict(new double[] {}), "predict",
                "the sample is empty (0 values); the model takes 2 inputs");
        expect(IllegalArgumentException.class, () -> m.predict(backend().zeros(DType.FLOAT32, 4, 5)), "[4x5]",
                "[batch x 2]");
        expect(NullPointerException.class, () -> m.predict((double[]) null), "matrix", "row 0");
        assertArrayEquals(m.predict(new double[] {1, 0}), m.predict(backend().matrix(DType.FLOAT64,
                new double[][] {{1, 0}})).toDoubleArray(), 0, "a FLOAT64 input is converted, not refused");
    }

    @Test
    void trainingStepsRejectTargetsOfTheWrongShape() {
        Sequential m = xorBuilder().build();
        Tensor x = backend().zeros(DType.FLOAT32, 4, 2);
        expect(IllegalArgumentException.class, () -> m.trainStep(x, backend().zeros(DType.FLOAT32, 3, 1)),
                "target", "[3x1]", "[4x1]");
        expect(IllegalArgumentException.class, () -> m.computeGradients(x, backend().zeros(DType.FLOAT32, 4, 2)),
                "target", "[4x2]", "[4x1]");
    }

    @Test
    void fitRejectsDatasetsOfTheWrongWidthAndNullArguments() {
        Sequential m = xorBuilder().build();
        expect(IllegalArgumentException.class, () -> m.fit(Dataset.of(new double[][] {{1, 2, 3}},
                new double[][] {{1}}), FitConfig.builder().build()), "3 features", "2 inputs");
        expect(IllegalArgumentException.class, () -> m.fit(Dataset.of(new double[][] {{1, 2}},
                new double[][] {{1, 0}}), FitConfig.builder().build()), "2 target values", "1 outputs");
        expect(NullPointerException.class, () -> m.fit(null, FitConfig.builder().build()), "fit", "data");
        expect(NullPointerException.class, () -> m.fit(Dataset.of(new double[][] {{1, 2}}, new double[][] {{1}}),
                null), "fit", "config");
    }

    @Test
    void datasetsMustBeNonEmptyAndRectangular() {
        expect(IllegalArgumentException.class, () -> Dataset.of(new double[0][], new double[0][]), "dataset");
        expect(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{1, 2}, {3, 4}},
                new double[][] {{1}}), "dataset", "2", "1");
        expect(IllegalArgumentException.class, () -> new Dataset(new float[5], 2, new float[2], 1), "dataset", "5",
                "multiple of 2");
        expect(IllegalArgumentException.class, () -> new Dataset(new float[4], 0, new float[2], 1), "featureCount",
                ">= 1");
        expect(IllegalArgumentException.class, () -> Dataset.classification(new float[4], 2, new int[] {0, 3}, 3),
                "label 3", "sample 1", "0..2");
    }
}
