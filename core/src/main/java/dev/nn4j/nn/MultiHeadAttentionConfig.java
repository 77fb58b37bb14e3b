package dev.nn4j.nn;

import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-head scaled dot-product attention, as PyTorch's {@code nn.MultiheadAttention(dim, heads,
 * dropout, batch_first=True)}, with its parameters one to one: {@code in_proj_weight [3·dim, dim]}
 * (query, key and value projections, stacked), {@code in_proj_bias [3·dim]},
 * {@code out_proj.weight [dim, dim]}, {@code out_proj.bias [dim]}.
 *
 * <p>Inputs, per sample: the queries {@code [Tq, dim]}; with {@code cross}, then the keys and
 * values {@code [Tk, dim]} (otherwise the queries attend to themselves); with
 * {@code keyPaddingMask}, last, a mask {@code [Tk]} that is nonzero where a key is padding (as
 * PyTorch's {@code key_padding_mask}). {@code causal} hides each query's later keys (a language
 * model's mask). A query whose every key is masked gets zeros rather than PyTorch's NaN. Output
 * {@code [Tq, dim]}. {@code dropout} drops attention weights in training. The weights start as
 * the model's initializer draws them (fans {@code dim} and {@code 3·dim}); biases at zero.
 */
public record MultiHeadAttentionConfig(int dim, int heads, double dropout, boolean causal, boolean cross,
                                       boolean keyPaddingMask) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "multihead_attention";

    /** Validates the sizes and the rate, naming the value. */
    public MultiHeadAttentionConfig {
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("multihead_attention: dim (" + dim + ") must be a positive multiple of"
                    + " heads (" + heads + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("multihead_attention: dropout must be in [0, 1), got " + dropout);
        }
    }

    /** Self-attention of {@code heads} heads over {@code dim} features, no mask, no dropout. */
    public static MultiHeadAttentionConfig self(int dim, int heads) {
        return new MultiHeadAttentionConfig(dim, heads, 0, false, false, false);
    }

    /** This attention with each query hiding its later keys. */
    public MultiHeadAttentionConfig withCausalMask() {
        return new MultiHeadAttentionConfig(dim, heads, dropout, true, cross, keyPaddingMask);
    }

    /** This attention taking keys and values from a second input. */
    public MultiHeadAttentionConfig withCrossInput() {
        return new MultiHeadAttentionConfig(dim, heads, dropout, causal, true, keyPaddingMask);
    }

    /** This attention taking a key padding mask as its last input. */
    public MultiHeadAttentionConfig withKeyPaddingMask() {
        return new MultiHeadAttentionConfig(dim, heads, dropout, causal, cross, true);
    }

    /** This attention with dropout {@code rate} on its weights in training. */
    public MultiHeadAttentionConfig withDropout(double rate) {
        return new MultiHeadAttentionConfig(dim, heads, rate, causal, cross, keyPaddingMask);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The number of inputs: the queries, then the keys and values with {@code cross}, then the mask. */
    int inputCount() {
        return 1 + (cross ? 1 : 0) + (keyPaddingMask ? 1 : 0);
    }

    @Override
    public Shape outputShape(Shape input) {
        return outputShape(List.of(input));
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != inputCount()) {
            throw new IllegalArgumentException(this + " takes " + inputCount() + " inputs (queries"
                    + (cross ? ", keys and values" : "") + (keyPaddingMask ? ", key padding mask" : "") + "), got "
                    + inputs.size() + " " + inputs);
        }
        Attention.requireSequence(inputs.get(0), dim, "the queries");
        Shape kv = cross ? inputs.get(1) : inputs.get(0);
        Attention.requireSequence(kv, dim, "the keys and values");
        if (keyPaddingMask) {
            Shape m = inputs.get(inputs.size() - 1);
            if (m.rank() != 1 || m.dim(0) != kv.dim(0)) {
                throw new IllegalArgumentException("the key padding mask must be [" + kv.dim(0) + "] per sample (one"
                        + " value per key) but is " + m);
            }
        }
        return inputs.get(0);
    }

    /** {@code in_proj_weight}, {@code in_proj_bias}, {@code out_proj.weight}, {@code out_proj.bias}: PyTorch's order. */
    @Override
    public void declare(List<Shape> inputs, ParameterSpecs p) {
        declare(p, "", dim);
    }

    /** The attention's parameters under {@code prefix} (the encoder block's {@code self_attn.}). */
    static void declare(ParameterSpecs p, String prefix, int dim) {
        p.weights(prefix + "in_proj_weight", dim, 3 * dim, 3 * dim, dim).bias(prefix + "in_proj_bias", dim, 3 * dim)
                .weights(prefix + "out_proj.weight", dim, dim, dim, dim).bias(prefix + "out_proj.bias", dim, dim);
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        return forward(s, List.of(x));
    }

    /** {@link Attention#attend} with this layer's parameters. */
    @Override
    public Var forward(LayerScope s, List<Var> inputs) {
        Var q = inputs.get(0);
        Var kv = cross ? inputs.get(1) : q;
        Var mask = keyPaddingMask ? inputs.get(inputs.size() - 1) : null;
        return Attention.attend(q, kv, mask, heads, causal, dropout, s.training(), s.param("in_proj_weight"),
                s.param("in_proj_bias"), s.param("out_proj.weight"), s.param("out_proj.bias"));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dim", dim);
        m.put("heads", heads);
        m.put("dropout", dropout);
        m.put("causal", causal);
        m.put("cross", cross);
        m.put("key_padding_mask", keyPaddingMask);
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static MultiHeadAttentionConfig read(LayerJson j) {
        return new MultiHeadAttentionConfig(j.integer("dim"), j.integer("heads"), j.number("dropout"), j.bool("causal"),
                j.bool("cross"), j.bool("key_padding_mask"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(self(4, 2), 3, 4),
                LayerExample.of(self(6, 3).withCausalMask().withDropout(0.2), 4, 6),
                new LayerExample(self(4, 2).withCrossInput(), List.of(Shape.of(2, 4), Shape.of(3, 4))),
                new LayerExample(self(4, 1).withCausalMask().withKeyPaddingMask(), List.of(Shape.of(3, 4), Shape.of(3))));
    }

    /** E.g. {@code multihead_attention 64 heads 4 causal}. */
    @Override
    public String toString() {
        return TYPE + " " + dim + " heads " + heads + (dropout > 0 ? " dropout " + dropout : "") + (causal ? " causal" : "")
                + (cross ? " cross" : "") + (keyPaddingMask ? " key-padding-mask" : "");
    }
}
