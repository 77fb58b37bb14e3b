package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Transformer encoder block, as PyTorch's {@code nn.TransformerEncoderLayer(dim, heads, ffn,
 * dropout, activation, layer_norm_eps, batch_first=True, norm_first)}, with its parameters one to
 * one ({@code self_attn.in_proj_weight}, ..., {@code linear1.weight [ffn, dim]}, {@code linear1.bias},
 * {@code linear2.weight [dim, ffn]}, {@code linear2.bias}, {@code norm1.weight}, ...,
 * {@code norm2.bias}). Sequences {@code [T, dim]} in and out.
 *
 * <p>With {@code normFirst} (pre-norm): {@code x + sa(norm1(x))}, then {@code x + ff(norm2(x))};
 * otherwise (post-norm, PyTorch's default) {@code norm1(x + sa(x))}, then {@code norm2(x + ff(x))};
 * {@code sa} is {@link MultiHeadAttentionConfig self-attention} followed by dropout, {@code ff} is
 * {@code linear2(dropout(act(linear1(x))))} followed by dropout. {@code activation} is {@code relu}
 * or {@code gelu} (exact, as PyTorch's {@code "gelu"}). {@code causal} masks later tokens. Cost
 * per sample {@code 8·T·dim² + 4·T²·dim + 4·T·dim·ffn} flops forward.
 */
public record TransformerEncoderConfig(int dim, int heads, int ffn, double dropout, String activation,
                                       boolean normFirst, double eps, boolean causal) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "transformer_encoder";

    /** Validates every hyper-parameter, naming the value. */
    public TransformerEncoderConfig {
        new MultiHeadAttentionConfig(dim, heads, dropout, causal, false, false);      // dim, heads, dropout
        if (ffn < 1) {
            throw new IllegalArgumentException("transformer_encoder: ffn must be >= 1, got " + ffn);
        }
        if (!"relu".equals(activation) && !"gelu".equals(activation)) {
            throw new IllegalArgumentException("transformer_encoder: activation must be relu or gelu, got " + activation);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("transformer_encoder: eps must be positive and finite, got " + eps);
        }
    }

    /**
     * A block of {@code dim} features, {@code heads} heads and a feed-forward layer of {@code ffn},
     * as PyTorch's defaults otherwise (post-norm, ReLU, dropout 0.1, eps 1e-5, no mask).
     */
    public static TransformerEncoderConfig of(int dim, int heads, int ffn) {
        return new TransformerEncoderConfig(dim, heads, ffn, 0.1, "relu", false, 1e-5, false);
    }

    /** This block with layer norm first ({@code true}, pre-norm) or after each residual ({@code false}). */
    public TransformerEncoderConfig withNormFirst(boolean on) {
        return new TransformerEncoderConfig(dim, heads, ffn, dropout, activation, on, eps, causal);
    }

    /** This block with dropout {@code rate}. */
    public TransformerEncoderConfig withDropout(double rate) {
        return new TransformerEncoderConfig(dim, heads, ffn, rate, activation, normFirst, eps, causal);
    }

    /** This block with activation {@code relu} or {@code gelu}. */
    public TransformerEncoderConfig withActivation(String f) {
        return new TransformerEncoderConfig(dim, heads, ffn, dropout, f, normFirst, eps, causal);
    }

    /** This block with the causal mask (or without). */
    public TransformerEncoderConfig withCausalMask(boolean on) {
        return new TransformerEncoderConfig(dim, heads, ffn, dropout, activation, normFirst, eps, on);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        Attention.requireSequence(input, dim, "the input");
        return input;
    }

    /** PyTorch's {@code state_dict} order: the attention's four, {@code linear1}, {@code linear2}, {@code norm1}, {@code norm2}. */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        MultiHeadAttentionConfig.declare(p, "self_attn.", dim);
        p.weights("linear1.weight", dim, ffn, ffn, dim).bias("linear1.bias", dim, ffn)
                .weights("linear2.weight", ffn, dim, dim, ffn).bias("linear2.bias", ffn, dim)
                .constant("norm1.weight", 1, dim).constant("norm1.bias", 0, dim)
                .constant("norm2.weight", 1, dim).constant("norm2.bias", 0, dim);
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        if (normFirst) {
            x = F.add(x, selfAttention(s, norm(s, "norm1", x)));
            return F.add(x, feedForward(s, norm(s, "norm2", x)));
        }
        x = norm(s, "norm1", F.add(x, selfAttention(s, x)));
        return norm(s, "norm2", F.add(x, feedForward(s, x)));
    }

    private Var selfAttention(LayerScope s, Var x) {
        Var y = Attention.attend(x, x, null, heads, causal, dropout, s.training(), s.param("self_attn.in_proj_weight"),
                s.param("self_attn.in_proj_bias"), s.param("self_attn.out_proj.weight"),
                s.param("self_attn.out_proj.bias"));
        return drop(s, y);
    }

    private Var feedForward(LayerScope s, Var x) {
        Var h = Attention.linear(x, s.param("linear1.weight"), s.param("linear1.bias"));
        h = drop(s, "gelu".equals(activation) ? F.gelu(h, false) : F.activation(Activation.RELU, h));
        return drop(s, Attention.linear(h, s.param("linear2.weight"), s.param("linear2.bias")));
    }

    private Var norm(LayerScope s, String name, Var x) {
        return F.layerNorm(x, s.param(name + ".weight"), s.param(name + ".bias"), 1, eps);
    }

    private Var drop(LayerScope s, Var x) {
        return s.training() && dropout > 0 ? F.dropout(x, dropout) : x;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dim", dim);
        m.put("heads", heads);
        m.put("ffn", ffn);
        m.put("dropout", dropout);
        m.put("activation", activation);
        m.put("norm_first", normFirst);
        m.put("eps", eps);
        m.put("causal", causal);
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static TransformerEncoderConfig read(LayerJson j) {
        return new TransformerEncoderConfig(j.integer("dim"), j.integer("heads"), j.integer("ffn"), j.number("dropout"),
                j.string("activation"), j.bool("norm_first"), j.number("eps"), j.bool("causal"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(of(4, 2, 6).withDropout(0), 3, 4),
                LayerExample.of(of(4, 2, 5).withNormFirst(true).withActivation("gelu").withCausalMask(true), 3, 4),
                LayerExample.of(of(6, 3, 4).withDropout(0.25), 2, 6));
    }

    /** E.g. {@code transformer_encoder 64 heads 4 ffn 128 pre-norm gelu}. */
    @Override
    public String toString() {
        return TYPE + " " + dim + " heads " + heads + " ffn " + ffn + (normFirst ? " pre-norm " : " post-norm ")
                + activation + (dropout > 0 ? " dropout " + dropout : "") + (causal ? " causal" : "");
    }
}
