package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The model API: seeded initialisation, prediction, rebuilding from configs, builder validation. */
public abstract class ModelConformance extends LearningFixtures {

    private Sequential.Builder small(Initializer init, DType dtype, long seed) {
        return Sequential.builder().input(3).dense(4, Activation.RELU).dense(2, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).initializer(init).seed(seed)
                .backend(backend()).dtype(dtype);
    }

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void initialWeightsEqualValuesDrawnOnTheHost(Initializer init) {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Sequential model = small(init, dtype, 1234).build();
            Rng rng = new Rng(1234);
            double[] expected = concat(init.weights(rng, 3, 4), init.bias(rng, 3, 4), init.weights(rng, 4, 2),
                    init.bias(rng, 4, 2));
            if (dtype == DType.FLOAT32) {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (float) expected[i];
                }
            }
            assertArrayEquals(expected, flatten(model), 0, init + " " + dtype);
        }
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        assertNotEquals(flatten(small(Initializer.XAVIER, DType.FLOAT32, 1).build())[0],
                flatten(small(Initializer.XAVIER, DType.FLOAT32, 2).build())[0]);
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    @Test
    void predictMatchesAHandComputedForwardPass() {
        Sequential model = Sequential.builder().input(2).dense(2, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Losses.mse()).optimizer(new Sgd(0.1)).backend(backend()).dtype(DType.FLOAT64).build();
        double[] w1 = model.parameter("layer0.weights").value().toDoubleArray();
        double[] b1 = model.parameter("layer0.bias").value().toDoubleArray();
        double[] w2 = model.parameter("layer1.weights").value().toDoubleArray();
        double[] b2 = model.parameter("layer1.bias").value().toDoubleArray();
        for (double[] x : XOR_X) {
            double h0 = Math.tanh(x[0] * w1[0] + x[1] * w1[2] + b1[0]);
            double h1 = Math.tanh(x[0] * w1[1] + x[1] * w1[3] + b1[1]);
            double y = 1 / (1 + Math.exp(-(h0 * w2[0] + h1 * w2[1] + b2[0])));
            assertEquals(y, model.predict(x)[0], 1e-15);
        }
        Tensor batch = backend().matrix(DType.FLOAT64, XOR_X);
        Tensor out = model.predict(batch);
        assertEquals(4, out.rows());
        assertArrayEquals(model.predict(XOR_X[3]), new double[] {out.get(3, 0)}, 0);
    }

    @Test
    void aClosedModelRefusesEveryUseWithTheSameMessage() {
        Sequential model = small(Initializer.XAVIER, DType.FLOAT32, 1).build();
        Tensor x = backend().zeros(DType.FLOAT32, 2, 3);
        Tensor y = backend().zeros(DType.FLOAT32, 2, 2);
        model.close();
        model.close();   // a second close does nothing
        assertFails(IllegalStateException.class, () -> model.predict(new double[] {1, 2, 3}), "the model is closed");
        assertFails(IllegalStateException.class, () -> model.predict(x), "the model is closed");
        assertFails(IllegalStateException.class, () -> model.forward(x), "the model is closed");
        assertFails(IllegalStateException.class, () -> model.loss(x, y), "the model is closed");
        assertFails(IllegalStateException.class, () -> model.trainStep(x, y), "the model is closed");
        assertFails(IllegalStateException.class, () -> model.fit(dev.nn4j.data.Dataset.of(new double[][] {{1, 2, 3}},
                new double[][] {{1, 0}}), dev.nn4j.train.FitConfig.builder().build()), "the model is closed");
    }

    @Test
    void forwardReusesItsBuffersForOneBatchShape() {
        Sequential model = small(Initializer.XAVIER, DType.FLOAT32, 1).build();
        Tensor x = backend().zeros(DType.FLOAT32, 5, 3);
        Tensor first = model.forward(x);
        assertSame(first, model.forward(x));
        assertNotEquals(first.shape(), model.forward(backend().zeros(DType.FLOAT32, 2, 3)).shape());
        assertSame(first, model.forward(x));
    }

    @Test
    void aModelRebuiltFromItsConfigsAndParametersPredictsTheSame() {
        Sequential original = small(Initializer.HE, DType.FLOAT32, 5).build();
        List<LayerConfig> configs = original.layerConfigs();
        assertEquals(List.of(new DenseConfig(3, 4, Activation.RELU), new DenseConfig(4, 2, Activation.SOFTMAX)), configs);
        Sequential.Builder b = Sequential.builder().loss(Losses.parse(original.lossFunction().id()))
                .optimizer(new Sgd(0.1)).seed(99).backend(backend());
        for (LayerConfig c : configs) {
            b.layer(c);
        }
        Sequential copy = b.build();
        for (Parameter p : original.parameters()) {
            copy.parameter(p.name()).set(p.value().toDoubleArray());
        }
        double[][] x = {{0.1, -0.2, 0.3}, {1, 2, 3}};
        assertArrayEquals(original.predict(x)[1], copy.predict(x)[1], 0);
        assertEquals(List.of("layer0.weights", "layer0.bias", "layer1.weights", "layer1.bias"),
                copy.parameters().stream().map(Parameter::name).toList());
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, copy.parameterCount());
    }

    @Test
    void builderDefaultsToTheDefaultBackendAndFloat32() {
        Sequential model = Sequential.builder().input(1).dense(1, Activation.IDENTITY).loss(Losses.mse())
                .optimizer(new Sgd(0.1)).build();
        assertEquals(DType.FLOAT32, model.dtype());
        assertEquals(Initializer.XAVIER, model.initializer());
        assertEquals(Sequential.Builder.DEFAULT_SEED, model.seed());
    }

    @Test
    void builderNamesTheOffendingSetting() {
        assertFails(IllegalArgumentException.class, () -> Sequential.builder().input(0), "input size");
        assertFails(IllegalArgumentException.class,
                () -> Sequential.builder().input(2).dense(3, Activation.RELU).dense(0, Activation.RELU), "layer1 (dense)");
        assertFails(NullPointerException.class, () -> Sequential.builder().input(2).dense(3, null), "layer0");
        assertFails(IllegalStateException.class,
                () -> Sequential.builder().input(2).loss(Losses.mse()).optimizer(new Sgd(0.1)).build(), "no layers");
        assertFails(IllegalStateException.class, () -> Sequential.builder().dense(1, Activation.SIGMOID)
                .loss(Losses.mse()).optimizer(new Sgd(0.1)).backend(backend()).build(), "input shape is not set");
        assertFails(IllegalStateException.class, () -> Sequential.builder().input(2).dense(1, Activation.SIGMOID)
                .optimizer(new Sgd(0.1)).backend(backend()).build(), "loss is required");
        assertFails(IllegalStateException.class, () -> Sequential.builder().input(2).dense(1, Activation.SIGMOID)
                .loss(Losses.mse()).backend(backend()).build(), "optimizer is required");
        assertFails(IllegalStateException.class, () -> Sequential.builder().input(2).dense(4, Activation.RELU)
                .dense(1, Activation.SIGMOID).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1))
                .backend(backend()).build(), "layer1 (dense 4->1 sigmoid) uses sigmoid");
        assertFails(IllegalStateException.class, () -> Sequential.builder().input(2).dense(1, Activation.RELU)
                .loss(Losses.binaryCrossEntropy()).optimizer(new Sgd(0.1)).backend(backend()).build(), "sigmoid or softmax");
        assertFails(IllegalStateException.class, () -> Sequential.builder().input(2).dense(4, Activation.RELU)
                .layer(new DenseConfig(3, 1, Activation.SIGMOID)).loss(Losses.mse()).optimizer(new Sgd(0.1))
                .backend(backend()).build(), "layer1 (dense): takes [3] per sample but gets [4]");
    }

    @Test
    void wrongInputsAreRejectedWithTheirShapes() {
        Sequential model = small(Initializer.XAVIER, DType.FLOAT32, 1).build();
        assertFails(IllegalArgumentException.class, () -> model.forward(backend().zeros(DType.FLOAT32, 2, 4)), "[2x4]");
        assertFails(IllegalArgumentException.class, () -> model.forward(backend().zeros(DType.FLOAT64, 2, 3)), "FLOAT64");
        assertFails(IllegalArgumentException.class, () -> model.computeGradients(backend().zeros(DType.FLOAT32, 2, 3),
                backend().zeros(DType.FLOAT32, 3, 2)), "target is FLOAT32 [3x2]");
        assertFails(IllegalArgumentException.class, () -> model.parameter("layer7.bias"), "layer7.bias");
    }

    static void assertFails(Class<? extends Throwable> type, Executable e, String part) {
        Throwable t = assertThrows(type, e);
        assertTrue(t.getMessage() != null && t.getMessage().contains(part), "message: " + t.getMessage());
    }
}
