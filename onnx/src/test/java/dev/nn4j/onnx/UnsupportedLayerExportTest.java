package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.LayerScope;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.ParameterSpecs;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A layer type that ONNX export does not know is an error naming the layer. */
class UnsupportedLayerExportTest {

    /** A user's own layer type, written as every layer type is (here a dense layer under another name). */
    record Scaled(int in, int out) implements LayerConfig {
        @Override
        public String type() {
            return "scaled";
        }

        @Override
        public Shape outputShape(Shape input) {
            return Shape.of(out);
        }

        @Override
        public void declare(Shape input, ParameterSpecs p) {
            p.weights("weights", in, out, in, out).bias("bias", in, 1, out);
        }

        @Override
        public Var forward(LayerScope s, Var x) {
            return F.linear(x, s.param("weights"), s.param("bias"), Activation.IDENTITY)[0];
        }

        @Override
        public Map<String, Object> toJson() {
            return Map.of("in", in, "out", out);
        }
    }

    @Test
    void unknownLayerTypeIsNamed() {
        try (Sequential m = Sequential.builder().input(3).dense(4, Activation.RELU).layer(new Scaled(4, 2))
                .loss(Losses.mse()).optimizer(new Sgd(0.1)).backend(TestSupport.backend("plain")).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(m));
            assertTrue(e.getMessage().contains("layer1") && e.getMessage().contains("'scaled'"), e.getMessage());
        }
    }
}
