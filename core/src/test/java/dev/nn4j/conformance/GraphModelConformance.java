package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.DropoutConfig;
import dev.nn4j.nn.FlattenConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.GradientCheck;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Graph models on the backend under test: whole-graph gradient checks (residual additions,
 * concatenation, products, fan-out, two inputs and two outputs, a convolutional residual block
 * with batch norm and dropout) against central differences in FLOAT64; a chain built as a graph
 * trains exactly as the same {@link Sequential}; the named forms bind inputs and targets.
 */
public abstract class GraphModelConformance extends ConformanceSupport {

    @Test
    void aBranchingGraphWithTwoInputsAndTwoOutputsHasTheGradientsOfCentralDifferences() {
        Input a = Input.of("a", 4);
        Input b = Input.of("b", 3);
        Node h = a.dense(5, Activation.TANH);
        Node g = b.dense(5, Activation.SIGMOID);
        Node residual = Node.add(h, h.dense(5, Activation.TANH));           // fan-out of h
        Node gated = Node.multiply(residual, g);
        Node joined = Node.concat(0, gated, b);                             // [5] + [3] -> [8]
        Node classes = joined.dense(3, Activation.SOFTMAX);
        Node value = Node.add(joined.dense(2, Activation.IDENTITY), h.dense(1, Activation.IDENTITY));  // broadcast [2] + [1]
        SplittableRandom rnd = new SplittableRandom(7);
        try (GraphModel m = GraphModel.builder(java.util.List.of(a, b), java.util.List.of(classes, value))
                .loss(Losses.softmaxCrossEntropy()).loss(value, Losses.mse()).optimizer(new Sgd(0.1))
                .backend(backend()).dtype(DType.FLOAT64).seed(3).build();
             Tensor xa = random(DType.FLOAT64, rnd, -1, 1, 6, 4);
             Tensor xb = random(DType.FLOAT64, rnd, -1, 1, 6, 3);
             Tensor tc = oneHot(6, 3, rnd);
             Tensor tv = random(DType.FLOAT64, rnd, -1, 1, 6, 2)) {
            GradientCheck.Report r = GradientCheck.check(m, Map.of("a", xa, "b", xb),
                    Map.of(m.outputNames().get(0), tc, m.outputNames().get(1), tv));
            assertTrue(r.passes(1e-6), r.toString());
            assertEquals(m.parameterCount(), r.checked());
        }
    }

