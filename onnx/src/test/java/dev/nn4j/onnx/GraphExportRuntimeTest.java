package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Padding;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graph models exported to ONNX run in ONNX Runtime with nn4j's outputs, on every backend: a
 * residual network of two basic blocks (identity and projection shortcuts, Add nodes, batch
 * norm with trained-looking statistics), and a graph of two inputs and two outputs with Concat
 * and Mul. The worst difference is printed after the class.
 */
class GraphExportRuntimeTest {
    static final TestSupport.Worst WORST = new TestSupport.Worst("nn4j predict vs ONNX Runtime, graphs");

    static java.util.stream.Stream<String> backends() {
        return TestSupport.backends();
    }

    static Node block(Node x, int filters, int stride) {
        Node y = x.then(Conv2DConfig.of(filters, 3, Padding.same(), Activation.IDENTITY).withStride(stride).withBias(false))
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU))
                .then(Conv2DConfig.of(filters, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig());
        Node shortcut = stride == 1 && x.shape().dim(0) == filters ? x
                : x.then(Conv2DConfig.of(filters, 1, Padding.valid(), Activation.IDENTITY).withStride(stride)
                        .withBias(false)).then(new BatchNormConfig());
        return Node.add(y, shortcut).then(new ActivationConfig(Activation.RELU));
    }

    static GraphModel residual(String backend) {
        Input image = Input.of("image", 2, 9, 9);
        Node x = image.then("stem", Conv2DConfig.of(4, 3, Padding.same(), Activation.RELU));
        Node out = block(block(x, 4, 1), 6, 2).then(new GlobalAvgPool2DConfig()).dense(3, Activation.SOFTMAX);
        GraphModel m = GraphModel.builder(image, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .initializer(Initializer.HE).seed(3).backend(TestSupport.backend(backend)).build();
        CnnExportRuntimeTest.randomStatistics(m, 8);
        return m;
    }

    static GraphModel twoInputsTwoOutputs(String backend) {
        Input a = Input.of("a", 5);
        Input b = Input.of("b", 3);
        Node h = a.dense(4, Activation.TANH);
        Node joined = Node.concat(0, h, b, b.dense(2, Activation.SIGMOID));
        Node c = Node.multiply(joined, joined.dense(9, Activation.SIGMOID)).dense(2, Activation.SOFTMAX);
        Node v = Node.add(h, a.dense(4, Activation.RELU)).dense(1, Activation.IDENTITY);
        return GraphModel.builder(List.of(a, b), List.of(c, v)).loss(Losses.softmaxCrossEntropy())
                .loss(v, Losses.mse()).optimizer(new Adam(1e-3)).seed(4).backend(TestSupport.backend(backend)).build();
    }

    /** ONNX Runtime's outputs by name for inputs by name (flat float32 values with their batch shapes). */
    static Map<String, float[]> ort(byte[] model, Map<String, float[]> inputs, Map<String, long[]> shapes)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                for (Map.Entry<String, float[]> in : inputs.entrySet()) {
                    feed.put(in.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(in.getValue()),
                            shapes.get(in.getKey())));
                }
                try (OrtSession.Result result = session.run(feed)) {
                    Map<String, float[]> out = new LinkedHashMap<>();
                    for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                        FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                        float[] v = new float[fb.remaining()];
                        fb.get(v);
                        out.put(e.getKey(), v);
                    }
                    return out;
                }
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** nn4j's and ONNX Runtime's outputs for random inputs of {@code batch} samples agree to 1e-5. */
    static void agree(GraphModel m, int batch, long seed) throws OrtException {
        agree(m, batch, seed, WORST);
    }

    /** {@link #agree(GraphModel, int, long)}, noting the worst difference in {@code worst}. */
    static void agree(GraphModel m, int batch, long seed, TestSupport.Worst worst) throws OrtException {
        byte[] onnx = OnnxExport.toBytes(m);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> in : m.inputShapes().entrySet()) {
            int[] dims = new int[in.getValue().rank() + 1];
            dims[0] = batch;
            System.arraycopy(in.getValue().dims(), 0, dims, 1, dims.length - 1);
            float[] x = TestSupport.randomInput(Shape.of(dims).size(), seed++);
            Tensor t = m.backend().create(DType.FLOAT32, Shape.of(dims));
            t.setAll(x);
            values.put(in.getKey(), x);
            shapes.put(in.getKey(), java.util.Arrays.stream(dims).asLongStream().toArray());
            tensors.put(in.getKey(), t);
        }
        Map<String, float[]> expected = ort(onnx, values, shapes);
        Map<String, Tensor> actual = m.predict(tensors);
        assertEquals(m.outputNames(), List.copyOf(expected.keySet()), "ONNX outputs keep the model's names");
        for (String name : m.outputNames()) {
            try (Tensor y = actual.get(name)) {
                double diff = TestSupport.maxDiff(expected.get(name), y.toFloatArray());
                worst.record(diff, name + " on " + m.backend().name());
                assertTrue(diff <= 1e-5, name + ": max |nn4j - ONNX Runtime| = " + diff);
            }
        }
        tensors.values().forEach(Tensor::close);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aResidualNetworkRunsInOnnxRuntimeWithNn4jsOutputs(String backend) throws Exception {
        try (GraphModel m = residual(backend)) {
            agree(m, 5, 30);
            long adds = OnnxExport.toProto(m).getGraph().getNodeList().stream()
                    .filter(n -> n.getOpType().equals("Add")).count();
            assertEquals(2, adds, "one Add node per residual block");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void twoInputsAndTwoOutputsWithConcatAndMulRunInOnnxRuntime(String backend) throws Exception {
        try (GraphModel m = twoInputsTwoOutputs(backend)) {
            agree(m, 7, 40);
        }
    }

    /** ResNet-14 of the fashion-mnist demo (3 stages of 2 blocks, 16-32-64 channels) with random weights and statistics. */
    static GraphModel resnet14(String backend) {
        Input image = Input.of("image", 1, 28, 28);
        Node x = image.then("stem", Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig()).then(new ActivationConfig(Activation.RELU));
        for (int stage = 0; stage < 3; stage++) {
            for (int b = 0; b < 2; b++) {
                x = block(x, 16 << stage, stage > 0 && b == 0 ? 2 : 1);
            }
        }
        GraphModel m = GraphModel.builder(image, x.then(new GlobalAvgPool2DConfig()).dense(10, Activation.SOFTMAX))
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).initializer(Initializer.HE).seed(5)
                .backend(TestSupport.backend(backend)).build();
        CnnExportRuntimeTest.randomStatistics(m, 9);
        return m;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void resNet14RunsInOnnxRuntimeWithNn4jsOutputs(String backend) throws Exception {
        try (GraphModel m = resnet14(backend)) {
            agree(m, 3, 50);
            long adds = OnnxExport.toProto(m).getGraph().getNodeList().stream()
                    .filter(n -> n.getOpType().equals("Add")).count();
            assertEquals(6, adds, "one Add node per basic block");
        }
    }

    @Test
    void aMergeOfTwoRanksIsRefusedNamingTheNode() {
        Input image = Input.of("image", 3, 4, 4);
        Node gate = image.then(new GlobalAvgPool2DConfig());                       // [3]
        Node scaled = Node.multiply(image.then(Conv2DConfig.of(3, 1, Padding.valid(), Activation.IDENTITY)),
                gate.dense(4, Activation.SIGMOID));                                // [3x4x4] * [4]
        try (GraphModel m = GraphModel.builder(image, scaled.then(new GlobalAvgPool2DConfig()).dense(2,
                Activation.SOFTMAX)).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(m));
            assertTrue(e.getMessage().contains("multiply_1 (multiply) reads dense_1 [4]"), e.getMessage());
        }
    }

    @AfterAll
    static void report() {
        WORST.print();
    }
}
