package dev.nn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Var;
import dev.nn4j.io.ModelFile;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's layer type of an application's own (a learned per-feature scale): a node, trained, gradient-checked, saved and loaded. */
class CustomLayerTypeTest {

    record ScaleConfig(int features) implements LayerConfig {
        public String type() {
            return "scale";
        }

        public Shape outputShape(Shape input) {
            return input;
        }

        public void declare(Shape input, ParameterSpecs p) {
            p.constant("gamma", 1, 1, features);
        }

        public Var forward(LayerScope s, Var x) {
            return F.mul(x, s.param("gamma"));
        }

        public Map<String, Object> toJson() {
            return Map.of("features", features);
        }
    }

    static {
        synchronized (LayerFormats.class) {
            if (!LayerFormats.types().contains("scale")) {
                LayerFormats.register("scale", j -> new ScaleConfig(j.integer("features")),
                        () -> List.of(LayerExample.of(new ScaleConfig(4), 4)));
            }
        }
    }

    @Test
    void anApplicationsLayerTypeTrainsChecksItsGradientsAndRoundTripsThroughAModelFile() throws Exception {
        Input in = Input.of("x", 3);
        Node out = in.dense(4, Activation.TANH).then("scaled", new ScaleConfig(4)).dense(2, Activation.IDENTITY);
        try (GraphModel m = GraphModel.builder(in, out).loss(Losses.mse()).optimizer(new Sgd(0.1))
                .backend(dev.nn4j.conformance.OtherBackend.INSTANCE).dtype(DType.FLOAT64).seed(2).build();
             Tensor x = m.backend().create(DType.FLOAT64, Shape.matrix(5, 3));
             Tensor t = m.backend().create(DType.FLOAT64, Shape.matrix(5, 2))) {
            Rng rng = new Rng(4);
            x.setAll(new double[] {0.1, -0.4, 0.9, 0.3, 0.2, -0.7, -0.5, 0.8, 0.6, 0.0, -0.1, 0.4, 0.7, -0.9, 0.2});
            t.setAll(new double[] {rng.nextDouble(-1, 1), 0.5, -0.2, 0.3, 0.9, -0.6, 0.1, 0.1, -0.8, 0.4});
            assertEquals(List.of("scaled.gamma"), m.parameters().stream().map(p -> p.name())
                    .filter(n -> n.startsWith("scaled")).toList());
            assertArrayEquals(new double[] {1, 1, 1, 1}, m.node("scaled").parameter("gamma").value().toDoubleArray());
            GradientCheck.Report r = GradientCheck.check(m, x, t);
            assertTrue(r.passes(1e-6), r.toString());
            double before = m.loss(x, t);
            for (int i = 0; i < 20; i++) {
                m.trainStep(x, t);
            }
            assertTrue(m.loss(x, t) < before, "training lowers the loss");
            assertNotEquals(1.0, m.node("scaled").parameter("gamma").value().toDoubleArray()[0], "gamma is trained");
            try (GraphModel back = ModelFile.graphFromBytes(ModelFile.toBytes(m, false), m.backend(), DType.FLOAT64);
                 Tensor a = m.predict(x); Tensor b = back.predict(x)) {
                assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0);
            }
        }
    }
}
