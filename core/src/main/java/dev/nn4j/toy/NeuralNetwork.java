package dev.nn4j.toy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * The classic "toy neural network" API, made solid: a fully connected network trained one
 * sample at a time with plain gradient descent.
 * <pre>{@code
 * NeuralNetwork nn = new NeuralNetwork(2, 4, 1, 42);
 * for (int i = 0; i < 20000; i++) {
 *     int k = i % 4;
 *     nn.train(xor[k], target[k]);   // error = target - output, weights += lr * gradient
 * }
 * double[] out = nn.predict(new double[] {1, 0});
 * }</pre>
 * Every layer uses the same activation (sigmoid unless {@link #setActivation} says
 * otherwise), weights start uniform in [-1, 1) as in the toy, and {@link #train} is one
 * stochastic step on the squared error {@code 0.5·Σ(target − output)²}, whose output
 * gradient is exactly the toy's {@code error = target − output}. Unlike the original, the
 * learning rate really reaches the update, {@link #toJson()} keeps the activation, and
 * inputs of the wrong length are refused.
 *
 * <p>It runs on {@link Backends#get()} and is built on {@link Sequential}; use that directly
 * for batches, other losses and optimizers. {@link #predict} may be called from many threads
 * at once; {@link #train}, {@link #mutate} and the setters belong to one thread at a time.
 */
public final class NeuralNetwork {
    /** The learning rate of a new network. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    /** Standard deviation of the Gaussian noise that {@link #mutate(double)} adds. */
    public static final double MUTATION_STDDEV = 0.1;

    private final int inputs;
    private final int[] hidden;
    private final int outputs;
    private final long seed;
    private final Backend backend;
    private Rng mutationRng;
    private Activation activation = Activation.SIGMOID;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private Sequential model;
    private Tensor x;
    private Tensor y;

    /** A network with one hidden layer and a random seed. */
    public NeuralNetwork(int inputs, int hidden, int outputs) {
        this(inputs, new int[] {hidden}, outputs, new SplittableRandom().nextLong());
    }

    /** A network with one hidden layer; the same seed gives the same initial weights on every backend. */
    public NeuralNetwork(int inputs, int hidden, int outputs, long seed) {
        this(inputs, new int[] {hidden}, outputs, seed);
    }

    /** A network with any number of hidden layers and a random seed. */
    public NeuralNetwork(int inputs, int[] hidden, int outputs) {
        this(inputs, hidden, outputs, new SplittableRandom().nextLong());
    }

    /** A network with any number of hidden layers (at least one) and a seed. */
    public NeuralNetwork(int inputs, int[] hidden, int outputs, long seed) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("NeuralNetwork: inputs and outputs must be >= 1, got " + inputs
                    + " and " + outputs);
        }
        if (hidden == null || hidden.length == 0) {
            throw new IllegalArgumentException("NeuralNetwork: at least one hidden layer is needed");
        }
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1) {
                throw new IllegalArgumentException("NeuralNetwork: hidden layer " + i + " must have >= 1 nodes, got "
                        + hidden[i]);
            }
        }
        this.inputs = inputs;
        this.hidden = hidden.clone();
        this.outputs = outputs;
        this.seed = seed;
        this.backend = Backends.get();
        this.mutationRng = new Rng(seed).split();
        this.model = build(null);
    }

    private Sequential build(List<double[]> parameterValues) {
        Sequential.Builder b = Sequential.builder().input(inputs);
        for (int h : hidden) {
            b.dense(h, activation);
        }
        b.dense(outputs, activation).loss(Losses.squaredError()).optimizer(new Sgd(learningRate))
                .initializer(Initializer.UNIFORM).seed(seed).backend(backend);
        Sequential m = b.build();
        if (parameterValues != null) {
            List<Parameter> ps = m.parameters();
            for (int i = 0; i < ps.size(); i++) {
                ps.get(i).set(parameterValues.get(i));
            }
        }
        if (x == null) {
            x = backend.zeros(1, inputs);
            y = backend.zeros(1, outputs);
        }
        return m;
    }

    /** Rebuilds the model with the current settings and these parameters; the old model's tensors are released. */
    private void replaceModel(List<double[]> parameterValues) {
        Sequential old = model;
        model = build(parameterValues);
        old.close();
    }

    private List<double[]> parameterValues() {
        List<double[]> values = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            values.add(p.value().toDoubleArray());
        }
        return values;
    }

    /** Feeds {@code input} (length = inputs) forward and returns the outputs. */
    public double[] predict(double[] input) {
        check("predict", "input", input, inputs);
        return model.predict(input);
    }

    /**
     * One step of stochastic gradient descent on one sample: feed forward, error =
     * target − output, gradients back through the layers, weights += learning rate · delta.
     */
    public void train(double[] input, double[] target) {
        load("train", "input", input, x, inputs);
        load("train", "target", target, y, outputs);
        model.trainStep(x, y);
    }

    private static void load(String op, String what, double[] values, Tensor into, int expected) {
        check(op, what, values, expected);
        into.setAll(values);
    }

    private static void check(String op, String what, double[] values, int expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(op + ": expected " + expected + " " + what + " values, got "
                    + (values == null ? "null" : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(op + ": " + what + "[" + i + "] is " + values[i]
                        + "; values must be finite");
            }
        }
    }

    /**
     * The learning rate of the following {@link #train} calls (default {@value #DEFAULT_LEARNING_RATE}):
     * finite and {@code >= 0}; 0 leaves the weights unchanged.
     */
    public void setLearningRate(double learningRate) {
        model.optimizer().setLearningRate(learningRate);
        this.learningRate = learningRate;
    }

    /** The current learning rate. */
    public double getLearningRate() {
        return learningRate;
    }

    /**
     * The activation of every layer (default sigmoid). The weights are kept. Softmax is
     * refused: it is meant for a classifier's output layer, use {@link Sequential} for that.
     */
    public void setActivation(Activation activation) {
        if (activation == null || activation.isRowWise()) {
            throw new IllegalArgumentException("setActivation: " + activation + " is not supported here; choose an"
                    + " element-wise activation (sigmoid, tanh, relu, leaky_relu, elu, gelu, identity)");
        }
        List<double[]> values = parameterValues();
        this.activation = activation;
        replaceModel(values);
    }

    /** The activation of every layer. */
    public Activation getActivation() {
        return activation;
    }

    /**
     * A deep copy: same weights, learning rate and activation, independent from now on. The
     * copy draws its mutations from a stream split off this network's, so copies of one
     * parent mutate differently.
     */
    public NeuralNetwork copy() {
        NeuralNetwork c = new NeuralNetwork(inputs, hidden, outputs, seed);
        c.activation = activation;
        c.learningRate = learningRate;
        c.replaceModel(parameterValues());
        c.mutationRng = mutationRng.split();
        return c;
    }

    /**
     * For neuroevolution: each weight and bias, with probability {@code rate}, gets Gaussian
     * noise with standard deviation {@value #MUTATION_STDDEV} added. Draws come from the
     * network's seeded generator, so runs repeat.
     */
    public void mutate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("mutate: rate must be in [0, 1], got " + rate);
        }
        mutate(w -> mutationRng.nextDouble() < rate ? w + mutationRng.nextGaussian() * MUTATION_STDDEV : w);
    }

    /** Replaces every weight and bias {@code w} by {@code fn(w)}; a non-finite result is refused. */
    public void mutate(DoubleUnaryOperator fn) {
        for (Parameter p : model.parameters()) {
            double[] v = p.value().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                double m = fn.applyAsDouble(v[i]);
                if (!Double.isFinite(m)) {
                    throw new IllegalArgumentException("mutate: the function mapped " + v[i] + " in " + p.name()
                            + " to " + m + "; results must be finite");
                }
                v[i] = m;
            }
            p.set(v);
        }
    }

    /** Number of inputs. */
    public int inputCount() {
        return inputs;
    }

    /** Nodes per hidden layer (a copy). */
    public int[] hiddenCounts() {
        return hidden.clone();
    }

    /** Number of outputs. */
    public int outputCount() {
        return outputs;
    }

    /** The model underneath, for users who outgrow the facade. */
    public Sequential model() {
        return model;
    }

    /**
     * Everything needed to rebuild this network exactly: sizes, activation, learning rate,
     * seed and every weight and bias (float32 values written as exact decimals).
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "nn4j-toy");
        m.put("version", 1);
        m.put("inputs", inputs);
        m.put("hidden", hidden);
        m.put("outputs", outputs);
        m.put("activation", activation.id());
        m.put("learningRate", learningRate);
        m.put("seed", seed);
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            params.put(p.name(), p.value().toDoubleArray());
        }
        m.put("parameters", params);
        try {
            return JSON.std.asString(m);
        } catch (IOException e) {
            throw new IllegalStateException("toJson: " + e.getMessage(), e);
        }
    }

    /** Rebuilds a network written by {@link #toJson()}; malformed input throws naming the field. */
    public static NeuralNetwork fromJson(String json) {
        Map<String, Object> m;
        try {
            m = JSON.std.mapFrom(json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("fromJson: not valid JSON: " + e.getMessage(), e);
        }
        if (m == null) {
            throw new IllegalArgumentException("fromJson: expected a JSON object, got null");
        }
        if (!"nn4j-toy".equals(m.get("format"))) {
            throw new IllegalArgumentException("fromJson: format is '" + m.get("format") + "', expected 'nn4j-toy'");
        }
        if (!Integer.valueOf(1).equals(m.get("version"))) {
            throw new IllegalArgumentException("fromJson: version " + m.get("version") + " is not supported (1)");
        }
        List<?> hiddenList = field(m, "hidden", List.class);
        long[] sizes = new long[hiddenList.size() + 2];
        sizes[0] = size(field(m, "inputs", Number.class), "inputs");
        for (int i = 0; i < hiddenList.size(); i++) {
            if (!(hiddenList.get(i) instanceof Number)) {
                throw new IllegalArgumentException("fromJson: hidden[" + i + "] is not a number: " + hiddenList.get(i));
            }
            sizes[i + 1] = size((Number) hiddenList.get(i), "hidden[" + i + "]");
        }
        sizes[sizes.length - 1] = size(field(m, "outputs", Number.class), "outputs");
        Map<?, ?> params = field(m, "parameters", Map.class);
        requireBackedSizes(sizes, params);
        int[] hidden = new int[hiddenList.size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = (int) sizes[i + 1];
        }
        Activation activation = Activation.parse(field(m, "activation", String.class));
        if (activation.isRowWise()) {
            throw new IllegalArgumentException("fromJson: activation " + activation.id() + " is not supported by the"
                    + " facade; it needs an element-wise activation");
        }
        double rate = field(m, "learningRate", Number.class).doubleValue();
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("fromJson: learningRate must be finite and >= 0, got " + rate);
        }
        NeuralNetwork nn = new NeuralNetwork((int) sizes[0], hidden, (int) sizes[sizes.length - 1],
                field(m, "seed", Number.class).longValue());
        nn.activation = activation;
        nn.learningRate = rate;
        List<double[]> values = new ArrayList<>();
        for (Parameter p : nn.model.parameters()) {
            Object raw = params.get(p.name());
            if (!(raw instanceof List) || ((List<?>) raw).size() != p.size()) {
                throw new IllegalArgumentException("fromJson: parameters." + p.name() + " must be a list of " + p.size()
                        + " numbers for " + p.shape());
            }
            List<?> list = (List<?>) raw;
            double[] v = new double[list.size()];
            for (int i = 0; i < v.length; i++) {
                if (!(list.get(i) instanceof Number)) {
                    throw new IllegalArgumentException("fromJson: parameters." + p.name() + "[" + i + "] is not a number");
                }
                v[i] = ((Number) list.get(i)).doubleValue();
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("fromJson: parameters." + p.name() + "[" + i + "] is " + v[i]
                            + "; values must be finite");
                }
            }
            values.add(v);
        }
        nn.replaceModel(values);
        nn.setLearningRate(nn.learningRate);
        return nn;
    }

    /** A layer size from the JSON: an integer in 1..2^31-1. */
    private static long size(Number n, String what) {
        double v = n.doubleValue();
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fromJson: " + what + " must be an integer >= 1, got " + n);
        }
        return (long) v;
    }

    /**
     * Refuses sizes that need more parameter values than the JSON carries, before anything is
     * allocated: a document claiming a 100000-node layer with no weights fails here, not with
     * an OutOfMemoryError.
     */
    private static void requireBackedSizes(long[] sizes, Map<?, ?> params) {
        long held = 0;
        for (Object v : params.values()) {
            held += v instanceof List ? ((List<?>) v).size() : 0;
        }
        long needed = 0;
        for (int i = 1; i < sizes.length; i++) {
            needed += sizes[i - 1] * sizes[i] + sizes[i];
            if (needed > held) {
                throw new IllegalArgumentException("fromJson: layer sizes " + java.util.Arrays.toString(sizes)
                        + " need more than the " + held + " parameter values the JSON holds");
            }
        }
    }

    private static <T> T field(Map<String, Object> m, String key, Class<T> type) {
        Object v = m.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("fromJson: field '" + key + "' is missing or not a "
                    + type.getSimpleName().toLowerCase());
        }
        return type.cast(v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NeuralNetwork ").append(inputs);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        return sb.append('-').append(outputs).append(' ').append(activation.id()).append(", learning rate ")
                .append(learningRate).append(", on ").append(backend.name()).toString();
    }
}
