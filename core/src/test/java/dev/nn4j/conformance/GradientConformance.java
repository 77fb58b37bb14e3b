package dev.nn4j.conformance;

import java.util.List;
import dev.nn4j.autodiff.Arena;
import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Grads;
import dev.nn4j.autodiff.Op;
import dev.nn4j.autodiff.Out;
import dev.nn4j.autodiff.Recorder;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.StepContext;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.GradientCheck;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.Loss;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation against central differences in FLOAT64 (relative error below 1e-6) for
 * every activation, every loss, a Dense layer's input gradient and a 3-layer model; losses
 * and the Dense forward pass against hand-worked values. Subclasses supply the backend.
 */
public abstract class GradientConformance extends LearningFixtures {
    static final double TOLERANCE = 1e-6;

    static Stream<Activation> activations() {
        return Stream.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.leakyRelu(0.1), Activation.SOFTMAX, Activation.elu(0.7), Activation.GELU);
    }

    private Layer dense(int in, int out, Activation f, long seed) {
        Layer d = new DenseConfig(in, out, f).create("dense", backend(), DType.FLOAT64);
        d.initialize(Initializer.UNIFORM, new Rng(seed));
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void everyActivationThroughDenseMatchesCentralDifferences(Activation f) {
        Rng rng = new Rng(7);
        Layer layer = dense(3, 4, f, 11);
        Tensor x = random(rng, 5, 3, -1, 1);
        Tensor t = random(rng, 5, 4, -1, 1);
        GradientCheck.Report r = GradientCheck.check(layer, Losses.mse(), x, t);
        assertTrue(r.passes(TOLERANCE), r.toString());
        assertEquals(3 * 4 + 4 + 5 * 3, r.checked());
    }

    static Stream<Object[]> losses() {
        return Stream.of(new Object[] {Losses.mse(), Activation.IDENTITY},
                new Object[] {Losses.squaredError(), Activation.TANH},
                new Object[] {Losses.binaryCrossEntropy(), Activation.SIGMOID},
                new Object[] {Losses.softmaxCrossEntropy(), Activation.SOFTMAX});
    }

    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("losses")
    void everyLossThroughDenseMatchesCentralDifferences(Loss loss, Activation f) {
        Rng rng = new Rng(3);
        Layer layer = dense(4, 3, f, 5);
        Tensor x = random(rng, 6, 4, -1, 1);
        Tensor t = f.kind() == Activation.Kind.SOFTMAX ? probabilities(rng, 6, 3, true) : random(rng, 6, 3, 0, 1);
        GradientCheck.Report r = GradientCheck.check(layer, loss, x, t);
        assertTrue(r.passes(TOLERANCE), r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyLossGradientWithRespectToOutputsMatchesCentralDifferences(Loss loss, Activation f) {
        Rng rng = new Rng(9);
        boolean probabilities = f.kind() == Activation.Kind.SOFTMAX;
        Tensor y = probabilities ? probabilities(rng, 3, 4, false) : random(rng, 3, 4, 0.05, 0.95);
        Tensor t = probabilities ? probabilities(rng, 3, 4, true) : random(rng, 3, 4, 0, 1);
        Tensor g = backend().zeros(DType.FLOAT64, 3, 4);
        loss.compute(y, t, g);
        double[] analytic = g.toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double v = y.get(i, j);
                y.set(v + h, i, j);
                double plus = loss.compute(y, t, null);
                y.set(v - h, i, j);
                double minus = loss.compute(y, t, null);
                y.set(v, i, j);
                double numeric = (plus - minus) / (2 * h);
                assertEquals(numeric, analytic[i * 4 + j], 1e-7 * Math.max(1, Math.abs(numeric)), loss.id());
            }
        }
    }

    @Test
    void threeLayerModelMatchesCentralDifferences() {
        Rng rng = new Rng(21);
        Sequential model = Sequential.builder().input(3).dense(5, Activation.TANH).dense(4, Activation.SIGMOID)
                .dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1))
                .initializer(Initializer.UNIFORM).seed(4).backend(backend()).dtype(DType.FLOAT64).build();
        Tensor x = random(rng, 4, 3, -2, 2);
        Tensor t = probabilities(rng, 4, 3, true);
        GradientCheck.Report r = GradientCheck.check(model, x, t);
        assertTrue(r.passes(TOLERANCE), r.toString());
        assertEquals(model.parameterCount(), r.checked());
    }

    @Test
    void threeLayerRegressionModelMatchesCentralDifferences() {
        Rng rng = new Rng(22);
        Sequential model = Sequential.builder().input(2).dense(6, Activation.GELU).dense(3, Activation.ELU)
                .dense(2, Activation.IDENTITY).loss(Losses.mse()).optimizer(new Sgd(0.1))
                .initializer(Initializer.HE).seed(8).backend(backend()).dtype(DType.FLOAT64).build();
        GradientCheck.Report r = GradientCheck.check(model, random(rng, 5, 2, -1, 1), random(rng, 5, 2, -1, 1));
        assertTrue(r.passes(TOLERANCE), r.toString());
    }

    @Test
    void gradientCheckDetectsAWrongGradient() {
        Rng rng = new Rng(1);
        Layer layer = dense(2, 2, Activation.SIGMOID, 2);
        Tensor x = random(rng, 3, 2, -1, 1);
        Tensor t = random(rng, 3, 2, 0, 1);
        // A loss recorded with an op whose backward pass is off by a factor of two: the check must notice.
        Loss wrong = new Loss() {
            @Override
            public String id() {
                return "wrong";
            }

            @Override
            public double compute(Tensor output, Tensor target, Tensor gradOutput) {
                throw new UnsupportedOperationException("recorded only");
            }

            @Override
            public Var record(Var output, Var target) {
                return output.recorder().record(new DoubledGradient(), F.squaredError(output, target, true))[0];
            }
        };
        GradientCheck.Report r = GradientCheck.check(layer, wrong, x, t);
        assertTrue(r.maxRelativeError() > 0.3, r.toString());
    }

    /** {@code y = x}, with a backward pass that doubles the gradient: a deliberate bug. */
    static final class DoubledGradient extends Op {
        DoubledGradient() {
            super("doubled_gradient");
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {Out.like(in[0])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.copy(in[0], out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.scale(dy[0], 2));
        }
    }

    @Test
    void gradientCheckRefusesFloat32() {
        Layer layer = new DenseConfig(2, 1, Activation.SIGMOID).create("d", backend(), DType.FLOAT32);
        Tensor x = backend().zeros(DType.FLOAT32, 1, 2);
        Tensor t = backend().zeros(DType.FLOAT32, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(layer, Losses.mse(), x, t));
        assertTrue(e.getMessage().contains("FLOAT64"), e.getMessage());
    }

    @Test
    void denseForwardMatchesHandComputation() {
        Layer layer = new DenseConfig(2, 3, Activation.SIGMOID).create("d", backend(), DType.FLOAT64);
        double[] w = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6};
        double[] b = {0.01, 0.02, -0.03};
        layer.parameter("weights").value().setAll(w);
        layer.parameter("bias").value().setAll(b);
        double[][] x = {{1, 2}, {-1, 0.5}};
        Recorder r = new Recorder();
        Var in = r.input("x", Shape.matrix(2, 2), DType.FLOAT64, false);
        Var out = layer.forward(new Scope(r, Mode.INFERENCE), in);
        try (Arena a = r.plan(List.of(out), null).newArena(backend()); Tensor xt = backend().matrix(DType.FLOAT64, x)) {
            a.bind(in, xt);
            a.run();
            double[][] y = a.get(out).toDoubleMatrix();
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    double z = x[i][0] * w[j] + x[i][1] * w[3 + j] + b[j];
                    assertEquals(1 / (1 + Math.exp(-z)), y[i][j], 1e-15);
                }
            }
        }
    }

    @Test
    void denseBackwardMatchesHandComputation() {
        Layer layer = new DenseConfig(2, 1, Activation.IDENTITY).create("d", backend(), DType.FLOAT64);
        layer.parameter("weights").value().setAll(new double[] {2, -3});
        Recorder r = new Recorder();
        Var in = r.input("x", Shape.matrix(2, 2), DType.FLOAT64, true);
        Var y = layer.forward(new Scope(r, Mode.TRAINING), in);
        Var dyWeights = r.values(Shape.matrix(2, 1), new double[] {1, -1});
        Var loss = F.sum(F.mul(y, dyWeights), new int[] {0, 1}, false);      // so dLoss/dy = [1, −1]
        Grads g = r.backward(loss);
        try (Arena a = r.plan(List.of(loss, g.of(in)), g).newArena(backend());
             Tensor xt = backend().matrix(DType.FLOAT64, new double[][] {{1, 2}, {3, 4}})) {
            a.bind(in, xt);
            a.run();
            // dW = xᵀ·dy = [1·1 + 3·(−1), 2·1 + 4·(−1)], db = 1 − 1, dx = dy·Wᵀ.
            assertArrayEquals(new double[] {-2, -2}, layer.parameters().get(0).gradient().toDoubleArray(), 0);
            assertArrayEquals(new double[] {0}, layer.parameters().get(1).gradient().toDoubleArray(), 0);
            assertArrayEquals(new double[] {2, -3, -2, 3}, a.get(g.of(in)).toDoubleArray(), 0);
        }
    }

    @Test
    void lossesMatchHandWorkedValues() {
        Tensor y = backend().matrix(DType.FLOAT64, new double[][] {{1, 2}, {0, -1}});
        Tensor t = backend().matrix(DType.FLOAT64, new double[][] {{0, 0}, {0, 1}});
        Tensor g = backend().zeros(DType.FLOAT64, 2, 2);
        // mse: (1 + 4 + 0 + 4) / 4; gradient 2(y − t)/4.
        assertEquals(9.0 / 4, Losses.mse().compute(y, t, g), 1e-15);
        assertArrayEquals(new double[] {0.5, 1, 0, -1}, g.toDoubleArray(), 1e-15);
        // squared error: 0.5 · 9 / 2 rows; gradient (y − t)/2.
        assertEquals(9.0 / 4, Losses.squaredError().compute(y, t, g), 1e-15);
        assertArrayEquals(new double[] {0.5, 1, 0, -1}, g.toDoubleArray(), 1e-15);
        // squared error on one sample: the gradient is exactly y − t.
        Tensor y1 = backend().matrix(DType.FLOAT64, new double[][] {{0.25, 0.75}});
        Tensor t1 = backend().matrix(DType.FLOAT64, new double[][] {{1, 0}});
        Tensor g1 = backend().zeros(DType.FLOAT64, 1, 2);
        assertEquals(0.5 * (0.5625 + 0.5625), Losses.squaredError().compute(y1, t1, g1), 1e-15);
        assertArrayEquals(new double[] {-0.75, 0.75}, g1.toDoubleArray(), 1e-15);
        // binary cross-entropy: −(log 0.25 + log 0.25) / 2.
        assertEquals(-Math.log(0.25), Losses.binaryCrossEntropy().compute(y1, t1, g1), 1e-12);
        assertArrayEquals(new double[] {-0.75 / (0.25 * 0.75) / 2, 0.75 / (0.75 * 0.25) / 2}, g1.toDoubleArray(), 1e-12);
        // softmax cross-entropy from logits [0, ln 3]: softmax = [1/4, 3/4].
        Tensor z = backend().matrix(DType.FLOAT64, new double[][] {{0, Math.log(3)}});
        Tensor onehot = backend().matrix(DType.FLOAT64, new double[][] {{0, 1}});
        Loss ce = Losses.softmaxCrossEntropy();
        assertEquals(-Math.log(0.75), ce.computeFromPreActivation(z, onehot, g1), 1e-15);
        assertArrayEquals(new double[] {0.25, -0.25}, g1.toDoubleArray(), 1e-15);
        // the same loss from probabilities.
        assertEquals(-Math.log(0.75), ce.compute(y1, onehot, g1), 1e-15);
        assertArrayEquals(new double[] {0, -1 / 0.75}, g1.toDoubleArray(), 1e-15);
    }

    @Test
    void fusedSoftmaxCrossEntropyIsStableForHugeLogits() {
        Tensor z = backend().matrix(DType.FLOAT32, new double[][] {{1000, 0, -1000}});
        Tensor t = backend().matrix(DType.FLOAT32, new double[][] {{0, 1, 0}});
        Tensor g = backend().zeros(DType.FLOAT32, 1, 3);
        double loss = Losses.softmaxCrossEntropy().computeFromPreActivation(z, t, g);
        assertEquals(1000, loss, 1e-3);
        assertArrayEquals(new double[] {1, -1, 0}, g.toDoubleArray(), 1e-6);
    }

    @Test
    void binaryCrossEntropyClampsSaturatedOutputs() {
        Tensor y = backend().matrix(DType.FLOAT32, new double[][] {{0, 1}});
        Tensor t = backend().matrix(DType.FLOAT32, new double[][] {{1, 0}});
        Tensor g = backend().zeros(DType.FLOAT32, 1, 2);
        double loss = Losses.binaryCrossEntropy().compute(y, t, g);
        assertTrue(Double.isFinite(loss) && loss > 10, "loss " + loss);
        for (double v : g.toDoubleArray()) {
            assertTrue(Double.isFinite(v), "gradient " + v);
        }
    }

    @Test
    void lossesNameMismatchedShapes() {
        Tensor y = backend().zeros(DType.FLOAT32, 4, 1);
        Tensor t = backend().zeros(DType.FLOAT32, 4, 2);
        for (String id : Losses.ids()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Losses.parse(id).compute(y, t, null));
            assertTrue(e.getMessage().contains(id) && e.getMessage().contains("[4x1]")
                    && e.getMessage().contains("[4x2]"), e.getMessage());
        }
    }
}
