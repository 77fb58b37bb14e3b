package dev.nn4j.io;

import dev.nn4j.backend.Backend;
import dev.nn4j.nn.Activation;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Optimizers;
import dev.nn4j.tensor.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The architecture of a {@link Sequential} as a JSON-ready map (layers, activations, loss,
 * optimizer and its hyper-parameters, initializer, seed, dtype) and back. Parameter values
 * are not part of it; {@link ModelFile} and the Toy facade store them their own way.
 *
 * <pre>{@code
 * {"type":"sequential","input":2,"dtype":"FLOAT32","seed":42,"initializer":"xavier",
 *  "layers":[{"type":"dense","inputs":2,"outputs":4,"activation":"sigmoid"}, ...],
 *  "loss":"mse","optimizer":{"id":"sgd","config":{"learning_rate":0.1,...}}}
 * }</pre>
 */
public final class ModelSpec {
    private ModelSpec() {
    }

    /** The architecture of {@code model}. */
    public static Map<String, Object> describe(Sequential model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "sequential");
        m.put("input", model.inputSize());
        m.put("dtype", model.dtype().name());
        m.put("seed", model.seed());
        m.put("initializer", model.initializer().id());
        List<Object> layers = new ArrayList<>();
        for (LayerConfig c : model.layerConfigs()) {
            if (!(c instanceof DenseConfig)) {
                throw new IllegalArgumentException("model spec: layer type '" + c.type() + "' cannot be saved yet");
            }
            DenseConfig d = (DenseConfig) c;
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("type", d.type());
            l.put("inputs", d.inputSize());
            l.put("outputs", d.outputSize());
            l.put("activation", d.activation().id());
            layers.add(l);
        }
        m.put("layers", layers);
        m.put("loss", model.lossFunction().id());
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("id", model.optimizer().id());
        opt.put("config", new LinkedHashMap<>(model.optimizer().config()));
        m.put("optimizer", opt);
        return m;
    }

    /**
     * A builder holding the architecture in {@code spec}, on {@code backend}; {@code dtype}
     * null keeps the stored dtype. Every missing or malformed field is reported by name.
     */
    public static Sequential.Builder rebuild(Map<String, Object> spec, Backend backend, DType dtype)
            throws ModelFormatException {
        try {
            require(spec, "type", String.class);
            if (!"sequential".equals(spec.get("type"))) {
                throw new ModelFormatException(null, "model type '" + spec.get("type") + "' is not supported (only sequential)");
            }
            Sequential.Builder b = Sequential.builder();
            b.input(number(spec, "input").intValue());
            b.dtype(dtype != null ? dtype : DType.valueOf(require(spec, "dtype", String.class)));
            b.seed(number(spec, "seed").longValue());
            b.initializer(Initializer.parse(require(spec, "initializer", String.class)));
            List<?> layers = require(spec, "layers", List.class);
            for (int i = 0; i < layers.size(); i++) {
                if (!(layers.get(i) instanceof Map)) {
                    throw new ModelFormatException(null, "layers[" + i + "] is not an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> l = (Map<String, Object>) layers.get(i);
                String type = require(l, "type", String.class);
                if (!"dense".equals(type)) {
                    throw new ModelFormatException(null, "layers[" + i + "]: unknown layer type '" + type + "'");
                }
                b.layer(new DenseConfig(number(l, "inputs").intValue(), number(l, "outputs").intValue(),
                        Activation.parse(require(l, "activation", String.class))));
            }
            b.loss(Losses.parse(require(spec, "loss", String.class)));
            b.optimizer(optimizer(require(spec, "optimizer", Map.class)));
            if (backend != null) {
                b.backend(backend);
            }
            return b;
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new ModelFormatException(null, "invalid model architecture: " + e.getMessage(), e);
        }
    }

    private static Optimizer optimizer(Map<?, ?> opt) throws ModelFormatException {
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) opt;
        Map<?, ?> raw = require(o, "config", Map.class);
        Map<String, Double> config = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getValue() instanceof Number)) {
                throw new ModelFormatException(null, "optimizer.config." + e.getKey() + " is not a number: " + e.getValue());
            }
            config.put(String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue());
        }
        return Optimizers.create(require(o, "id", String.class), config);
    }

    static <T> T require(Map<String, Object> map, String key, Class<T> type) throws ModelFormatException {
        Object v = map.get(key);
        if (v == null) {
            throw new ModelFormatException(null, "missing field '" + key + "'");
        }
        if (!type.isInstance(v)) {
            throw new ModelFormatException(null, "field '" + key + "' should be a " + type.getSimpleName().toLowerCase()
                    + ", got " + v);
        }
        return type.cast(v);
    }

    static Number number(Map<String, Object> map, String key) throws ModelFormatException {
        return require(map, key, Number.class);
    }
}
