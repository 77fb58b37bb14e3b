package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A layer type that ONNX export does not know is an error naming the layer. */
class UnsupportedLayerExportTest {

    /** A user's own layer type (here simply a dense layer under another name). */
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
        public long storedValues(Shape input) {
            return (long) in * out + out;
        }

        @Override
        public Layer create(String name, Shape input, Backend backend, DType dtype) {
            Layer inner = new DenseConfig(in, out, Activation.IDENTITY).create(name, input, backend, dtype);
            return (Layer) java.lang.reflect.Proxy.newProxyInstance(Layer.class.getClassLoader(), new Class<?>[] {Layer.class},
                    (proxy, method, args) -> method.getName().equals("config") ? this : invoke(inner, method, args));
        }

        private static Object invoke(Layer inner, java.lang.reflect.Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(inner, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
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
