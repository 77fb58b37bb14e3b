package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A value in a model graph, as Keras's functional API builds one: a layer ({@link LayerConfig})
 * applied to one or more earlier nodes, or a graph {@link Input}. Nodes are descriptions, with
 * no tensors or backend; {@link GraphModel#builder(Input, Node)} turns the nodes that lead to the
 * outputs into a model.
 * <pre>{@code
 * Input image = Input.of("image", 1, 28, 28);
 * Node x = image.then(Conv2DConfig.of(16, 3, Padding.same(), Activation.RELU));
 * Node y = x.then(Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY));
 * Node sum = Node.add(y, x).then(new ActivationConfig(Activation.RELU));     // a residual connection
 * }</pre>
 *
 * <p>The per-sample output {@link #shape()} is inferred when the node is made, so a layer that
 * does not fit its inputs throws {@link IllegalArgumentException} at the line that made it,
 * naming the node, the layer and every input shape. A node's name is given or, when not, set
 * when the model is built to {@code <type>_<n>} (e.g. {@code conv2d_1}, counted per type in the
 * model's order); names are unique within a model and prefix the node's parameters
 * ({@code conv2d_1.weights}). Immutable and thread-safe; one node may feed many others (a fan-out,
 * whose gradients are summed).
 */
public class Node {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,128}");

    private final String name;
    private final LayerConfig config;
    private final List<Node> inputs;
    private final Shape shape;

    /** A graph input: no layer, no inputs. */
    Node(String name, Shape shape) {
        this.name = checkName(name);
        this.config = null;
        this.inputs = List.of();
        this.shape = shape;
    }

    private Node(String name, LayerConfig config, List<Node> inputs) {
        this.name = name == null ? null : checkName(name);
        this.config = Objects.requireNonNull(config, "node: layer config");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("node " + describe(name, config) + ": no inputs");
        }
        for (Node n : inputs) {
            Objects.requireNonNull(n, "node " + describe(name, config) + ": input");
        }
        this.inputs = List.copyOf(inputs);
        List<Shape> shapes = this.inputs.stream().map(Node::shape).toList();
        try {
            this.shape = config.outputShape(shapes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node " + describe(name, config) + " (" + config + ") on inputs "
                    + describeInputs(this.inputs) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The node {@code config} makes from {@code inputs} (in that order), called {@code name}
     * (null: named when the model is built).
     *
     * @throws IllegalArgumentException when the layer does not fit the inputs' shapes, or the name
     *     is not 1-128 letters, digits or {@code _.:/-}
     */
    public static Node of(String name, LayerConfig config, Node... inputs) {
        return new Node(name, config, List.of(inputs));
    }

    /** This node fed into a single-input layer, named when the model is built. */
    public Node then(LayerConfig config) {
        return new Node(null, config, List.of(this));
    }

    /** This node fed into a single-input layer called {@code name}. */
    public Node then(String name, LayerConfig config) {
        return new Node(name, config, List.of(this));
    }

    /**
     * A fully connected layer of {@code units} on this node, its input size taken from this
     * node's flat shape (as {@code Sequential.Builder.dense} does), or applied to each token of a
     * sequence {@code [T, features]}.
     *
     * @throws IllegalArgumentException when this node's samples are not flat (add a flatten first)
     */
    public Node dense(int units, Activation f) {
        if (shape.rank() == 2) {
            return then(new DenseConfig(shape.dim(1), units, f));        // each token of a sequence
        }
        if (shape.rank() != 1) {
            throw new IllegalArgumentException("node dense on " + describeInputs(List.of(this))
                    + ": dense takes flat samples [features] or sequences [tokens, features]; add flatten() before it");
        }
        return then(new DenseConfig(shape.size(), units, f));
    }

    /** The element-wise sum of two or more nodes ({@link AddConfig}); shapes broadcast. */
    public static Node add(Node... inputs) {
        return new Node(null, new AddConfig(), List.of(inputs));
    }

    /** The element-wise product of two or more nodes ({@link MultiplyConfig}); shapes broadcast. */
    public static Node multiply(Node... inputs) {
        return new Node(null, new MultiplyConfig(), List.of(inputs));
    }

    /** Two or more nodes joined along per-sample {@code axis} ({@link ConcatConfig}): 0 is features or channels. */
    public static Node concat(int axis, Node... inputs) {
        return new Node(null, new ConcatConfig(axis), List.of(inputs));
    }

    /** The given name, or null when the model will name it. */
    public String name() {
        return name;
    }

    /** The layer, or null for an {@link Input}. */
    public LayerConfig config() {
        return config;
    }

    /** The nodes this one reads, in order (empty for an input). */
    public List<Node> inputs() {
        return inputs;
    }

    /** The per-sample output shape, e.g. {@code [16x28x28]}. */
    public Shape shape() {
        return shape;
    }

    /** E.g. {@code add [16x28x28]} or {@code stem conv2d [16x28x28]}. */
    @Override
    public String toString() {
        return (name == null ? "" : name + " ") + (config == null ? "input" : config.type()) + " " + shape;
    }

    private static String describe(String name, LayerConfig config) {
        return name != null ? "'" + name + "'" : config == null ? "input" : config.type();
    }

    private static String describeInputs(List<Node> inputs) {
        StringBuilder sb = new StringBuilder();
        for (Node n : inputs) {
            String type = n.config == null ? "input" : n.config.type();
            sb.append(sb.length() == 0 ? "" : ", ").append(n.name != null ? n.name + " (" + type + ")" : type)
                    .append(' ').append(n.shape);
        }
        return sb.toString();
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "node name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("node name '" + name + "' must be 1 to 128 letters, digits or _.:/-");
        }
        return name;
    }
}
