package dev.nn4j.io;

import dev.nn4j.nn.GraphBuilder;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.LayerFormats;
import dev.nn4j.nn.Loss;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Optimizers;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A {@link GraphModel} other than a {@code Sequential} ({@link #describeGraph}) is written as
 * its inputs, its nodes in the model's order (each with the names it reads and its layer in the
 * form above) and its outputs with their losses:
 * <pre>{@code
 * {"type":"graph","dtype":"FLOAT32","seed":42,"initializer":"he",
 *  "inputs":[{"name":"image","shape":[1,28,28]}],
 *  "nodes":[{"name":"stem","inputs":["image"],"layer":{"type":"conv2d","filters":16,...}}, ...,
 *           {"name":"add_1","inputs":["batchnorm_2","stem"],"layer":{"type":"add"}}, ...],
 *  "outputs":[{"name":"dense_1","loss":"softmax_cross_entropy"}],
 *  "optimizer":{"id":"adam","config":{...}}}
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
        m.put("optimizer", optimizerSpec(model.optimizer()));
        return m;
    }

    /** The architecture of a graph model, in the graph form above. */
    public static Map<String, Object> describeGraph(GraphModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "graph");
        m.put("dtype", model.dtype().name());
        m.put("seed", model.seed());
        m.put("initializer", model.initializer().id());
        List<Object> inputs = new ArrayList<>();
        for (Map.Entry<String, Shape> in : model.inputShapes().entrySet()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", in.getKey());
            i.put("shape", java.util.Arrays.stream(in.getValue().dims()).boxed().toList());
            if (!model.inputDType(in.getKey()).isFloating()) {
                i.put("tokens", true);
            }
            inputs.add(i);
        }
        m.put("inputs", inputs);
        List<Object> nodes = new ArrayList<>();
        for (String name : model.nodeNames()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", name);
            n.put("inputs", model.nodeInputs(name));
            n.put("layer", LayerFormats.write(model.node(name).config()));
            nodes.add(n);
        }
        m.put("nodes", nodes);
        List<Object> outputs = new ArrayList<>();
        for (int o = 0; o < model.outputNames().size(); o++) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", model.outputNames().get(o));
            out.put("loss", model.losses().get(o).id());
            outputs.add(out);
        }
        m.put("outputs", outputs);
        m.put("optimizer", optimizerSpec(model.optimizer()));
        return m;
    }

    /** A graph builder and the number of nodes {@code spec} lists (which the built model must have, none unused). */
    public record GraphSpec(GraphBuilder builder, int nodes) {
    }

    /**
     * A builder of the graph in {@code spec} (the form {@link #describeGraph} writes) on
     * {@code backend}, as {@code dtype} (null: as stored). Names must be unique, and every node
     * may read only inputs and nodes listed before it; each violation is reported by name.
     */
    public static GraphSpec rebuildGraph(Map<String, Object> spec, Backend backend, DType dtype)
            throws ModelFormatException {
        if (dtype != null && !dtype.isFloating()) {
            throw new IllegalArgumentException("model spec: dtype " + dtype
                    + " is not a floating type; a model's dtype is FLOAT32 or FLOAT64");
        }
        try {
            if (!"graph".equals(require(spec, "type", String.class))) {
                throw new ModelFormatException(null, "model type '" + spec.get("type") + "' is not a graph");
            }
            Map<String, Node> byName = new HashMap<>();
            List<Input> inputs = new ArrayList<>();
            List<?> in = require(spec, "inputs", List.class);
            for (int i = 0; i < in.size(); i++) {
                Map<String, Object> entry = object(in.get(i), "inputs[" + i + "]");
                String name = require(entry, "name", String.class);
                int[] shape = integers(require(entry, "shape", List.class), "inputs[" + i + "].shape");
                Object tokens = entry.getOrDefault("tokens", false);
                if (!(tokens instanceof Boolean)) {
                    throw new ModelFormatException(null, "inputs[" + i + "].tokens should be true or false, got " + tokens);
                }
                Input input = (Boolean) tokens ? Input.tokens(name, shape) : Input.of(name, shape);
                unique(byName, name, input);
                inputs.add(input);
            }
            List<?> nodes = require(spec, "nodes", List.class);
            for (int i = 0; i < nodes.size(); i++) {
                String where = "nodes[" + i + "]";
                Map<String, Object> entry = object(nodes.get(i), where);
                String name = require(entry, "name", String.class);
                List<?> reads = require(entry, "inputs", List.class);
                Node[] from = new Node[reads.size()];
                for (int k = 0; k < from.length; k++) {
                    from[k] = byName.get(String.valueOf(reads.get(k)));
                    if (from[k] == null) {
                        throw new ModelFormatException(null, where + " ('" + name + "') reads '" + reads.get(k)
                                + "', which is neither an input nor a node listed before it");
                    }
                }
                Map<String, Object> layer = object(entry.get("layer"), where + ".layer");
                unique(byName, name, Node.of(name, LayerFormats.read(where + ".layer", layer), from));
            }
            List<?> outs = require(spec, "outputs", List.class);
            List<Node> outputs = new ArrayList<>();
            List<Loss> losses = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                Map<String, Object> entry = object(outs.get(i), "outputs[" + i + "]");
                String name = require(entry, "name", String.class);
                Node out = byName.get(name);
                if (out == null || out instanceof Input) {
                    throw new ModelFormatException(null, "outputs[" + i + "] names '" + name + "', which is not a node");
                }
                outputs.add(out);
                losses.add(Losses.parse(require(entry, "loss", String.class)));
            }
            GraphBuilder b = GraphModel.builder(inputs, outputs);
            for (int i = 0; i < outputs.size(); i++) {
                b.loss(outputs.get(i), losses.get(i));
            }
            b.dtype(dtype != null ? dtype : DType.valueOf(require(spec, "dtype", String.class)));
            b.seed(number(spec, "seed").longValue());
            b.initializer(Initializer.parse(require(spec, "initializer", String.class)));
            b.optimizer(optimizer(require(spec, "optimizer", Map.class)));
            if (backend != null) {
                b.backend(backend);
            }
            return new GraphSpec(b, nodes.size());
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new ModelFormatException(null, "invalid model architecture: " + e.getMessage(), e);
        }
    }

    private static void unique(Map<String, Node> byName, String name, Node node) throws ModelFormatException {
        if (byName.putIfAbsent(name, node) != null) {
            throw new ModelFormatException(null, "the name '" + name + "' is used twice");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String where) throws ModelFormatException {
        if (!(v instanceof Map)) {
            throw new ModelFormatException(null, where + " is not an object");
        }
        return (Map<String, Object>) v;
    }

    private static int[] integers(List<?> list, String where) throws ModelFormatException {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != n.intValue()) {
                throw new ModelFormatException(null, where + " should be a list of integers, got " + list);
            }
            out[i] = ((Number) list.get(i)).intValue();
        }
        return out;
    }

    private static Map<String, Object> optimizerSpec(Optimizer optimizer) {
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("id", optimizer.id());
        opt.put("config", new LinkedHashMap<>(optimizer.config()));
        return opt;
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
