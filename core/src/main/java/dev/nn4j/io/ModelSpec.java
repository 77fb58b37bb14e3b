package dev.nn4j.io;

import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.LayerFormats;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Optimizers;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
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
 *  ... (image models: "input":[1,28,28], and each layer type writes its own fields,
 *  e.g. {"type":"conv2d","filters":32,"kernel":[3,3],"stride":[1,1],"padding":"same",...})
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
        Shape in = model.inputShape();
        m.put("input", in.rank() == 1 ? (Object) in.size() : java.util.Arrays.stream(in.dims()).boxed().toList());
        m.put("dtype", model.dtype().name());
        m.put("seed", model.seed());
        m.put("initializer", model.initializer().id());
        List<Object> layers = new ArrayList<>();
        for (LayerConfig c : model.layerConfigs()) {
            layers.add(LayerFormats.write(c));
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
     * null keeps the stored dtype (an integer one throws {@link IllegalArgumentException}).
     * Every missing or malformed field, an integer stored dtype included, is reported by name.
     */
    public static Sequential.Builder rebuild(Map<String, Object> spec, Backend backend, DType dtype)
            throws ModelFormatException {
        if (dtype != null && !dtype.isFloating()) {
            throw new IllegalArgumentException("model spec: dtype " + dtype
                    + " is not a floating type; a model's dtype is FLOAT32 or FLOAT64");
        }
        try {
            require(spec, "type", String.class);
            if (!"sequential".equals(spec.get("type"))) {
                throw new ModelFormatException(null, "model type '" + spec.get("type") + "' is not supported (only sequential)");
            }
            Sequential.Builder b = Sequential.builder();
            Object input = spec.get("input");
            if (input instanceof List<?> dims) {
                int[] shape = new int[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    if (!(dims.get(i) instanceof Number n)) {
                        throw new ModelFormatException(null, "field 'input' should be a list of integers, got " + input);
                    }
                    shape[i] = n.intValue();
                }
                b.input(shape);
            } else {
                b.input(number(spec, "input").intValue());
            }
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
                b.layer(LayerFormats.read("layers[" + i + "]", l));
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
