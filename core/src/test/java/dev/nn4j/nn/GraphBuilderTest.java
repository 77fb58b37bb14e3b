package dev.nn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph API's shape inference, naming and refusals, each message naming the node and the rule. */
class GraphBuilderTest {

    private static String message(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable e) {
        return assertThrows(type, e).getMessage();
    }

    @Test
    void shapesAreInferredWhenANodeIsMadeAndAMismatchNamesTheNodeAndEveryInputShape() {
        Input image = Input.of("image", 3, 8, 8);
        Node conv = image.then("stem", Conv2DConfig.of(16, 3, Padding.same(), Activation.RELU).withStride(2));
        assertEquals(Shape.of(16, 4, 4), conv.shape());
        Node other = image.then(MaxPool2DConfig.of(4));
        String m = message(IllegalArgumentException.class, () -> Node.add(conv, other));
        assertTrue(m.contains("add") && m.contains("stem (conv2d) [16x4x4]") && m.contains("[3x2x2]"), m);
        String d = message(IllegalArgumentException.class, () -> conv.dense(10, Activation.SOFTMAX));
        assertTrue(d.contains("flatten"), d);
        assertEquals(Shape.of(19, 4, 4), Node.concat(0, conv, image.then(MaxPool2DConfig.of(2))).shape());
        String c = message(IllegalArgumentException.class, () -> Node.concat(1, conv, image.then(MaxPool2DConfig.of(2))));
        assertTrue(c.contains("differ outside axis 1"), c);
        assertEquals(Shape.of(16, 4, 4), Node.multiply(conv, conv.then(new GlobalAvgPool2DConfig())
                .then(new ActivationConfig(Activation.SIGMOID)).then("gate", new ReshapeForTest(16, 1, 1))).shape());
    }

    @Test
    void unnamedNodesAreNamedByTypeAndTheSummaryListsWhatEachIsConnectedTo() {
        Input in = Input.of("x", 4);
        Node h = in.dense(4, Activation.RELU);
        Node out = Node.add(h, in).dense(2, Activation.SOFTMAX);
        try (GraphModel m = GraphModel.builder(in, out).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1))
                .build()) {
            assertEquals(List.of("dense_1", "add_1", "dense_2"), m.nodeNames());
            assertEquals(List.of("dense_1", "x"), m.nodeInputs("add_1"));
            String s = m.summary();
            assertTrue(s.contains("connected to"), s);
            assertTrue(s.lines().anyMatch(l -> l.startsWith("add_1") && l.endsWith("dense_1, x")), s);
            assertTrue(s.endsWith("total: 30 parameters (30 trainable, 0 statistics)"), s);
            assertEquals(List.of("dense_1.weights", "dense_1.bias", "dense_2.weights", "dense_2.bias"),
                    m.parameters().stream().map(p -> p.name()).toList());
        }
    }

    @Test
    void theBuilderRefusesWhatCannotBeAModelNamingTheNode() {
        Input a = Input.of("a", 4);
        Input b = Input.of("b", 4);
        Node fromA = a.dense(2, Activation.SOFTMAX);
        String unused = message(IllegalStateException.class, () -> GraphModel.builder(List.of(a, b), List.of(fromA))
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).build());
        assertTrue(unused.contains("input 'b' leads to no output"), unused);
        String undeclared = message(IllegalStateException.class, () -> GraphModel.builder(b,
                Node.add(fromA.dense(4, Activation.RELU), b).dense(2, Activation.SOFTMAX))
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).build());
        assertTrue(undeclared.contains("input 'a'") && undeclared.contains("not among the builder's inputs"), undeclared);
        Node x = a.then("same", new ActivationConfig(Activation.RELU)).then("same", new ActivationConfig(Activation.TANH));
        String twice = message(IllegalStateException.class, () -> GraphModel.builder(a, x.dense(2, Activation.SOFTMAX))
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).build());
        assertTrue(twice.contains("two nodes are called 'same'"), twice);
        Input image = Input.of("image", 1, 4, 4);
        String flat = message(IllegalStateException.class, () -> GraphModel.builder(image,
                image.then(new ActivationConfig(Activation.RELU))).loss(Losses.mse()).optimizer(new Sgd(0.1)).build());
        assertTrue(flat.contains("needs a flat output"), flat);
        String noLoss = message(IllegalStateException.class, () -> GraphModel.builder(a, fromA)
                .optimizer(new Sgd(0.1)).build());
        assertTrue(noLoss.contains("has no loss"), noLoss);
        String wrongActivation = message(IllegalStateException.class, () -> GraphModel.builder(a,
                a.dense(2, Activation.SIGMOID)).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).build());
        assertTrue(wrongActivation.contains("sigmoid"), wrongActivation);
        String inSequential = message(IllegalStateException.class, () -> Sequential.builder().input(4)
                .layer(new AddConfig()).dense(2, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Sgd(0.1)).build());
        assertTrue(inSequential.contains("Node.add"), inSequential);
        String name = message(IllegalArgumentException.class, () -> a.then("has space", new FlattenConfig()));
        assertTrue(name.contains("'has space'"), name);
    }

    /** A test-only reshape of flat [c] to [c, 1, 1], to multiply channels by a gate. */
    private record ReshapeForTest(int c, int h, int w) implements LayerConfig {
        @Override
        public String type() {
            return "reshape_for_test";
        }

        @Override
        public Shape outputShape(Shape input) {
            return Shape.of(c, h, w);
        }

        @Override
        public dev.nn4j.autodiff.Var forward(LayerScope s, dev.nn4j.autodiff.Var x) {
            return dev.nn4j.autodiff.F.reshape(x, Shape.of(x.dim(0), c, h, w));
        }

        @Override
        public java.util.Map<String, Object> toJson() {
            return java.util.Map.of();
        }
    }
}
