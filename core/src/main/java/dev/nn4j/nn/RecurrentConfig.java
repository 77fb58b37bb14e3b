package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recurrent layer, as PyTorch's {@code nn.LSTM} or {@code nn.GRU} with {@code batch_first=True}:
 * {@code layers} stacked cells of {@code hidden} units over sequences {@code [T, inputSize]},
 * returning every step's hidden state {@code [T, hidden]} or the last one {@code [hidden]}.
 * Parameters have PyTorch's names, shapes and gate order, so a {@code state_dict} maps one to one:
 * for each layer {@code k}, {@code weight_ih_lk [G·hidden, in]}, {@code weight_hh_lk [G·hidden,
 * hidden]}, {@code bias_ih_lk}, {@code bias_hh_lk [G·hidden]}, with {@code G} 4 for the LSTM (gates
 * input, forget, cell, output) and 3 for the GRU (reset, update, new).
 *
 * <p>Initial states are zero, or, {@link #withInitialStates with initial states}, further inputs of
 * the node: {@code h0} and (LSTM) {@code c0}, each {@code [layers, hidden]} per sample, so a batch
 * is {@code [n, layers, hidden]} (PyTorch's {@code h_0} is {@code [layers, n, hidden]}: permute its
 * first two axes). They take gradients like any input.
 *
 * <p>LSTM: {@code i, f, g, o = σ, σ, tanh, σ (x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)};
 * {@code c' = f ⊙ c + i ⊙ g}; {@code h' = o ⊙ tanh(c')}. GRU: {@code r, z = σ(...)};
 * {@code n = tanh(x·W_inᵀ + b_in + r ⊙ (h·W_hnᵀ + b_hn))}; {@code h' = (1 − z) ⊙ n + z ⊙ h}.
 * The input projections of all steps are one product; the recurrence is unrolled over {@code T}
 * steps, and backpropagation through time follows from the ops. Weights start as the model's
 * initializer draws them (fans {@code in} and {@code G·hidden}); biases at zero.
 */
public record RecurrentConfig(String cell, int inputSize, int hidden, int layers, boolean returnSequences,
                              boolean initialStates) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "recurrent";

    /** Validates every hyper-parameter, naming the value. */
    public RecurrentConfig {
        if (!"lstm".equals(cell) && !"gru".equals(cell)) {
            throw new IllegalArgumentException("recurrent: cell must be lstm or gru, got " + cell);
        }
        if (inputSize < 1 || hidden < 1 || layers < 1) {
            throw new IllegalArgumentException("recurrent: inputSize, hidden and layers must be >= 1, got " + inputSize
                    + ", " + hidden + " and " + layers);
        }
    }

    /** A layer whose initial states are zero. */
    public RecurrentConfig(String cell, int inputSize, int hidden, int layers, boolean returnSequences) {
        this(cell, inputSize, hidden, layers, returnSequences, false);
    }

    /** An LSTM of {@code hidden} units over {@code inputSize} features, one layer, returning the last step. */
    public static RecurrentConfig lstm(int inputSize, int hidden) {
        return new RecurrentConfig("lstm", inputSize, hidden, 1, false);
    }

    /** A GRU of {@code hidden} units over {@code inputSize} features, one layer, returning the last step. */
    public static RecurrentConfig gru(int inputSize, int hidden) {
        return new RecurrentConfig("gru", inputSize, hidden, 1, false);
    }

    /** This layer with {@code n} stacked layers. */
    public RecurrentConfig withLayers(int n) {
        return new RecurrentConfig(cell, inputSize, hidden, n, returnSequences, initialStates);
    }

    /** This layer returning every step ({@code true}) or the last ({@code false}). */
    public RecurrentConfig withReturnSequences(boolean all) {
        return new RecurrentConfig(cell, inputSize, hidden, layers, all, initialStates);
    }

    /**
     * This layer taking its initial states as inputs after the sequence ({@code true}): {@code h0},
     * and for the LSTM {@code c0}, each {@code [layers, hidden]} per sample; zero states ({@code false}).
     */
    public RecurrentConfig withInitialStates(boolean on) {
        return new RecurrentConfig(cell, inputSize, hidden, layers, returnSequences, on);
    }

    /** The inputs a node of this layer reads: the sequence, then the initial states if taken. */
    private int inputCount() {
        return initialStates ? ("lstm".equals(cell) ? 3 : 2) : 1;
    }

    @Override
    public String type() {
        return TYPE;
    }

    private int gates() {
        return "lstm".equals(cell) ? 4 : 3;
    }

    @Override
    public Shape outputShape(Shape input) {
        return outputShape(List.of(input));
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        String states = "lstm".equals(cell) ? "h0 and c0" : "h0";
        if (inputs.size() != inputCount()) {
            throw new IllegalArgumentException(cell + " takes " + (initialStates ? "the sequence, " + states
                    : "one sequence (withInitialStates(true) to take " + states + " too)") + ", got " + inputs.size()
                    + " inputs " + inputs);
        }
        Shape input = inputs.get(0);
        Attention.requireSequence(input, inputSize, "the input");
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(Shape.of(layers, hidden))) {
                throw new IllegalArgumentException("takes initial states [layers, hidden] = " + Shape.of(layers, hidden)
                        + " per sample but input " + i + " is " + inputs.get(i));
            }
        }
        return returnSequences ? Shape.of(input.dim(0), hidden) : Shape.of(hidden);
    }

    @Override
    public void declare(List<Shape> inputs, ParameterSpecs p) {
        declare(inputs.get(0), p);
    }

    /** Per layer, PyTorch's order: {@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh}. */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        int g = gates() * hidden;
        for (int k = 0; k < layers; k++) {
            int in = k == 0 ? inputSize : hidden;
            p.weights("weight_ih_l" + k, in, g, g, in).weights("weight_hh_l" + k, hidden, g, g, hidden)
                    .bias("bias_ih_l" + k, in, g).bias("bias_hh_l" + k, hidden, g);
        }
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        return forward(s, List.of(x));
    }

    @Override
    public Var forward(LayerScope s, List<Var> inputs) {
        Var x = inputs.get(0);
        int n = x.dim(0);
        int steps = x.dim(1);
        Var sequence = x;
        Var last = null;
        for (int k = 0; k < layers; k++) {
            Var projected = Attention.linear(sequence, s.param("weight_ih_l" + k), s.param("bias_ih_l" + k));
            Var whh = s.param("weight_hh_l" + k);
            Var bhh = s.param("bias_hh_l" + k);
            Var h = initialStates ? state(inputs.get(1), k, n) : null;
            Var c = initialStates && "lstm".equals(cell) ? state(inputs.get(2), k, n) : null;
            List<Var> outputs = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                Var xt = F.reshape(F.slice(projected, 1, t, 1), Shape.matrix(n, gates() * hidden));
                Var recurrent = h == null ? null : F.add(F.matmul(h, whh, false, true), bhh);
                if ("lstm".equals(cell)) {
                    Var z = recurrent == null ? F.add(xt, bhh) : F.add(xt, recurrent);
                    Var i = gate(z, 0, Activation.SIGMOID);
                    Var f = gate(z, 1, Activation.SIGMOID);
                    Var g = gate(z, 2, Activation.TANH);
                    Var o = gate(z, 3, Activation.SIGMOID);
                    c = c == null ? F.mul(i, g) : F.add(F.mul(f, c), F.mul(i, g));
                    h = F.mul(o, F.activation(Activation.TANH, c));
                } else {
                    Var hh = recurrent == null ? bhh : recurrent;           // h0 = 0: only the bias
                    Var r = F.activation(Activation.SIGMOID, F.add(slice(xt, 0), slice(hh, 0)));
                    Var u = F.activation(Activation.SIGMOID, F.add(slice(xt, 1), slice(hh, 1)));
                    Var candidate = F.activation(Activation.TANH, F.add(slice(xt, 2), F.mul(r, slice(hh, 2))));
                    Var keep = h == null ? null : F.mul(u, h);
                    Var fresh = F.mul(F.affine(u, -1, 1), candidate);            // (1 − z) ⊙ n
                    h = keep == null ? fresh : F.add(fresh, keep);
                }
                outputs.add(h);
            }
            last = h;
            if (k < layers - 1 || returnSequences) {
                List<Var> stepped = new ArrayList<>();
                for (Var o : outputs) {
                    stepped.add(F.reshape(o, Shape.of(n, 1, hidden)));
                }
                sequence = F.concat(1, stepped.toArray(new Var[0]));
            }
        }
        return returnSequences ? sequence : last;
    }

    /** Layer {@code k}'s initial state {@code [n, hidden]} of the states {@code [n, layers, hidden]}. */
    private Var state(Var states, int k, int n) {
        return F.reshape(F.slice(states, 1, k, 1), Shape.matrix(n, hidden));
    }

    /** Gate {@code k} of the stacked pre-activations {@code z [n, G·hidden]}, through {@code f}. */
    private Var gate(Var z, int k, Activation f) {
        return F.activation(f, slice(z, k));
    }

    /** Gate {@code k}'s part of the last axis of {@code z} ({@code [n, G·hidden]}, or a bias {@code [G·hidden]}). */
    private Var slice(Var z, int k) {
        return F.slice(z, z.rank() - 1, k * hidden, hidden);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", cell);
        m.put("inputs", inputSize);
        m.put("hidden", hidden);
        m.put("layers", layers);
        m.put("return_sequences", returnSequences);
        if (initialStates) {
            m.put("initial_states", true);
        }
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static RecurrentConfig read(LayerJson j) {
        return new RecurrentConfig(j.string("cell"), j.integer("inputs"), j.integer("hidden"), j.integer("layers"),
                j.bool("return_sequences"), j.bool("initial_states", false));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(lstm(3, 4), 4, 3), LayerExample.of(lstm(2, 3).withLayers(2).withReturnSequences(true),
                        3, 2),
                LayerExample.of(gru(3, 4), 4, 3), LayerExample.of(gru(2, 3).withLayers(2).withReturnSequences(true), 3, 2),
                new LayerExample(lstm(2, 3).withLayers(2).withInitialStates(true), List.of(Shape.of(3, 2), Shape.of(2, 3),
                        Shape.of(2, 3))),
                new LayerExample(gru(2, 3).withReturnSequences(true).withInitialStates(true), List.of(Shape.of(3, 2),
                        Shape.of(1, 3))));
    }

    /** E.g. {@code lstm 28->128 x1 last}. */
    @Override
    public String toString() {
        return cell + " " + inputSize + "->" + hidden + " x" + layers + (returnSequences ? " all steps" : " last step")
                + (initialStates ? ", initial states" : "");
    }
}
