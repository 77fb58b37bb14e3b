package dev.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Model-file version 2: graphs round-trip (structure, parameters, statistics, optimizer state,
 * byte for byte), a {@code Sequential} keeps writing version 1, and a hostile graph header is
 * refused by name before anything is allocated.
 */
class GraphModelFileTest {

    private static GraphModel residual() {
        Input image = Input.of("image", 1, 6, 6);
        Node stem = image.then("stem", Conv2DConfig.of(4, 3, Padding.same(), Activation.RELU));
        Node y = stem.then(Conv2DConfig.of(4, 3, Padding.same(), Activation.IDENTITY).withBias(false))
                .then(new BatchNormConfig());
        Node out = Node.add(y, stem).then(new ActivationConfig(Activation.RELU)).then(new GlobalAvgPool2DConfig())
                .dense(3, Activation.SOFTMAX);
        return GraphModel.builder(image, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-2))
                .backend(Backends.get()).build();
    }

    private static Tensor batch(SplittableRandom rnd, int n, int... shape) {
        int size = n;
        for (int d : shape) {
            size *= d;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextDouble();
        }
        int[] dims = new int[shape.length + 1];
        dims[0] = n;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        return tensor(v, dims);
    }

    private static Tensor tensor(double[] values, int... dims) {
        Tensor t = Backends.get().zeros(DType.FLOAT32, dims);
        t.setAll(values);
        return t;
    }

    @Test
    void aTrainedResidualGraphRoundTripsWithItsStatisticsAndOptimizerState() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2);
        try (GraphModel m = residual(); Tensor x = batch(rnd, 5, 1, 6, 6);
             Tensor t = tensor(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0}, 5, 3)) {
            for (int i = 0; i < 3; i++) {
                m.trainStep(x, t);
            }
            byte[] bytes = ModelFile.toBytes(m, true);
            assertEquals(ModelFile.VERSION, ByteBuffer.wrap(bytes).getInt(8), "a graph is written as version 2");
            try (GraphModel back = ModelFile.graphFromBytes(bytes, null, null);
                 Tensor p = m.predict(x); Tensor q = back.predict(x)) {
                assertEquals(m.nodeNames(), back.nodeNames());
                assertEquals(List.of("batchnorm_1", "stem"), back.nodeInputs("add_1"));
                assertArrayEquals(p.toDoubleArray(), q.toDoubleArray());
                assertArrayEquals(bytes, ModelFile.toBytes(back, true), "re-saving gives the same bytes");
                assertEquals(m.trainStep(x, t), back.trainStep(x, t), "training resumes where it stopped");
            }
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> ModelFile.fromBytes(bytes, null, null));
            assertTrue(e.getMessage().contains("loadGraph"), e.getMessage());
        }
    }

    @Test
    void aGraphWithTwoInputsAndTwoOutputsRoundTrips() throws Exception {
        Input a = Input.of("a", 3);
        Input b = Input.of("b", 2);
        Node joined = Node.concat(0, a.dense(4, Activation.TANH), b);
        Node c = joined.dense(2, Activation.SOFTMAX);
        Node v = Node.multiply(joined, joined).dense(1, Activation.IDENTITY);
        try (GraphModel m = GraphModel.builder(List.of(a, b), List.of(c, v)).loss(Losses.softmaxCrossEntropy())
                .loss(v, Losses.mse()).optimizer(new Adam(1e-3)).build()) {
            byte[] bytes = ModelFile.toBytes(m, false);
            try (GraphModel back = ModelFile.graphFromBytes(bytes, null, DType.FLOAT64)) {
                assertEquals(List.of("a", "b"), back.inputNames());
                assertEquals(m.outputNames(), back.outputNames());
                assertEquals(List.of("softmax_cross_entropy", "mse"), back.losses().stream().map(l -> l.id()).toList());
                assertEquals(DType.FLOAT64, back.dtype());
            }
        }
    }

    @Test
    void aSequentialStillWritesVersionOneAndLoadsThroughEitherMethod() throws Exception {
        try (Sequential s = Sequential.builder().input(2).dense(3, Activation.RELU).dense(1, Activation.SIGMOID)
                .loss(Losses.binaryCrossEntropy()).optimizer(new Adam(1e-3)).build()) {
            byte[] bytes = ModelFile.toBytes(s, false);
            assertEquals(1, ByteBuffer.wrap(bytes).getInt(8));
            try (GraphModel g = ModelFile.graphFromBytes(bytes, null, null)) {
                assertTrue(g instanceof Sequential);
            }
        }
    }

    private static String refusal(String nodes, String outputs) {
        String header = "{\"format\":\"nn4j-model\",\"version\":2,\"model\":{\"type\":\"graph\",\"dtype\":\"FLOAT32\","
                + "\"seed\":1,\"initializer\":\"xavier\",\"inputs\":[{\"name\":\"x\",\"shape\":[4]}],\"nodes\":" + nodes
                + ",\"outputs\":" + outputs + ",\"optimizer\":{\"id\":\"sgd\",\"config\":{\"learning_rate\":0.1}}},"
                + "\"tensors\":[{\"name\":\"d.weights\",\"dtype\":\"FLOAT32\",\"shape\":[4,2]},"
                + "{\"name\":\"d.bias\",\"dtype\":\"FLOAT32\",\"shape\":[1,2]}]}";
        byte[] bytes = ModelFiles.framed(2, header.getBytes(StandardCharsets.UTF_8), new byte[40]);
        return assertThrows(ModelFormatException.class, () -> ModelFile.graphFromBytes(bytes, null, null)).getMessage();
    }

    private static String dense(String name, String input, int in, int out) {
        return "{\"name\":\"" + name + "\",\"inputs\":[\"" + input + "\"],\"layer\":{\"type\":\"dense\",\"inputs\":" + in
                + ",\"outputs\":" + out + ",\"activation\":\"softmax\"}}";
    }

    @Test
    void hostileGraphHeadersAreRefusedByName() {
        String out = "[{\"name\":\"d\",\"loss\":\"softmax_cross_entropy\"}]";
        String unknown = refusal("[" + dense("d", "nowhere", 4, 2) + "]", out);
        assertTrue(unknown.contains("reads 'nowhere'"), unknown);
        String later = refusal("[" + dense("d", "e", 4, 2) + "," + dense("e", "x", 4, 4) + "]", out);
        assertTrue(later.contains("reads 'e'"), later);
        String twice = refusal("[" + dense("x", "x", 4, 2) + "]", out);
        assertTrue(twice.contains("'x' is used twice"), twice);
        String huge = refusal("[" + dense("big", "x", 4, 100_000_000) + "," + dense("d", "big", 100_000_000, 2) + "]", out);
        assertTrue(huge.contains("nodes[0] (4 -> 100000000)") && huge.contains("holds only 10"), huge);
        String unused = refusal("[" + dense("d", "x", 4, 2) + "," + dense("spare", "x", 4, 2) + "]", out);
        assertTrue(unused.contains("the file lists 2 nodes but only 1 lead to an output"), unused);
        String noOutput = refusal("[" + dense("d", "x", 4, 2) + "]", "[{\"name\":\"x\",\"loss\":\"mse\"}]");
        assertTrue(noOutput.contains("names 'x', which is not a node"), noOutput);
    }
}
