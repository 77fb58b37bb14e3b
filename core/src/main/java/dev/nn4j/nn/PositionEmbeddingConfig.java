package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a position's vector to each token of a sequence {@code [T, dim]} ({@code T <= length}):
 * learned ({@code weight [length, dim]}, starting normal with standard deviation 0.02, as ViT and
 * GPT-2 start them) or the fixed sinusoids of "Attention is all you need"
 * ({@code PE[t, 2i] = sin(t / 10000^(2i/dim))}, {@code PE[t, 2i+1] = cos(...)}; no parameters).
 * A sequence shorter than {@code length} takes the first {@code T} positions. Output
 * {@code [T, dim]}; cost one add per value.
 */
public record PositionEmbeddingConfig(int length, int dim, boolean learned) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "position_embedding";
    /** The standard deviation learned positions start with. */
    public static final double INIT_STD = 0.02;

    /** Validates the sizes, naming the value. */
    public PositionEmbeddingConfig {
        if (length < 1 || dim < 1) {
            throw new IllegalArgumentException("position_embedding: length and dim must be >= 1, got " + length + " and "
                    + dim);
        }
    }

    /** Learned positions for sequences of up to {@code length} tokens of {@code dim}. */
    public static PositionEmbeddingConfig learned(int length, int dim) {
        return new PositionEmbeddingConfig(length, dim, true);
    }

    /** Sinusoidal positions for sequences of up to {@code length} tokens of {@code dim}. */
    public static PositionEmbeddingConfig sinusoidal(int length, int dim) {
        return new PositionEmbeddingConfig(length, dim, false);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 2 || input.dim(1) != dim || input.dim(0) > length) {
            throw new IllegalArgumentException("takes a sequence [tokens <= " + length + ", " + dim + "] per sample but"
                    + " gets " + input);
        }
        return input;
    }

    /** Learned: {@code weight [length, dim]}; sinusoidal: nothing. */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        if (learned) {
            p.normal("weight", INIT_STD, length, dim);
        }
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        int t = x.dim(1);
        Var table = learned ? s.param("weight") : F.cast(x.recorder().values(Shape.of(length, dim), sinusoids()), x.dtype());
        return F.add(x, t == length ? table : F.slice(table, 0, 0, t));
    }

    /** The sinusoid table {@code [length, dim]}, row-major. */
    double[] sinusoids() {
        double[] pe = new double[length * dim];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < dim; i += 2) {
                double angle = t / Math.pow(10000, (double) i / dim);
                pe[t * dim + i] = Math.sin(angle);
                if (i + 1 < dim) {
                    pe[t * dim + i + 1] = Math.cos(angle);
                }
            }
        }
        return pe;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("length", length);
        m.put("dim", dim);
        m.put("learned", learned);
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static PositionEmbeddingConfig read(LayerJson j) {
        return new PositionEmbeddingConfig(j.integer("length"), j.integer("dim"), j.bool("learned"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(learned(3, 4), 3, 4), LayerExample.of(learned(5, 2), 3, 2),
                LayerExample.of(sinusoidal(4, 6), 4, 6), LayerExample.of(sinusoidal(6, 5), 2, 5));
    }

    /** E.g. {@code position_embedding learned 17x64}. */
    @Override
    public String toString() {
        return TYPE + (learned ? " learned " : " sinusoidal ") + length + "x" + dim;
    }
}
