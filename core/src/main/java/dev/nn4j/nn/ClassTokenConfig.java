package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * Puts a learned class token before a sequence, as ViT and BERT do: {@code [T, dim] -> [T + 1, dim]},
 * the token {@code token [1, dim]} first (starting normal with standard deviation 0.02). Read it
 * back after the encoder with {@link SequencePoolConfig#first()}. Cost one copy of the sequence.
 */
public record ClassTokenConfig(int dim) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "class_token";

    /** Validates the size. */
    public ClassTokenConfig {
        if (dim < 1) {
            throw new IllegalArgumentException("class_token: dim must be >= 1, got " + dim);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        Attention.requireSequence(input, dim, "the input");
        return Shape.of(input.dim(0) + 1, dim);
    }

    /** {@code token [1, dim]}. */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        p.normal("token", PositionEmbeddingConfig.INIT_STD, 1, dim);
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        Var token = F.expand(F.reshape(s.param("token"), Shape.of(1, 1, dim)), Shape.of(x.dim(0), 1, dim));
        return F.concat(1, token, x);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("dim", dim);
    }

    /** Reads {@link #toJson()}'s form. */
    public static ClassTokenConfig read(LayerJson j) {
        return new ClassTokenConfig(j.integer("dim"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(new ClassTokenConfig(4), 3, 4));
    }

    @Override
    public String toString() {
        return TYPE + " " + dim;
    }
}
