package dev.nn4j.nn;

import dev.nn4j.backend.Backends;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collects a {@link GraphModel}'s settings: the inputs and outputs (given to
 * {@link GraphModel#builder}), a loss per output, the optimizer (both required), and optionally
 * the initializer (XAVIER), seed (42), backend ({@link Backends#get()}) and dtype (FLOAT32).
 * {@link #build()} takes every node that leads to an output, orders them (depth first from the
 * outputs, each node's inputs in order), names the unnamed ones {@code <type>_<n>}, checks the
 * graph and allocates the layers. Errors name the node and the rule it breaks. One thread.
 */
public final class GraphBuilder {
    private final List<Input> inputs;
    private final List<Node> outputs;
    private Loss loss;
    private final Map<Node, Loss> outputLosses = new IdentityHashMap<>();
    private Optimizer optimizer;
    private Initializer initializer = Initializer.XAVIER;
    private long seed = Sequential.Builder.DEFAULT_SEED;
    private Backend backend;
    private String backendReason = "set on the model builder";
    private DType dtype = DType.FLOAT32;

    GraphBuilder(List<Input> inputs, List<Node> outputs) {
        Objects.requireNonNull(inputs, "graph builder: inputs");
        Objects.requireNonNull(outputs, "graph builder: outputs");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("graph builder: needs at least one input and one output, got "
                    + inputs.size() + " and " + outputs.size());
        }
        Set<String> names = new HashSet<>();
        for (Input in : inputs) {
            Objects.requireNonNull(in, "graph builder: input");
            if (!names.add(in.name())) {
                throw new IllegalArgumentException("graph builder: two inputs are called '" + in.name() + "'");
            }
        }
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node out : outputs) {
            Objects.requireNonNull(out, "graph builder: output");
            if (out instanceof Input) {
                throw new IllegalArgumentException("graph builder: output " + out + " is an input; an output is a"
                        + " node computed from the inputs");
            }
            if (!seen.add(out)) {
                throw new IllegalArgumentException("graph builder: output " + out + " is listed twice");
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** The loss of every output that has none of its own (required unless each has one); give each model its own instance. */
    public GraphBuilder loss(Loss loss) {
        this.loss = Objects.requireNonNull(loss, "graph builder: loss");
        return this;
    }

    /** The loss of one output (which must be one of the builder's outputs); the training loss is the sum. */
    public GraphBuilder loss(Node output, Loss loss) {
        Objects.requireNonNull(loss, "graph builder: loss");
        if (outputs.stream().noneMatch(o -> o == output)) {
            throw new IllegalArgumentException("graph builder: " + output + " is not one of the outputs " + outputs);
        }
        outputLosses.put(output, loss);
        return this;
    }

    /** The optimizer (required); give each model its own instance. */
    public GraphBuilder optimizer(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "graph builder: optimizer");
        return this;
    }

    /** How initial parameters are drawn (default XAVIER; HE suits ReLU networks). */
    public GraphBuilder initializer(Initializer initializer) {
        this.initializer = Objects.requireNonNull(initializer, "graph builder: initializer");
        return this;
    }

    /** Seed of the initial parameters, of dropout masks and of shuffling (default 42). */
    public GraphBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The backend (default {@link Backends#get()}, resolved at {@link #build()}). */
    public GraphBuilder backend(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "graph builder: backend");
        this.backendReason = "set on the model builder";
        return this;
    }

    /** The element type, FLOAT32 (default) or FLOAT64; the integer types throw {@link IllegalArgumentException}. */
    public GraphBuilder dtype(DType dtype) {
        Objects.requireNonNull(dtype, "graph builder: dtype");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("graph builder: dtype " + dtype
                    + " is not a floating type; a model's dtype is FLOAT32 or FLOAT64");
        }
        this.dtype = dtype;
        return this;
    }

    /** Checks the graph and the settings, allocates the layers and draws the initial parameters. */
    public GraphModel build() {
        List<Node> order = order();
        Map<Node, String> names = names(order);
        List<Loss> losses = losses();
        if (optimizer == null) {
            throw new IllegalStateException("graph builder: optimizer is required, e.g. optimizer(new Adam(1e-3))");
        }
        if (backend == null) {
            backendReason = "default, " + Backends.reason();
            backend = Backends.get();
        }
        Map<Node, Integer> index = new IdentityHashMap<>();
        List<String> inputNames = new ArrayList<>();
        List<Shape> inputShapes = new ArrayList<>();
        List<Boolean> tokenInputs = new ArrayList<>();
        for (Input in : inputs) {
            tokenInputs.add(in.holdsTokens());
            index.put(in, index.size());
            inputNames.add(in.name());
            inputShapes.add(in.shape());
        }
        List<Layer> layers = new ArrayList<>();
        List<String> layerNames = new ArrayList<>();
        List<int[]> layerInputs = new ArrayList<>();
        try {
            for (Node n : order) {
                int[] from = new int[n.inputs().size()];
                List<Shape> shapes = new ArrayList<>();
                for (int i = 0; i < from.length; i++) {
                    from[i] = index.get(n.inputs().get(i));
                    shapes.add(n.inputs().get(i).shape());
                }
                layers.add(n.config().create(names.get(n), shapes, backend, dtype));
                layerNames.add(names.get(n));
                layerInputs.add(from);
                index.put(n, index.size());
            }
        } catch (RuntimeException e) {
            for (Layer l : layers) {
                l.close();
            }
            throw e;
        }
        int[] outs = new int[outputs.size()];
        for (int o = 0; o < outs.length; o++) {
            outs[o] = index.get(outputs.get(o));
        }
        Graph graph = new Graph(List.copyOf(inputNames), List.copyOf(inputShapes), List.copyOf(tokenInputs), List.copyOf(layers),
                List.copyOf(layerNames), List.copyOf(layerInputs), outs, List.copyOf(losses));
        return new GraphModel(graph, new GraphModel.Settings(optimizer, initializer, seed, backend, backendReason,
                dtype));
    }

    /**
     * What each node will store (parameters and statistics, what a model file holds), in the
     * order of {@link #build()}, without allocating anything; {@link Long#MAX_VALUE} where a count
     * does not fit a long. A model file's loader compares the sum with the values it holds.
     */
    public long[] storedValuesPerNode() {
        List<Node> order = order();
        long[] values = new long[order.size()];
        for (int i = 0; i < values.length; i++) {
            Node n = order.get(i);
            values[i] = n.config().storedValues(n.inputs().stream().map(Node::shape).toList());
        }
        return values;
    }

    /** The nodes that lead to the outputs, each after its inputs: depth first from the outputs, inputs in order. */
    private List<Node> order() {
        Set<Node> declared = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        declared.addAll(inputs);
        Set<Node> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> usedInputs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> order = new ArrayList<>();
        for (Node out : outputs) {
            Deque<Node> stack = new ArrayDeque<>();
            Deque<Integer> next = new ArrayDeque<>();
            stack.push(out);
            next.push(0);
            while (!stack.isEmpty()) {
                Node n = stack.peek();
                int i = next.pop();
                if (n instanceof Input) {
                    if (!declared.contains(n)) {
                        throw new IllegalStateException("graph builder: input '" + n.name() + "' " + n.shape()
                                + " leads to an output but is not among the builder's inputs " + inputNames());
                    }
                    usedInputs.add(n);
                    stack.pop();
                    continue;
                }
                if (done.contains(n) || i == n.inputs().size()) {
                    if (done.add(n)) {
                        order.add(n);
                    }
                    stack.pop();
                    continue;
                }
                next.push(i + 1);
                stack.push(n.inputs().get(i));
                next.push(0);
            }
        }
        for (Input in : inputs) {
            if (!usedInputs.contains(in)) {
                throw new IllegalStateException("graph builder: input '" + in.name() + "' leads to no output;"
                        + " remove it or use it");
            }
        }
        return order;
    }

    private List<String> inputNames() {
        return inputs.stream().map(Node::name).toList();
    }

    /** Given names checked for uniqueness, the others {@code <type>_<n>} counted per type in model order. */
    private Map<Node, String> names(List<Node> order) {
        Set<String> taken = new HashSet<>(inputNames());
        Map<Node, String> names = new IdentityHashMap<>();
        for (Node n : order) {
            if (n.name() != null) {
                if (!taken.add(n.name())) {
                    throw new IllegalStateException("graph builder: two nodes are called '" + n.name() + "'");
                }
                names.put(n, n.name());
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Node n : order) {
            if (n.name() == null) {
                String type = n.config().type();
                String name;
                do {
                    name = type + "_" + counts.merge(type, 1, Integer::sum);
                } while (!taken.add(name));
                names.put(n, name);
            }
        }
        return names;
    }

    /** Each output's loss, checked against the output's shape and activation. */
    private List<Loss> losses() {
        Map<Node, Loss> byOutput = new LinkedHashMap<>();
        for (Node out : outputs) {
            Loss l = outputLosses.getOrDefault(out, loss);
            if (l == null) {
                throw new IllegalStateException("graph builder: output " + out + " has no loss; set loss(Loss)"
                        + " for every output, e.g. loss(Losses.softmaxCrossEntropy())");
            }
            try {
                l.targetShape(out.shape());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("graph builder: output " + out + " gives " + out.shape()
                        + " per sample: " + e.getMessage(), e);
            }
            LayerConfig c = out.config();
            Activation f = c instanceof DenseConfig d ? d.activation()
                    : c instanceof ActivationConfig a ? a.activation() : null;
            if (f != null && !l.acceptsOutputActivation(f)) {
                throw new IllegalStateException("graph builder: loss " + l.id() + " needs " + l.outputRequirement()
                        + "; output " + out + " uses " + f.id());
            }
            byOutput.put(out, l);
        }
        return new ArrayList<>(byOutput.values());
    }
}