    @Test
    void aConvolutionalResidualBlockHasTheGradientsOfCentralDifferences() {
        Input image = Input.of("image", 2, 5, 5);
        Node y = image.then(Conv2DConfig.of(3, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU))
                .then(Conv2DConfig.of(3, 3, Padding.same(), Activation.IDENTITY).withStride(2));
        Node shortcut = image.then(Conv2DConfig.of(3, 1, Padding.valid(), Activation.IDENTITY).withStride(2));
        Node out = Node.add(y, shortcut).then(new ActivationConfig(Activation.TANH)).then(new DropoutConfig(0.25))
                .then(new GlobalAvgPool2DConfig()).dense(4, Activation.SOFTMAX);
        SplittableRandom rnd = new SplittableRandom(11);
        try (GraphModel m = GraphModel.builder(image, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1))
                .initializer(Initializer.HE).backend(backend()).dtype(DType.FLOAT64).build();
             Tensor x = random(DType.FLOAT64, rnd, -1, 1, 3, 2, 5, 5);
             Tensor t = oneHot(3, 4, rnd)) {
            GradientCheck.Report r = GradientCheck.check(m, x, t);
            assertTrue(r.passes(1e-6), r.toString());
        }
    }

    @Test
    void aChainBuiltAsAGraphTrainsExactlyAsTheSameSequential() {
        Input in = Input.of("input", 1, 6, 6);
        Node out = in.then(Conv2DConfig.of(4, 3, Padding.same(), Activation.RELU)).then(new BatchNormConfig())
                .then(new FlattenConfig()).dense(8, Activation.RELU).dense(3, Activation.SOFTMAX);
        SplittableRandom rnd = new SplittableRandom(5);
        try (GraphModel g = GraphModel.builder(in, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-2))
                .backend(backend()).seed(9).build();
             Sequential s = Sequential.builder().input(1, 6, 6).conv2d(4, 3, Padding.same(), Activation.RELU)
                .batchNorm().flatten().dense(8, Activation.RELU).dense(3, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-2)).backend(backend()).seed(9).build();
             Tensor x = random(DType.FLOAT32, rnd, 0, 1, 8, 1, 6, 6);
             Tensor t = oneHot32(8, 3, rnd)) {
            assertEquals(s.parameterCount(), g.parameterCount());
            for (int step = 0; step < 5; step++) {
                assertEquals(s.trainStep(x, t), g.trainStep(x, t), "step " + step + ": the same loss, bit for bit");
            }
            try (Tensor ps = s.predict(x); Tensor pg = g.predict(x)) {
                assertArrayEquals(ps.toDoubleArray(), pg.toDoubleArray());
            }
            assertEquals(java.util.List.of("conv2d_1", "batchnorm_1", "flatten_1", "dense_1", "dense_2"),
                    g.nodeNames());
        }
    }

    @Test
    void namedFormsBindInputsAndTargetsAndSingleTensorFormsSayWhichToUse() {
        Input a = Input.of("a", 2);
        Input b = Input.of("b", 2);
        Node sum = Node.add(a.dense(3, Activation.RELU), b.dense(3, Activation.RELU)).dense(2, Activation.IDENTITY);
        SplittableRandom rnd = new SplittableRandom(1);
        try (GraphModel m = GraphModel.builder(java.util.List.of(a, b), java.util.List.of(sum)).loss(Losses.mse())
                .optimizer(new Sgd(0.05)).backend(backend()).build();
             Tensor xa = random(DType.FLOAT32, rnd, -1, 1, 16, 2);
             Tensor xb = random(DType.FLOAT32, rnd, -1, 1, 16, 2);
             Tensor t = random(DType.FLOAT32, rnd, -1, 1, 16, 2)) {
            String out = m.outputNames().get(0);
            Map<String, Tensor> inputs = Map.of("a", xa, "b", xb);
            double first = m.loss(inputs, Map.of(out, t));
            for (int i = 0; i < 50; i++) {
                m.trainStep(inputs, Map.of(out, t));
            }
            assertTrue(m.loss(inputs, Map.of(out, t)) < first, "training lowers the loss");
            Map<String, Tensor> predicted = m.predict(inputs);
            assertEquals(java.util.Set.of(out), predicted.keySet());
            try (Tensor p = predicted.get(out)) {
                assertEquals(16, p.rows());
                assertEquals(2, p.cols());
            }
            IllegalStateException single = assertThrows(IllegalStateException.class, () -> m.predict(xa));
            assertTrue(single.getMessage().contains("predict(Map)"), single.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(Map.of("a", xa)));
            assertTrue(missing.getMessage().contains("[a, b]"), missing.getMessage());
            try (Tensor short4 = random(DType.FLOAT32, rnd, -1, 1, 4, 2)) {
                IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                        () -> m.predict(Map.of("a", xa, "b", short4)));
                assertTrue(rows.getMessage().contains("same batch size"), rows.getMessage());
            }
        }
    }

    private Tensor oneHot(int rows, int classes, SplittableRandom rnd) {
        double[] v = new double[rows * classes];
        for (int r = 0; r < rows; r++) {
            v[r * classes + rnd.nextInt(classes)] = 1;
        }
        return tensor(DType.FLOAT64, v, rows, classes);
    }

    private Tensor oneHot32(int rows, int classes, SplittableRandom rnd) {
        try (Tensor t = oneHot(rows, classes, rnd)) {
            return t.to(DType.FLOAT32);
        }
    }
}
